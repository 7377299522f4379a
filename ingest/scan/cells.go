package scan

import (
	"image"
	"slices"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
)

// Text in a ruled table is read cell by cell. The detector sees text, not
// cells: its boxes leave out a mark standing apart (a ， or 。 opening a
// wrapped line, a ） closing it, a lone 。), cut a ） short so it reads as
// ), and join or cross neighbouring cells. So inside a table the detector's
// boxes are not used: the cells come from the ruling grid, as the table
// reader will build them from the same rulings (lattice.Find), and every
// line of ink inside a cell's own crop is read, from one border to the
// other. A line box can then never cross a border, and nothing a cell
// holds is left unread.

// tableCells finds the cells, in pixels, of the ruled tables of a w×h page from its
// rulings, through lattice.Find, so that the grid is the one the table
// reader builds from the same segments. Each cell is narrowed by its
// rules' ink, which erase has already painted white.
func tableCells(hs, vs []ruling, w, h int) []image.Rectangle {
	p := page.Page{Width: float64(w), Height: float64(h), Segments: segmentsOf(hs, vs, 1)}
	var thick float64
	for _, r := range append(slices.Clip(hs), vs...) {
		thick = max(thick, r.thickness)
	}
	// The erased band of a rule reaches a pixel past its thickest run;
	// JPEG's halo around it a pixel more.
	in := int(thick/2+0.5) + 2
	var out []image.Rectangle
	for _, t := range lattice.Find(p) {
		for _, c := range t.Cells {
			b := image.Rect(int(c.Box.X0+0.5)+in, int(c.Box.Y0+0.5)+in, int(c.Box.X1+0.5)-in, int(c.Box.Y1+0.5)-in)
			if b.Dx() > 2 && b.Dy() > 2 {
				out = append(out, b.Intersect(image.Rect(0, 0, w, h)))
			}
		}
	}
	return out
}

// cellAt is the index of the cell holding the centre of b, -1 if none.
func cellAt(cells []image.Rectangle, b image.Rectangle) int {
	c := image.Pt((b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2)
	for i, cl := range cells {
		if c.In(cl) {
			return i
		}
	}
	return -1
}

// cellLines cuts the cells of the grey page g (ink darker than t) into
// their lines of text, each as wide as its ink within its cell: nothing
// inside a cell is left out, and nothing outside it is read with it.
//
// A band of ink lower than a line (minLine) is a stroke of a character
// (the bars of 二) and joins its neighbour, unless the two would be taller
// than the table's lines: then it is a line of marks alone (a 。 ending
// the cell, wrapped), read alone, and given a line's height above its ink
// so that the recogniser sees it at its size in a line, not magnified.
//
// reach maps each line's box to the row of its cell it lies in, with the
// cell's rules: blank beyond the box up to them.
func cellLines(g *image.Gray, t uint8, cells []image.Rectangle, minLine int) (out []image.Rectangle, reach map[image.Rectangle]image.Rectangle) {
	reach = map[image.Rectangle]image.Rectangle{}
	dark := func(x, y int) bool { return g.Pix[(y-g.Rect.Min.Y)*g.Stride+x-g.Rect.Min.X] <= t }
	var heights []int
	for _, c := range cells {
		bands, _, _, _ := textBands(dark, c.Intersect(g.Rect), minLine, 0)
		for _, bd := range bands {
			if h := bd.bottom - bd.top; h >= minLine {
				heights = append(heights, h)
			}
		}
	}
	line := 0
	if len(heights) > 0 {
		slices.Sort(heights)
		line = heights[len(heights)/2]
	}
	for _, c := range cells {
		b := c.Intersect(g.Rect)
		if b.Empty() {
			continue
		}
		bands, lo, hi, _ := textBands(dark, b, minLine, line*5/4)
		// A cell whose only ink is lower than half a line holds no text:
		// specks of the scan, the residue of a rule.
		if len(bands) == 1 && bands[0].bottom-bands[0].top < minLine/2 {
			continue
		}
		for i, bd := range bands {
			if bd.bottom-bd.top < minLine && line > 0 {
				top := b.Min.Y
				if i > 0 {
					top = bands[i-1].bottom + 1
				}
				bands[i].top = max(top, bd.bottom-line)
			}
		}
		for _, l := range bandBoxes(g, t, b, bands, lo, hi) {
			out = append(out, l)
			// Past the line's box the cell is blank to its rules (in
			// the ink mask, they end the blank): the blank after a ） or
			// ， that ends the line tells its width (punctWidths), which
			// a box's edge alone leaves unknown.
			reach[l] = image.Rect(b.Min.X-minLine, l.Min.Y, b.Max.X+minLine, l.Max.Y)
		}
	}
	return out, reach
}

// bandBoxes makes the boxes of lines of text in b from their bands (lo and
// hi bound them, see textBands): margins as the detector's boxes have them,
// a quarter of the line's height above and below, not past half the gap to
// the next line, and a third across beyond the line's ink, within b.
func bandBoxes(g *image.Gray, t uint8, b image.Rectangle, bands []band, lo, hi int) []image.Rectangle {
	out := make([]image.Rectangle, 0, len(bands))
	for i, bd := range bands {
		h := bd.bottom - bd.top
		up, down := h/4, h/4
		if i > 0 {
			up = min(up, (bd.top-bands[i-1].bottom)/2)
		}
		if i+1 < len(bands) {
			down = min(down, (bands[i+1].top-bd.bottom)/2)
		}
		x0, x1 := inkColumns(g, t, image.Rect(b.Min.X, bd.top, b.Max.X, bd.bottom))
		if x1 <= x0 {
			continue
		}
		out = append(out, image.Rect(x0-h/3, max(lo, bd.top-up), x1+h/3, min(hi, bd.bottom+down)).Intersect(b))
	}
	return out
}

// segmentsOf are the rulings as page segments, s points to the pixel.
func segmentsOf(hs, vs []ruling, s float64) []page.Segment {
	out := make([]page.Segment, 0, len(hs)+len(vs))
	for _, r := range hs {
		out = append(out, page.Segment{X0: float64(r.from) * s, X1: float64(r.to+1) * s, Y0: (r.centre + 0.5) * s, Y1: (r.centre + 0.5) * s, Width: r.thickness * s})
	}
	for _, r := range vs {
		out = append(out, page.Segment{Y0: float64(r.from) * s, Y1: float64(r.to+1) * s, X0: (r.centre + 0.5) * s, X1: (r.centre + 0.5) * s, Width: r.thickness * s})
	}
	return out
}
