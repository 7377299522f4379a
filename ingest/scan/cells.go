package scan

import (
	"context"
	"image"
	"image/draw"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/ocr"

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
// The recogniser, given such a line alone, reads nothing or a doubtful
// 。 (0.42): it learnt marks beside characters. A line of marks under
// another line is returned in marks, to be read after that line
// (readMarks).
//
// cellOf maps each line's box to the index of its cell.
func cellLines(g *image.Gray, t uint8, cells []image.Rectangle, minLine int) (out []image.Rectangle, marks []markLine, cellOf map[image.Rectangle]int) {
	cellOf = map[image.Rectangle]int{}
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
	for ci, c := range cells {
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
		alone := make([]bool, len(bands))
		for i, bd := range bands {
			if bd.bottom-bd.top < minLine && line > 0 {
				top := b.Min.Y
				if i > 0 {
					top = bands[i-1].bottom + 1
				}
				bands[i].top = max(top, bd.bottom-line)
				alone[i] = i > 0
			}
		}
		boxes := bandBoxes(g, t, b, bands, lo, hi)
		for i, l := range boxes {
			cellOf[l] = ci
			if len(boxes) == len(bands) && alone[i] {
				marks = append(marks, markLine{prev: boxes[i-1], mark: l, prevInk: bands[i-1].bottom, markInk: bands[i].bottom})
				continue
			}
			out = append(out, l)
		}
	}
	return out, marks, cellOf
}

// A markLine is a line of marks alone (mark) under the line prev of its
// cell; prevInk and markInk are the bottom rows of their ink.
type markLine struct {
	prev, mark       image.Rectangle
	prevInk, markInk int
}

// markSet are the marks a line of marks alone is read as.
const markSet = "。，、；：！？）」》”’.,;:!?)"

// readMarks reads each line of marks alone after the line above it: an
// image is composed of, for each, that line's crop with the marks' crop
// set after its end on the same baseline, and what the recogniser reads
// past the line's end is the marks' text, kept when it is marks. Their
// confidence is the recogniser's, given the line as context.
func readMarks(ctx context.Context, rec Recognizer, g *image.Gray, ms []markLine) ([]ocr.Line, error) {
	if len(ms) == 0 {
		return nil, nil
	}
	const gap = 8
	w, h := 0, 0
	for _, m := range ms {
		w = max(w, m.prev.Dx()+m.mark.Dx())
		h += m.prev.Dy() + gap
	}
	comp := image.NewGray(image.Rect(0, 0, w, h))
	for i := range comp.Pix {
		comp.Pix[i] = 255
	}
	boxes := make([]image.Rectangle, len(ms))
	y := 0
	for i, m := range ms {
		row := image.Rect(0, y, m.prev.Dx()+m.mark.Dx(), y+m.prev.Dy())
		draw.Draw(comp, image.Rect(0, y, m.prev.Dx(), row.Max.Y), g, m.prev.Min, draw.Src)
		// The marks' ink bottom on the line's.
		top := y + (m.prevInk - m.prev.Min.Y) - (m.markInk - m.mark.Min.Y)
		dst := image.Rect(m.prev.Dx(), top, row.Max.X, top+m.mark.Dy()).Intersect(row)
		draw.Draw(comp, dst, g, m.mark.Min.Add(image.Pt(0, dst.Min.Y-top)), draw.Src)
		boxes[i] = row
		y = row.Max.Y + gap
	}
	lines, err := rec.Read(ctx, comp, boxes)
	if err != nil {
		return nil, err
	}
	var out []ocr.Line
	for _, l := range lines {
		i := slices.Index(boxes, l.Box)
		if i < 0 {
			continue
		}
		m := ms[i]
		var marks []ocr.Char
		for _, c := range l.Chars {
			if (c.Box.Min.X+c.Box.Max.X)/2 < m.prev.Dx() {
				continue
			}
			if !strings.Contains(markSet, c.Text) || c.Text == "" {
				marks = nil
				break
			}
			c.Box = image.Rect(c.Box.Min.X-m.prev.Dx()+m.mark.Min.X, m.mark.Min.Y, c.Box.Max.X-m.prev.Dx()+m.mark.Min.X, m.mark.Max.Y).Intersect(m.mark)
			marks = append(marks, c)
		}
		if len(marks) == 0 {
			continue
		}
		ml := ocr.Line{Box: m.mark, Chars: marks, Conf: 1}
		for _, c := range marks {
			ml.Text += c.Text
			ml.Conf = min(ml.Conf, c.Conf)
		}
		out = append(out, ml)
	}
	return out, nil
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
