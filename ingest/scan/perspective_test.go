package scan

import (
	"image"
	"math"
	"slices"
	"testing"
)

// photo takes g as a phone does, the way scantest's phone variant does: a
// keystone (the page's far edge narrower, each row scaled by 1 + key·dv/h
// about the centre) and a tilt in degrees.
func photo(g *image.Gray, key, tilt float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	cx, cy := float64(w)/2, float64(h)/2
	sin, cos := math.Sincos(tilt * math.Pi / 180)
	out := image.NewGray(g.Rect)
	for v := range h {
		for u := range w {
			du, dv := float64(u)+0.5-cx, float64(v)+0.5-cy
			du /= 1 + key*dv/float64(h)
			x, y := du*cos+dv*sin+cx-0.5, -du*sin+dv*cos+cy-0.5
			x0, y0 := int(math.Floor(x)), int(math.Floor(y))
			fx, fy := x-float64(x0), y-float64(y0)
			px := func(x, y int) float64 {
				if x < 0 || y < 0 || x >= w || y >= h {
					return 255
				}
				return float64(g.Pix[y*w+x])
			}
			out.Pix[v*w+u] = uint8((px(x0, y0)*(1-fx)+px(x0+1, y0)*fx)*(1-fy) + (px(x0, y0+1)*(1-fx)+px(x0+1, y0+1)*fx)*fy + 0.5)
		}
	}
	return out
}

// tablePage draws a page at 200 dpi filled by a ruled table of 7 columns
// and 12 rows, a "character" or two in each cell, as a 考评表 fills its
// page.
func tablePage() *image.Gray {
	g, rect := paper(1600, 2200)
	xs := []int{100, 200, 420, 640, 980, 1100, 1300, 1500}
	for i := range 13 {
		y := 150 + i*150
		rect(xs[0], y, xs[len(xs)-1]+2, y+2)
	}
	for _, x := range xs {
		rect(x, 150, x+2, 150+12*150+2)
	}
	for i := range 12 {
		for j := range len(xs) - 1 {
			x, y := xs[j]+20, 150+i*150+60
			rect(x, y, x+24, y+3)
			rect(x+10, y-10, x+13, y+20)
		}
	}
	return g
}

// deskewed runs a page through Page's clean-up up to the rulings: deskew,
// then rectification when perspective asks for it.
func deskewed(g *image.Gray) (out *image.Gray, rectified bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	ink := binarize(g, 128)
	a := skew(ink, w, h)
	out = rotate(g, a)
	if hm, ok := perspective(binarize(out, 128), w, h, 200); ok {
		return rectify(g, a, hm), true
	}
	return out, false
}

func TestPerspectiveRectifies(t *testing.T) {
	t.Parallel()
	src := tablePage()
	// scantest's phone keystone (tan 5° / 2) either way up, tilted.
	key := math.Tan(5*math.Pi/180) / 2
	for _, tc := range []struct{ key, tilt float64 }{{key, 0}, {key, 1.2}, {-key, -0.8}} {
		ph := photo(src, tc.key, tc.tilt)
		w, h := ph.Rect.Dx(), ph.Rect.Dy()
		// The photo is hard: after deskew alone the columns' rules lean,
		// and each is found as a staircase of short pieces.
		tilted := rotate(ph, skew(binarize(ph, 128), w, h))
		hs, vs := findRulings(tilted, 128, paramsFor(200))
		if len(vs) <= 8 {
			t.Fatalf("key %.2f tilt %.1f°: the deskewed photo already reads %d whole vertical rulings; the test needs a harder photo", tc.key, tc.tilt, len(vs))
		}
		g, ok := deskewed(ph)
		if !ok {
			t.Errorf("key %.2f tilt %.1f°: no perspective found", tc.key, tc.tilt)
			continue
		}
		hs, vs = findRulings(g, 128, paramsFor(200))
		// A one-pixel rule left a fraction of a pixel off level steps once
		// and is found as two pieces on neighbouring rows: count rows.
		if n, m := rows(hs), rows(vs); n != 13 || m != 8 {
			t.Errorf("key %.2f tilt %.1f°: rulings on %d rows and %d columns, want 13 and 8", tc.key, tc.tilt, n, m)
		}
		for _, r := range vs {
			// Each column rule is found whole and upright: one ruling from
			// the table's top to its bottom, a pen line thick.
			if r.to-r.from < 1750 || r.thickness > 6 {
				t.Errorf("key %.2f tilt %.1f°: vertical ruling %d..%d thick %.1f", tc.key, tc.tilt, r.from, r.to, r.thickness)
			}
		}
		if n := len(tableCells(hs, vs, w, h)); n != 84 {
			t.Errorf("key %.2f tilt %.1f°: %d cells, want 84", tc.key, tc.tilt, n)
		}
	}
}

// rows counts the rulings' centre lines, those within two pixels one.
func rows(rs []ruling) int {
	var cs []float64
	for _, r := range rs {
		cs = append(cs, r.centre)
	}
	slices.Sort(cs)
	n := 0
	for i, c := range cs {
		if i == 0 || c-cs[i-1] > 2 {
			n++
		}
	}
	return n
}

