package scan

import (
	"image"
	"math"
	"math/rand/v2"
	"testing"
)

// TestRotateSame checks rotate's fast inner path against bilinear sampling
// with every neighbour bounds-tested (white outside the page): a deskewed
// page must not change by a pixel for the speed.
func TestRotateSame(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	g := image.NewGray(image.Rect(0, 0, 97, 131))
	for i := range g.Pix {
		g.Pix[i] = uint8(r.IntN(256))
	}
	w, h := g.Rect.Dx(), g.Rect.Dy()
	px := func(x, y int) float64 {
		if x < 0 || y < 0 || x >= w || y >= h {
			return 255
		}
		return float64(g.Pix[y*g.Stride+x])
	}
	for _, deg := range []float64{-3, -1.2, -0.05, 0.07, 0.5, 1.5, 2.9, 45} {
		got := rotate(g, deg)
		sin, cos := math.Sincos(deg * math.Pi / 180)
		cx, cy := float64(w)/2, float64(h)/2
		for v := range h {
			for u := range w {
				du, dv := float64(u)+0.5-cx, float64(v)+0.5-cy
				x, y := du*cos-dv*sin+cx-0.5, du*sin+dv*cos+cy-0.5
				x0, y0 := int(math.Floor(x)), int(math.Floor(y))
				fx, fy := x-float64(x0), y-float64(y0)
				val := (px(x0, y0)*(1-fx)+px(x0+1, y0)*fx)*(1-fy) + (px(x0, y0+1)*(1-fx)+px(x0+1, y0+1)*fx)*fy
				if want := uint8(val + 0.5); got.Pix[v*got.Stride+u] != want {
					t.Fatalf("rotate %v°: pixel (%d,%d) = %d, want %d", deg, u, v, got.Pix[v*got.Stride+u], want)
				}
			}
		}
	}
}

// BenchmarkRotate turns an A4 page at 200 dpi by a scan's tilt.
func BenchmarkRotate(b *testing.B) {
	g := image.NewGray(image.Rect(0, 0, 1654, 2339))
	for i := range g.Pix {
		g.Pix[i] = uint8(i * 7)
	}
	for b.Loop() {
		rotate(g, 1.2)
	}
}
