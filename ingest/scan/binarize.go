package scan

import "image"

// otsu returns the grey level that best splits g into ink and paper
// (Otsu's between-class variance). After flatten the paper is white, so one
// threshold serves the whole page.
func otsu(g *image.Gray) uint8 {
	var hist [256]float64
	for y := range g.Rect.Dy() {
		for _, v := range g.Pix[y*g.Stride : y*g.Stride+g.Rect.Dx()] {
			hist[v]++
		}
	}
	var total, sum float64
	for i, h := range hist {
		total += h
		sum += float64(i) * h
	}
	var wB, sumB, best float64
	t := uint8(128)
	for i, h := range hist {
		wB += h
		if wB == 0 {
			continue
		}
		wF := total - wB
		if wF == 0 {
			break
		}
		sumB += float64(i) * h
		mB, mF := sumB/wB, (sum-sumB)/wF
		if v := wB * wF * (mB - mF) * (mB - mF); v > best {
			best, t = v, uint8(i)
		}
	}
	return t
}

// binarize returns the ink mask of g: true where darker than t.
func binarize(g *image.Gray, t uint8) []bool {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	m := make([]bool, w*h)
	for y := range h {
		row := g.Pix[y*g.Stride:]
		for x := range w {
			m[y*w+x] = row[x] <= t
		}
	}
	return m
}
