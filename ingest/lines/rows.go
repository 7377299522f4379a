package lines

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Thresholds, as fractions of the font size.
const (
	// columnGap: a horizontal gap wider than this splits a row into two
	// lines (table cells, text columns). Justified Latin text stays below it.
	columnGap = 1.5
	// overflow: a vertical ruling that stops this far from a row still
	// separates its glyphs where they leave a gap around it (the text of a
	// merged cell cut by a page break runs past its cell's borders).
	overflow = 1.5
	// dupOverlap: a glyph repeating its predecessor's text at nearly the
	// same place (fake bold, shadows) is dropped, as pdftotext does.
	dupOverlap = 0.2
)

// rows groups a page's glyphs into lines: glyphs on one baseline
// (layout.Lines by the Baseline rule), split where a wide gap or a vertical
// ruling separates them; the gaps left inside are spaces as prose sets them
// (layout.Space).
func rows(p page.Page) []Line {
	var hor, ver []page.Glyph
	for _, g := range p.Glyphs {
		if g.Vertical {
			ver = append(ver, g)
		} else {
			hor = append(hor, g)
		}
	}
	var vrules []page.Segment
	for _, s := range p.Segments {
		if !s.Horizontal() {
			vrules = append(vrules, s)
		}
	}
	var out []Line
	for _, l := range layout.Lines(hor, layout.Baseline, true) {
		out = append(out, splitRow(p.Number, l.Glyphs, vrules)...)
	}
	out = append(out, verticalLines(p.Number, ver)...)
	return out
}

// splitRow sorts one row's glyphs left to right and cuts it into lines at
// column gaps and vertical rulings.
func splitRow(pageNum int, row []page.Glyph, vrules []page.Segment) []Line {
	gs := make([]page.Glyph, len(row))
	copy(gs, row)
	slices.SortStableFunc(gs, func(a, b page.Glyph) int { return cmp.Compare(a.Box.X0, b.Box.X0) })
	// Only the rulings that cross the row's height can separate its glyphs.
	// They may stop a little short of it: the text of a merged cell cut by
	// a page break overflows its cell's borders (the producer clips it, and
	// pdftotext keeps it), and its columns must still stay apart.
	top, bottom, size := math.Inf(1), math.Inf(-1), 0.0
	for _, g := range gs {
		top, bottom = math.Min(top, layout.CenterY(g)), math.Max(bottom, layout.CenterY(g))
		size = math.Max(size, g.Size)
	}
	tol := overflow * size
	top, bottom = top-tol, bottom+tol
	var across []page.Segment
	for _, s := range vrules {
		if math.Min(s.Y0, s.Y1) <= bottom && math.Max(s.Y0, s.Y1) >= top {
			across = append(across, s)
		}
	}
	vrules = across
	var out []Line
	cur := []page.Glyph{gs[0]}
	for _, g := range gs[1:] {
		prev := cur[len(cur)-1]
		size := math.Max(prev.Size, g.Size)
		if g.Text == prev.Text && math.Abs(g.Box.X0-prev.Box.X0) < dupOverlap*size && math.Abs(g.Box.Y0-prev.Box.Y0) < dupOverlap*size {
			continue
		}
		gap := g.Box.X0 - prev.Box.X1
		if gap > columnGap*size || ruled(prev, g, vrules, tol) {
			out = append(out, makeLine(pageNum, cur))
			cur = nil
		}
		cur = append(cur, g)
	}
	return append(out, makeLine(pageNum, cur))
}

// ruled reports whether a vertical ruling runs between two neighbouring
// glyphs: across their height and between their centres, or, for a ruling
// that stops within tol of their height, in the gap between their boxes.
func ruled(a, b page.Glyph, vrules []page.Segment, tol float64) bool {
	x0, x1 := a.Box.X0+(a.Box.X1-a.Box.X0)/2, b.Box.X0+(b.Box.X1-b.Box.X0)/2
	cy := (layout.CenterY(a) + layout.CenterY(b)) / 2
	for _, s := range vrules {
		x := (s.X0 + s.X1) / 2
		y0, y1 := math.Min(s.Y0, s.Y1), math.Max(s.Y0, s.Y1)
		switch {
		case y0 <= cy && cy <= y1:
			if x > x0 && x < x1 {
				return true
			}
		case y0-tol <= cy && cy <= y1+tol:
			// a real gap, not the seam of two touching glyphs
			if b.Box.X0-a.Box.X1 > 0.1*tol && x >= a.Box.X1 && x <= b.Box.X0 {
				return true
			}
		}
	}
	return false
}

// makeLine joins glyphs into a line's text, with a space where the gap
// between neighbours says the producer printed one.
func makeLine(pageNum int, gs []page.Glyph) Line {
	l := Line{Page: pageNum, Glyphs: gs, Box: gs[0].Box}
	var b strings.Builder
	for i, g := range gs {
		if i > 0 {
			if layout.Space(gs[i-1], g, layout.Prose) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.Text)
		l.Box = union(l.Box, g.Box)
		l.Size = math.Max(l.Size, g.Size)
	}
	l.Text = b.String()
	return l
}

// verticalLines stacks glyphs of vertical writing into columns read top to
// bottom, right to left (layout.Stacks, by the page's Baseline rule).
func verticalLines(pageNum int, gs []page.Glyph) []Line {
	var out []Line
	for _, c := range layout.Stacks(gs, layout.Baseline) {
		l := Line{Page: pageNum, Glyphs: c.Glyphs, Box: c.Glyphs[0].Box}
		var b strings.Builder
		for _, g := range c.Glyphs {
			b.WriteString(g.Text)
			l.Box = union(l.Box, g.Box)
			l.Size = math.Max(l.Size, g.Size)
		}
		l.Text = b.String()
		out = append(out, l)
	}
	return out
}

func union(a, b model.Box) model.Box {
	return model.Box{X0: math.Min(a.X0, b.X0), Y0: math.Min(a.Y0, b.Y0), X1: math.Max(a.X1, b.X1), Y1: math.Max(a.Y1, b.Y1)}
}
