package scan

import (
	"image"
	"math"
)

// maxSkew is the largest tilt looked for, in degrees: a page fed crooked
// into a scanner or photographed by hand is off by a few degrees.
const maxSkew = 5.0

// skew estimates the page's tilt in degrees by row-projection variance:
// ink projected along the true text direction piles into sharp rows and
// blank leading, so the histogram of y − x·tan(a) is the most uneven
// (largest sum of squares) at the page's angle a. Positive is clockwise on
// screen (lines descend to the right).
func skew(ink []bool, w, h int) float64 {
	// A sample of the ink: every third pixel of every row is plenty. (Rows
	// must not be skipped: with every other row, half the bins would stay
	// empty at angle 0 only, and that aliasing alone would win.)
	var xs, ys []float64
	for y := 0; y < h; y++ {
		for x := 0; x < w; x += 3 {
			if ink[y*w+x] {
				xs = append(xs, float64(x))
				ys = append(ys, float64(y))
			}
		}
	}
	if len(xs) < 100 {
		return 0
	}
	cx := float64(w) / 2
	score := func(deg float64) float64 {
		t := math.Tan(deg * math.Pi / 180)
		off := cx*math.Abs(t) + 2
		bins := make([]float64, int(float64(h)+2*off)+2)
		for i := range xs {
			bins[int(ys[i]-(xs[i]-cx)*t+off)]++
		}
		var s float64
		for _, v := range bins {
			s += v * v
		}
		return s
	}
	search := func(from, to, step float64) float64 {
		best, bs := 0.0, -1.0
		for a := from; a <= to+step/2; a += step {
			if s := score(a); s > bs {
				best, bs = a, s
			}
		}
		return best
	}
	a := search(-maxSkew, maxSkew, 0.25)
	a = search(a-0.25, a+0.25, 0.05)
	return search(a-0.05, a+0.05, 0.01)
}

// turned calls f for every pixel (u, v) of a w×h image turned by deg
// degrees (skew's sign) about its centre, with the point (x, y) of the
// original it comes from, in pixel coordinates.
func turned(w, h int, deg float64, f func(u, v int, x, y float64)) {
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	for v := range h {
		dv := float64(v) + 0.5 - cy
		for u := range w {
			du := float64(u) + 0.5 - cx
			f(u, v, du*cos-dv*sin+cx-0.5, du*sin+dv*cos+cy-0.5)
		}
	}
}

// rotate turns g by deg degrees (skew's sign) about its centre so that its
// lines become level; what comes in from outside the page is white.
func rotate(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	px := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g.Pix[y*g.Stride+x])
	}
	turned(w, h, deg, func(u, v int, x, y float64) {
		x0, y0 := int(math.Floor(x)), int(math.Floor(y))
		fx, fy := x-float64(x0), y-float64(y0)
		var val float64
		if x0 >= 0 && y0 >= 0 && x0+1 < w && y0+1 < h {
			// Inside the page, without the bounds test per neighbour: the
			// same sums in the same order, so the same pixels, at about
			// two thirds of the time (every tilted page comes here).
			p := g.Pix[y0*g.Stride+x0:]
			q := g.Pix[(y0+1)*g.Stride+x0:]
			val = (float64(p[0])*(1-fx)+float64(p[1])*fx)*(1-fy) + (float64(q[0])*(1-fx)+float64(q[1])*fx)*fy
		} else {
			val = (px(x0, y0)*(1-fx)+px(x0+1, y0)*fx)*(1-fy) + (px(x0, y0+1)*(1-fx)+px(x0+1, y0+1)*fx)*fy
		}
		out.Pix[v*out.Stride+u] = uint8(val + 0.5)
	})
	return out
}

// rotateRGBA is rotate for a colour page, before its seals are found and
// it is shrunk (Page); what comes in from outside the page is white.
func rotateRGBA(img *image.RGBA, deg float64) *image.RGBA {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	px := func(x, y, c int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(img.Pix[y*img.Stride+4*x+c])
	}
	turned(w, h, deg, func(u, v int, x, y float64) {
		x0, y0 := int(math.Floor(x)), int(math.Floor(y))
		fx, fy := x-float64(x0), y-float64(y0)
		o := out.Pix[v*out.Stride+4*u : v*out.Stride+4*u+4 : v*out.Stride+4*u+4]
		o[3] = 255
		if x0 >= 0 && y0 >= 0 && x0+1 < w && y0+1 < h {
			// Inside the page, the fast way.
			p := img.Pix[y0*img.Stride+4*x0:]
			q := img.Pix[(y0+1)*img.Stride+4*x0:]
			for c := range 3 {
				top := float64(p[c])*(1-fx) + float64(p[4+c])*fx
				bot := float64(q[c])*(1-fx) + float64(q[4+c])*fx
				o[c] = uint8(top*(1-fy) + bot*fy + 0.5)
			}
			return
		}
		for c := range 3 {
			val := (px(x0, y0, c)*(1-fx)+px(x0+1, y0, c)*fx)*(1-fy) + (px(x0, y0+1, c)*(1-fx)+px(x0+1, y0+1, c)*fx)*fy
			o[c] = uint8(val + 0.5)
		}
	})
	return out
}

// rotateRect returns the box, in the rotated image, of r in the original.
func rotateRect(r image.Rectangle, w, h int, deg float64) image.Rectangle {
	sin, cos := math.Sincos(deg * math.Pi / 180)
	// The inverse of rotate's mapping.
	return mapRect(r, w, h, func(dx, dy float64) (float64, float64) {
		return dx*cos + dy*sin, -dx*sin + dy*cos
	})
}

// mapRect returns the box, inside a w×h page, that holds the corners of r
// mapped by f, which takes and gives points relative to the page's centre:
// where a box of the page before a turn or a flattening lies after it.
func mapRect(r image.Rectangle, w, h int, f func(dx, dy float64) (float64, float64)) image.Rectangle {
	cx, cy := float64(w)/2, float64(h)/2
	out := image.Rectangle{}
	for i, p := range []image.Point{r.Min, {r.Max.X, r.Min.Y}, {r.Min.X, r.Max.Y}, r.Max} {
		u, v := f(float64(p.X)-cx, float64(p.Y)-cy)
		u, v = u+cx, v+cy
		q := image.Rect(int(math.Floor(u)), int(math.Floor(v)), int(math.Ceil(u))+1, int(math.Ceil(v))+1)
		if i == 0 {
			out = q
		} else {
			out = out.Union(q)
		}
	}
	return out.Intersect(image.Rect(0, 0, w, h))
}
