package lattice

import (
	"math"
	"slices"

	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// A producer that lays out a merged cell's text for the whole merged area,
// or centres it in the part a page break left of the cell, may draw that
// text taller than the part: its first lines stand over the rule above, in
// the cell above, and its last ones under the table's bottom rule. A glyph
// then belongs, by its centre, to a cell it is not the text of. The page
// says which lines spilled: text is set inside a cell's padding, so a line
// within the padding of a rule (or over it) that goes on, at the in-cell
// line pitch, with the text on the rule's other side, and stands apart from
// the rest of its own cell's text, is the other cell's.

// spillAcross moves to each cell the lines of its text drawn over the rule
// above it into the cell above.
func spillAcross(t *Table, per *cellGlyphs, pad float64) {
	// The cell above b is the first whose columns are b's and that ends
	// where b starts: found by that key, not by a scan of every cell for
	// every cell.
	type edge struct{ col, span, end int }
	above := make(map[edge]int, len(t.Cells))
	for i := range t.Cells {
		a := &t.Cells[i]
		k := edge{a.Col, a.ColSpan, a.Row + a.RowSpan}
		if _, ok := above[k]; !ok {
			above[k] = i
		}
	}
	var ga, gb []page.Glyph
	var ta, tb TextBuf
	for bi := range t.Cells {
		b := &t.Cells[bi]
		if b.Row == 0 || b.Row >= len(t.Rows) || per.len(bi) == 0 {
			continue
		}
		ai, ok := above[edge{b.Col, b.ColSpan, b.Row}]
		if !ok || per.len(ai) == 0 {
			continue
		}
		// spilled wants the last line above to reach into the padding of
		// the rule; a line reaches no lower than its lowest glyph. Most
		// cells' text keeps clear of it: they are not grouped into lines.
		if per.lowest(ai) <= t.Rows[b.Row]-pad {
			continue
		}
		// The two cells' glyphs are gathered, and their lines read, in
		// buffers kept for the next pair: what moves is copied out.
		ga, gb = per.glyphs(ai, ga[:0]), per.glyphs(bi, gb[:0])
		la, lb := sortedLinesBuf(&ta, ga), sortedLinesBuf(&tb, gb)
		k, ok := spilled(la, lb[0], t.Rows[b.Row], pad, pitchOf(lb, la))
		if !ok {
			continue
		}
		// Each cell's new glyphs in a slice of its size.
		nm, nk := 0, 0
		for j, l := range la {
			if j < k {
				nk += len(l.Glyphs)
			} else {
				nm += len(l.Glyphs)
			}
		}
		moved := make([]page.Glyph, 0, nm+per.len(bi))
		for _, l := range la[k:] {
			moved = append(moved, l.Glyphs...)
		}
		per.put(bi, per.glyphs(bi, moved))
		kept := make([]page.Glyph, 0, nk)
		for _, l := range la[:k] {
			kept = append(kept, l.Glyphs...)
		}
		per.put(ai, kept)
	}
}

// lowest is the bottom of the lowest of gs.
func lowest(gs []page.Glyph) float64 {
	y := math.Inf(-1)
	for _, g := range gs {
		y = max(y, g.Box.Y1)
	}
	return y
}

// spilled finds the run of lines ls[k:] (ls top to bottom) that spilled
// over the rule at y from the cell whose first line under the rule is next:
// the run's last line is within the padding of the rule, the run goes on
// with next at the line pitch, and the cell keeps lines of its own, farther
// away.
func spilled(ls []textLine, next textLine, y, pad, pitch float64) (int, bool) {
	if len(ls) < 2 || pitch <= 0 {
		return 0, false
	}
	size := lineSize(next)
	tol := size / 4
	last := ls[len(ls)-1]
	if last.Box.Y1 <= y-pad || math.Abs(next.Box.Y0-last.Box.Y0-pitch) > tol {
		return 0, false
	}
	k := len(ls) - 1
	for k > 0 && math.Abs(ls[k].Box.Y0-ls[k-1].Box.Y0-pitch) <= tol {
		k--
	}
	return k, k > 0 && ls[k].Box.Y0-ls[k-1].Box.Y0 > pitch+size/2
}

// spillBelow claims for each cell closed at the table's bottom edge the
// lines under the edge that spilled out of it (the last lines of a text
// centred in a part too short for it), as overflow.
func spillBelow(t *Table, glyphs []page.Glyph, pad float64) {
	edge := t.Box.Y1
	// One cell's glyphs at a time, and their lines, in buffers kept for
	// the next cell.
	var own, below []page.Glyph
	var to, tb TextBuf
	for i, c := range t.Cells {
		if c.OpenBottom || c.Row+c.RowSpan != t.NRows() {
			continue
		}
		own, below = own[:0], below[:0]
		for _, g := range glyphs {
			cx := (g.Box.X0 + g.Box.X1) / 2
			if cx <= c.Box.X0 || cx >= c.Box.X1 || layout.Blank(g) {
				continue
			}
			switch cy := layout.CenterY(g); {
			case cy > c.Box.Y0 && cy < edge:
				own = append(own, g)
			case cy >= edge:
				below = append(below, g)
			}
		}
		if len(own) == 0 || len(below) == 0 {
			continue
		}
		lo, lb := sortedLinesBuf(&to, own), sortedLinesBuf(&tb, below)
		// Lines under the edge must keep to the cell's columns.
		for n, l := range lb {
			if l.Box.X0 < c.Box.X0 || l.Box.X1 > c.Box.X1 {
				lb = lb[:n]
				break
			}
		}
		if len(lb) == 0 {
			continue
		}
		// The run under the edge is the spill when it goes on from the
		// cell's last line at the cell's own pitch and the first line
		// under the edge is within the padding; the lines beyond it (a
		// signature line) are not.
		pitch := pitchOf(lo, nil)
		last := lo[len(lo)-1]
		if pitch <= 0 || lb[0].Box.Y0 >= edge+pad || math.Abs(lb[0].Box.Y0-last.Box.Y0-pitch) > lineSize(last)/4 {
			continue
		}
		k := 1
		for k < len(lb) && math.Abs(lb[k].Box.Y0-lb[k-1].Box.Y0-pitch) <= lineSize(last)/4 {
			k++
		}
		box := model.Box{X0: c.Box.X0, Y0: edge, X1: c.Box.X1, Y1: lb[k-1].Box.Y1}
		t.Overflow = append(t.Overflow, Overflow{Cell: i, Box: box})
	}
}

// sortedLinesBuf groups glyphs into lines, top to bottom, in b's buffers
// (groupLinesBuf).
func sortedLinesBuf(b *TextBuf, gs []page.Glyph) []textLine {
	ls := groupLinesBuf(b, gs)
	slices.SortStableFunc(ls, func(a, b textLine) int {
		switch {
		case a.Box.Y0 < b.Box.Y0:
			return -1
		case a.Box.Y0 > b.Box.Y0:
			return 1
		}
		return 0
	})
	return ls
}

// pitchOf is the distance between consecutive lines of a cell's text (the
// median), from ls, else from alt; 0 when neither has two lines.
func pitchOf(ls, alt []textLine) float64 {
	for _, s := range [][]textLine{ls, alt} {
		var ds []float64
		for i := 1; i < len(s); i++ {
			ds = append(ds, s[i].Box.Y0-s[i-1].Box.Y0)
		}
		if len(ds) > 0 {
			slices.Sort(ds)
			return ds[len(ds)/2]
		}
	}
	return 0
}

func lineSize(l textLine) float64 {
	var ss []float64
	for _, g := range l.Glyphs {
		ss = append(ss, layout.Em(g))
	}
	if len(ss) == 0 {
		return l.Box.Y1 - l.Box.Y0
	}
	slices.Sort(ss)
	return ss[len(ss)/2]
}
