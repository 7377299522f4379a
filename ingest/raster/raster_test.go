package raster

import (
	"image"
	"image/color"
	"math"
	"testing"
)

func TestSize(t *testing.T) {
	for _, c := range []struct {
		w, h, dpi float64
		pw, ph    int
		got       float64
	}{
		{595.28, 841.89, 200, 1654, 2339, 200}, // A4
		{14400, 14400, 200, 10000, 10000, 50},  // a hostile 200-inch page is capped
		{0, 841, 200, 1, 1, 200},               // no page
		{math.Inf(1), 841, 200, 1, 1, 200},     // nor an infinite one
		{72, 36, 72, 72, 36, 72},               // one inch by half
	} {
		pw, ph, dpi := canvasSize(c.w, c.h, c.dpi)
		if pw != c.pw || ph != c.ph || math.Abs(dpi-c.got) > 1e-9 {
			t.Errorf("canvasSize(%v, %v, %v) = %d, %d, %v; want %d, %d, %v", c.w, c.h, c.dpi, pw, ph, dpi, c.pw, c.ph, c.got)
		}
	}
}

// TestCompose places a 2 × 2 image (its top-left pixel black) in the
// corners of a 72-point page at 72 dpi, upright, rotated and mirrored, and
// checks where the black pixel lands.
func TestCompose(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 2, 2))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	img.SetGray(0, 0, color.Gray{0})
	for _, c := range []struct {
		name   string
		m      [6]float64
		black  image.Point
		filled image.Rectangle
	}{
		{"upright at the top left", [6]float64{36, 0, 0, 36, 0, 0}, image.Pt(0, 0), image.Rect(0, 0, 36, 36)},
		{"at the bottom right", [6]float64{36, 0, 0, 36, 36, 36}, image.Pt(36, 36), image.Rect(36, 36, 72, 72)},
		{"mirrored left to right", [6]float64{-36, 0, 0, 36, 36, 0}, image.Pt(35, 0), image.Rect(0, 0, 36, 36)},
		{"turned a quarter clockwise", [6]float64{0, 36, -36, 0, 36, 0}, image.Pt(35, 0), image.Rect(0, 0, 36, 36)},
	} {
		canvas, dpi := Compose(72, 72, 72, []Placed{{Img: img, M: c.m}})
		if dpi != 72 || canvas.Rect != image.Rect(0, 0, 72, 72) {
			t.Fatalf("%s: canvas %v at %v dpi", c.name, canvas.Rect, dpi)
		}
		if g := canvas.RGBAAt(c.black.X, c.black.Y); g.R > 64 {
			t.Errorf("%s: pixel %v is %v, want black", c.name, c.black, g)
		}
		// The far corner of the filled quarter is white paper of the image,
		// and outside the quarter the page is untouched white.
		for _, p := range []image.Point{{71 - c.filled.Min.X, 71 - c.filled.Min.Y}} {
			if g := canvas.RGBAAt(p.X, p.Y); g.R != 255 {
				t.Errorf("%s: pixel %v is %v, want white", c.name, p, g)
			}
		}
	}
	// A degenerate or absurd placement paints nothing and does not panic.
	for _, m := range [][6]float64{{0, 0, 0, 0, 0, 0}, {1e300, 0, 0, 1e300, 0, 0}, {math.NaN(), 0, 0, 1, 0, 0}} {
		canvas, _ := Compose(72, 72, 72, []Placed{{Img: img, M: m}})
		if g := canvas.RGBAAt(0, 0); g.R != 255 {
			t.Errorf("placement %v painted %v", m, g)
		}
	}
}

// TestResolution: a page's resolution is that of the image covering the
// most of it, along its coarser axis.
func TestResolution(t *testing.T) {
	scan := image.NewGray(image.Rect(0, 0, 2480, 3508)) // A4 at 300 dpi
	logo := image.NewGray(image.Rect(0, 0, 600, 600))   // an inch at 600 dpi
	a4 := [6]float64{595.28, 0, 0, 841.89, 0, 0}
	for _, c := range []struct {
		name   string
		placed []Placed
		want   float64
	}{
		{"a scan", []Placed{{Img: scan, M: a4}}, 300},
		{"a scan and a small finer logo", []Placed{{Img: logo, M: [6]float64{72, 0, 0, 72, 10, 10}}, {Img: scan, M: a4}}, 300},
		{"a landscape scan turned onto the page", []Placed{{Img: image.NewGray(image.Rect(0, 0, 3508, 2480)), M: [6]float64{0, 841.89, -595.28, 0, 595.28, 0}}}, 300},
		{"squeezed across", []Placed{{Img: scan, M: [6]float64{595.28, 0, 0, 841.89 * 2, 0, 0}}}, 150},
		{"nothing", nil, 0},
	} {
		if got := Resolution(c.placed); math.Abs(got-c.want) > 0.5 {
			t.Errorf("%s: %.1f dpi, want %.0f", c.name, got, c.want)
		}
	}
}
