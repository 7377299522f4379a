package lines

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// Thresholds, as fractions of the font size.
const (
	// sameRow: glyphs whose vertical centres differ by at most this share a row.
	sameRow = 0.35
	// columnGap: a horizontal gap wider than this splits a row into two
	// lines (table cells, text columns). Justified Latin text stays below it.
	columnGap = 1.5
	// latinSpace and cjkSpace: a gap wider than this between two glyphs is a
	// space. Justified CJK text spreads its characters, so two CJK
	// neighbours need a much wider gap to be read as spaced.
	latinSpace = 0.15
	cjkSpace   = 0.8
	// mixedSpace: between Han text and Latin letters or digits, Word, WPS and
	// LibreOffice leave an automatic gap of about a fifth of an em that is
	// not a typed space (印发2023 prints as 印发 2023: measured 0.19–0.23 em on
	// the Writer fixture); a typed space adds its own width (0.26–0.34 em).
	mixedSpace = 0.25
	// overflow: a vertical ruling that stops this far from a row still
	// separates its glyphs where they leave a gap around it (the text of a
	// merged cell cut by a page break runs past its cell's borders).
	overflow = 1.5
	// dupOverlap: a glyph repeating its predecessor's text at nearly the
	// same place (fake bold, shadows) is dropped, as pdftotext does.
	dupOverlap = 0.2
)

// rows groups a page's glyphs into lines: glyphs on one baseline, split
// where a wide gap or a vertical ruling separates them.
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
	slices.SortStableFunc(hor, func(a, b page.Glyph) int { return cmp.Compare(centerY(a), centerY(b)) })
	for start := 0; start < len(hor); {
		end := start + 1
		cy, size := centerY(hor[start]), hor[start].Size
		for end < len(hor) {
			g := hor[end]
			s := math.Max(size, g.Size)
			if math.Abs(centerY(g)-cy) > sameRow*s {
				break
			}
			// running mean keeps a long row from drifting
			n := float64(end - start)
			cy = (cy*n + centerY(g)) / (n + 1)
			size = math.Max(size, g.Size)
			end++
		}
		out = append(out, splitRow(p.Number, hor[start:end], vrules)...)
		start = end
	}
	out = append(out, verticalLines(p.Number, ver)...)
	return out
}

func centerY(g page.Glyph) float64 { return (g.Box.Y0 + g.Box.Y1) / 2 }

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
		top, bottom = math.Min(top, centerY(g)), math.Max(bottom, centerY(g))
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
	cy := (centerY(a) + centerY(b)) / 2
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
			prev := gs[i-1]
			gap := g.Box.X0 - prev.Box.X1
			size := math.Max(prev.Size, g.Size)
			thr := latinSpace
			l, r := lastRune(prev.Text), firstRune(g.Text)
			switch a, b := cjk.Wide(l), cjk.Wide(r); {
			case a && b:
				thr = cjkSpace
			case cjk.Ideograph(l) && alnum(r), cjk.Ideograph(r) && alnum(l):
				thr = mixedSpace
			}
			if gap > thr*size {
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

// verticalLines groups glyphs of vertical writing into columns read top to
// bottom; columns come right to left, as vertical CJK is read.
func verticalLines(pageNum int, gs []page.Glyph) []Line {
	if len(gs) == 0 {
		return nil
	}
	cx := func(g page.Glyph) float64 { return (g.Box.X0 + g.Box.X1) / 2 }
	sorted := make([]page.Glyph, len(gs))
	copy(sorted, gs)
	slices.SortStableFunc(sorted, func(a, b page.Glyph) int { return cmp.Compare(cx(b), cx(a)) })
	var out []Line
	for start := 0; start < len(sorted); {
		end := start + 1
		for end < len(sorted) && math.Abs(cx(sorted[end])-cx(sorted[start])) <= sameRow*math.Max(sorted[start].Size, sorted[end].Size) {
			end++
		}
		col := sorted[start:end]
		slices.SortStableFunc(col, func(a, b page.Glyph) int { return cmp.Compare(a.Box.Y0, b.Box.Y0) })
		l := Line{Page: pageNum, Glyphs: col, Box: col[0].Box}
		var b strings.Builder
		for _, g := range col {
			b.WriteString(g.Text)
			l.Box = union(l.Box, g.Box)
			l.Size = math.Max(l.Size, g.Size)
		}
		l.Text = b.String()
		out = append(out, l)
		start = end
	}
	return out
}

func union(a, b model.Box) model.Box {
	return model.Box{X0: math.Min(a.X0, b.X0), Y0: math.Min(a.Y0, b.Y0), X1: math.Max(a.X1, b.X1), Y1: math.Max(a.Y1, b.Y1)}
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

// alnum reports a Latin letter or a digit, the characters word processors
// set apart from Han text with an automatic gap.
func alnum(r rune) bool { return r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
