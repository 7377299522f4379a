package scan

import (
	"image"
	"slices"
)

// flatten evens the background: a phone photo is lit unevenly and a scan of
// recycled paper is grey. The background is estimated per block of a
// quarter inch as a bright percentile (text covers well under half of a
// block), smoothed with the neighbouring blocks' maximum so that a block
// filled by a bold heading takes its neighbours' paper, and interpolated
// between block centres. Each pixel is then divided by it: paper becomes
// white whatever the light, ink keeps its contrast.
func flatten(g *image.Gray, dpi float64) {
	b := g.Rect
	bs := max(8, int(dpi/4))
	gw, gh := (b.Dx()+bs-1)/bs, (b.Dy()+bs-1)/bs
	bg := make([]float64, gw*gh)
	var hist [256]int
	for by := range gh {
		for bx := range gw {
			hist = [256]int{}
			n := 0
			for y := by * bs; y < min(b.Dy(), (by+1)*bs); y++ {
				row := g.Pix[y*g.Stride:]
				for x := bx * bs; x < min(b.Dx(), (bx+1)*bs); x++ {
					hist[row[x]]++
					n++
				}
			}
			// The 90th percentile.
			k, acc := 255, 0
			for ; k > 0; k-- {
				acc += hist[k]
				if acc*10 >= n {
					break
				}
			}
			bg[by*gw+bx] = float64(k)
		}
	}
	sm := make([]float64, len(bg))
	for by := range gh {
		for bx := range gw {
			var nb []float64
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					x, y := bx+dx, by+dy
					if x >= 0 && y >= 0 && x < gw && y < gh {
						nb = append(nb, bg[y*gw+x])
					}
				}
			}
			slices.Sort(nb)
			// The second brightest of the neighbourhood: one stain does not
			// darken the page, one bold block does not lighten its text.
			sm[by*gw+bx] = max(nb[max(0, len(nb)-2)], 64)
		}
	}
	// Bilinear interpolation between block centres.
	at := func(x, y int) float64 {
		x, y = min(max(x, 0), gw-1), min(max(y, 0), gh-1)
		return sm[y*gw+x]
	}
	rowBg := make([]float64, b.Dx())
	for y := range b.Dy() {
		fy := (float64(y)+0.5)/float64(bs) - 0.5
		y0 := int(fy)
		if fy < 0 {
			y0 = -1
		}
		wy := fy - float64(y0)
		for x := range b.Dx() {
			fx := (float64(x)+0.5)/float64(bs) - 0.5
			x0 := int(fx)
			if fx < 0 {
				x0 = -1
			}
			wx := fx - float64(x0)
			rowBg[x] = (at(x0, y0)*(1-wx)+at(x0+1, y0)*wx)*(1-wy) + (at(x0, y0+1)*(1-wx)+at(x0+1, y0+1)*wx)*wy
		}
		row := g.Pix[y*g.Stride:]
		for x := range b.Dx() {
			v := float64(row[x]) * 255 / rowBg[x]
			row[x] = uint8(min(255, v+0.5))
		}
	}
}