func TestPerspectiveLeavesScans(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		grid, rule bool
		tilt       float64
	}{{true, false, 0}, {true, false, 0.3}, {true, false, -2.4}, {false, false, 0}, {false, false, 1.5}, {false, true, 1.5}} {
		g := synthPage(tc.grid)
		if tc.rule {
			// A notice's 版头 rule: long, but of one direction only.
			for y := 150; y < 153; y++ {
				for x := 150; x < 1450; x++ {
					g.Pix[y*g.Stride+x] = 0
				}
			}
		}
		if tc.tilt != 0 {
			g = rotate(g, -tc.tilt)
		}
		if _, ok := deskewed(g); ok {
			t.Errorf("grid %v, rule %v, tilt %.1f°: a scan with no perspective is rectified", tc.grid, tc.rule, tc.tilt)
		}
	}
}

func TestHomographyInverse(t *testing.T) {
	hm := homography{l1: 2e-5, l2: -3e-5, b0: 0.01, d0: -0.02}
	for _, p := range [][2]float64{{0, 0}, {-800, 1100}, {750, -1000}, {123, 45}} {
		u, v := hm.forward(p[0], p[1])
		x, y := hm.inverse(u, v)
		if math.Hypot(x-p[0], y-p[1]) > 1e-9 {
			t.Errorf("%v → (%.3f, %.3f) → (%.6f, %.6f)", p, u, v, x, y)
		}
	}
	// Both vanishing points go to infinity along the axes: a line of the
	// horizontal family through them comes out level, one of the vertical
	// family upright.
	b0, k, d0, m := 0.01, 2e-5, -0.02, -3e-5
	hm, ok := rectifier([]lineFit{{at: -500, slope: b0 - 500*k, from: -700, to: 700}, {at: 600, slope: b0 + 600*k, from: -700, to: 700}},
		[]lineFit{{at: -400, slope: d0 - 400*m, from: -900, to: 900}, {at: 500, slope: d0 + 500*m, from: -900, to: 900}}, 3.3, 200)
	if !ok {
		t.Fatal("no homography")
	}
	for _, a := range []float64{-300, 200} {
		s := b0 + k*a
		_, v0 := hm.forward(-600, a-600*s)
		_, v1 := hm.forward(600, a+600*s)
		if math.Abs(v1-v0) > 1e-6 {
			t.Errorf("horizontal line at %.0f: rectified rows %.4f and %.4f", a, v0, v1)
		}
		s = d0 + m*a
		u0, _ := hm.forward(a-800*s, -800)
		u1, _ := hm.forward(a+800*s, 800)
		if math.Abs(u1-u0) > 1e-6 {
			t.Errorf("vertical line at %.0f: rectified columns %.4f and %.4f", a, u0, u1)
		}
	}
}

// BenchmarkPerspective is what a page pays for rectification: measuring
// the perspective (every page) and warping (a photo only), on an A4 table
// page at 200 dpi photographed with scantest's keystone. Compare with the
// 3.5–4.5 CPU-s a page costs end to end (BenchmarkOCRPage in ingest).
func BenchmarkPerspective(b *testing.B) {
	ph := photo(tablePage(), math.Tan(5*math.Pi/180)/2, 0)
	w, h := ph.Rect.Dx(), ph.Rect.Dy()
	ink := binarize(ph, 128)
	b.Run("measure", func(b *testing.B) {
		for b.Loop() {
			perspective(ink, w, h, 200)
		}
	})
	hm, ok := perspective(ink, w, h, 200)
	if !ok {
		b.Fatal("no perspective")
	}
	b.Run("warp", func(b *testing.B) {
		for b.Loop() {
			rectify(ph, 0.5, hm)
		}
	})
}

// TestRectifySamples holds rectify's stepped row walk to the map it
// stands for: each pixel from g0 at the rotation of hm's inverse.
func TestRectifySamples(t *testing.T) {
	const w, h = 300, 200
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = uint8(i * 7919 % 251)
	}
	hm := homography{l1: 3e-4, l2: -2e-4, b0: 0.01, d0: -0.015}
	const deg = 1.3
	got := rectify(g, deg, hm)
	sin, cos := math.Sincos(deg * math.Pi / 180)
	for v := range h {
		for u := range w {
			x, y := hm.inverse(float64(u)+0.5-w/2, float64(v)+0.5-h/2)
			xs, ys := x*cos-y*sin+w/2-0.5, x*sin+y*cos+h/2-0.5
			x0, y0 := int(math.Floor(xs)), int(math.Floor(ys))
			fx, fy := xs-float64(x0), ys-float64(y0)
			px := func(x, y int) float64 {
				if x < 0 || y < 0 || x >= w || y >= h {
					return 255
				}
				return float64(g.Pix[y*w+x])
			}
			want := (px(x0, y0)*(1-fx)+px(x0+1, y0)*fx)*(1-fy) + (px(x0, y0+1)*(1-fx)+px(x0+1, y0+1)*fx)*fy
			if d := math.Abs(float64(got.Pix[v*w+u]) - want); d > 1 {
				t.Fatalf("pixel (%d, %d): %d, want %.1f", u, v, got.Pix[v*w+u], want)
			}
		}
	}
}
