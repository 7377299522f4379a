package ocr

import "image"

// resize scales the part r of src to w×h by bilinear interpolation, with
// pixel centres aligned as OpenCV's INTER_LINEAR does (the networks were
// trained on OpenCV resizes). Pixels outside src read as its nearest edge.
func resize(src *image.Gray, r image.Rectangle, w, h int) []uint8 {
	return resizeInto(nil, src, r, w, h)
}

// resizeInto is resize writing into buf when it is large enough.
func resizeInto(buf []uint8, src *image.Gray, r image.Rectangle, w, h int) []uint8 {
	if cap(buf) < w*h {
		buf = make([]uint8, w*h)
	}
	out := buf[:w*h]
	if r.Empty() || w <= 0 || h <= 0 {
		return out
	}
	sx := float64(r.Dx()) / float64(w)
	sy := float64(r.Dy()) / float64(h)
	b := src.Bounds()
	at := func(x, y int) float64 {
		x = min(max(x, b.Min.X), b.Max.X-1)
		y = min(max(y, b.Min.Y), b.Max.Y-1)
		return float64(src.Pix[(y-b.Min.Y)*src.Stride+(x-b.Min.X)])
	}
	x0s := make([]int, w)
	fxs := make([]float64, w)
	for x := range w {
		fx := (float64(x)+0.5)*sx - 0.5
		if fx < 0 {
			fx = 0
		}
		x0 := int(fx)
		x0s[x], fxs[x] = r.Min.X+x0, fx-float64(x0)
	}
	for y := range h {
		fy := (float64(y)+0.5)*sy - 0.5
		if fy < 0 {
			fy = 0
		}
		y0 := int(fy)
		wy := fy - float64(y0)
		y0 += r.Min.Y
		row := out[y*w : (y+1)*w]
		for x := range w {
			x0, wx := x0s[x], fxs[x]
			v := (at(x0, y0)*(1-wx)+at(x0+1, y0)*wx)*(1-wy) + (at(x0, y0+1)*(1-wx)+at(x0+1, y0+1)*wx)*wy
			row[x] = uint8(v + 0.5)
		}
	}
	return out
}
