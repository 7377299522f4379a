package scan

import "image"

// Red seals (公章) are stamped over the 署名 and the date, in red ink that
// covers black text. Inside a seal's box the grey value is max(R, luma):
// red ink is bright in the red channel and vanishes, black text is dark in
// every channel and stays. Elsewhere the grey is plain luma, so red text
// that is not a seal (the 发文机关标志 of a 红头文件, a red rule) stays
// readable.

// redness of a pixel: how far red stands above green and blue.
func redness(r, g, b uint8) int { return int(r) - int(max(g, b)) }

// isRed tells seal ink: clearly red and not dark.
func isRed(r, g, b uint8) bool { return r >= 110 && redness(r, g, b) >= 60 }

// seals finds the boxes of red seals: clusters of red pixels, roughly as
// wide as high, between a third of an inch (a personal 名章) and three
// inches across (an official seal is 4.2 cm). Sizes are in inches so they
// hold at any resolution.
func seals(img *image.RGBA, dpi float64) []image.Rectangle {
	b := img.Rect
	cell := max(2, int(dpi/25)) // a grid of 1 mm cells
	gw, gh := (b.Dx()+cell-1)/cell, (b.Dy()+cell-1)/cell
	red := make([]bool, gw*gh)
	counts := make([]int, gw*gh)
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < b.Dx(); x++ {
			p := row[4*x:]
			if isRed(p[0], p[1], p[2]) {
				counts[(y/cell)*gw+x/cell]++
			}
		}
	}
	for i, c := range counts {
		red[i] = c*8 >= cell*cell/4 || c >= 6 // a few percent of the cell is ink
	}
	// Close the gaps between the ring, the star and the characters: grow
	// every red cell by two cells (2 mm) before taking components.
	grown := dilate(red, gw, gh, 2)
	var out []image.Rectangle
	for _, r := range components(grown, gw, gh) {
		wIn, hIn := float64(r.Dx()*cell)/dpi, float64(r.Dy()*cell)/dpi
		if wIn < 0.33 || hIn < 0.33 || wIn > 3 || hIn > 3 {
			continue
		}
		if a := wIn / hIn; a < 0.6 || a > 1.67 {
			continue
		}
		out = append(out, image.Rect(r.Min.X*cell, r.Min.Y*cell, r.Max.X*cell, r.Max.Y*cell).Intersect(b))
	}
	// A seal's star or name may stand apart from its ring: one seal.
	var kept []image.Rectangle
	for i, r := range out {
		inside := false
		for j, o := range out {
			if i != j && r.In(o) && r != o {
				inside = true
			}
		}
		if !inside {
			kept = append(kept, r)
		}
	}
	return kept
}

// grey converts img to grey: luma, and max(R, luma) inside the seals.
func grey(img *image.RGBA, sealed []image.Rectangle) *image.Gray {
	b := img.Rect
	g := image.NewGray(b)
	for y := 0; y < b.Dy(); y++ {
		row := img.Pix[y*img.Stride:]
		out := g.Pix[y*g.Stride:]
		for x := 0; x < b.Dx(); x++ {
			p := row[4*x:]
			out[x] = luma(p[0], p[1], p[2])
		}
	}
	for _, s := range sealed {
		for y := s.Min.Y; y < s.Max.Y; y++ {
			row := img.Pix[y*img.Stride:]
			out := g.Pix[y*g.Stride:]
			for x := s.Min.X; x < s.Max.X; x++ {
				out[x] = max(out[x], row[4*x])
			}
		}
	}
	return g
}

// dilate grows the true cells of a w×h grid by r cells in each direction.
func dilate(m []bool, w, h, r int) []bool {
	tmp := make([]bool, len(m))
	for y := range h {
		for x := range w {
			if !m[y*w+x] {
				continue
			}
			for dx := max(0, x-r); dx <= min(w-1, x+r); dx++ {
				tmp[y*w+dx] = true
			}
		}
	}
	out := make([]bool, len(m))
	for y := range h {
		for x := range w {
			if !tmp[y*w+x] {
				continue
			}
			for dy := max(0, y-r); dy <= min(h-1, y+r); dy++ {
				out[dy*w+x] = true
			}
		}
	}
	return out
}

// components returns the bounding boxes of the 8-connected true regions of
// a w×h grid.
func components(m []bool, w, h int) []image.Rectangle {
	seen := make([]bool, len(m))
	var out []image.Rectangle
	var stack []int
	for s := range m {
		if !m[s] || seen[s] {
			continue
		}
		seen[s] = true
		stack = append(stack[:0], s)
		r := image.Rect(s%w, s/w, s%w+1, s/w+1)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%w, i/w
			r = r.Union(image.Rect(x, y, x+1, y+1))
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					nx, ny := x+dx, y+dy
					if nx < 0 || ny < 0 || nx >= w || ny >= h {
						continue
					}
					j := ny*w + nx
					if m[j] && !seen[j] {
						seen[j] = true
						stack = append(stack, j)
					}
				}
			}
		}
		out = append(out, r)
	}
	return out
}

// luma is image/color's grey conversion (ITU-R BT.601 weights) for 8 bits.
func luma(r, g, b uint8) uint8 {
	return uint8((19595*uint32(r) + 38470*uint32(g) + 7471*uint32(b) + 1<<15) >> 16)
}
