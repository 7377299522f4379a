package tables

import (
	"math"
	"slices"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
)

// Join reads the tables of all pages (per[i] belongs to pages[i]) as logical
// tables. It may add overflow regions to the tables in per, so that callers
// reading the remaining glyphs as lines skip text the tables own. A table
// continues the previous one when it is the first on its page, the previous
// one was the last on the page before, little text lies between them, and
// their column boundaries line up. Flow calls it; exported for the external
// tests of the cross-page join.
func Join(pages []page.Page, per [][]lattice.Table) []*Table {
	var out []*Table
	var prevEnd struct {
		t         *Table
		page      int
		linesBelw int
	}
	for i, p := range pages {
		rest := outside(p.Glyphs, per[i])
		for j, pt := range per[i] {
			if j == 0 && prevEnd.t != nil && prevEnd.page == i-1 && prevEnd.linesBelw <= maxFurnitureLines &&
				linesBetween(notUnder(rest, prevEnd.t.openColumns()), 0, pt.Box.Y0) <= maxFurnitureLines && aligned(prevEnd.t.cols, pt.Cols, p) &&
				prevEnd.t.Ruled == pt.Ruled {
				// extend may claim more of the page's glyphs for pt.
				per[i][j] = prevEnd.t.extend(pt, pages[i-1], p)
			} else {
				t := newTable(len(out), pt)
				out = append(out, t)
				prevEnd.t = t
			}
			prevEnd.page = i
			if j == len(per[i])-1 {
				prevEnd.linesBelw = linesBetween(rest, pt.Box.Y1, math.Inf(1))
			}
		}
		if len(per[i]) == 0 && len(rest) > 0 {
			// A page of text only ends any table.
			prevEnd.t = nil
		}
	}
	return out
}

// aligned reports whether two tables have the same column boundaries, up to
// a few thousandths of the page diagonal (the rounding of one producer).
func aligned(a, b []float64, p page.Page) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	eps := 3 * math.Hypot(p.Width, p.Height) / 1000
	if eps <= 0 || math.IsNaN(eps) {
		eps = 3
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > eps {
			return false
		}
	}
	return true
}

// extend appends pt, the continuation of t on the next page.
func (t *Table) extend(pt lattice.Table, prev, cur page.Page) lattice.Table {
	glyphs := cur.Glyphs
	prevPad := t.pad
	t.pad = pt.Pad
	k := repeatedHeader(t, pt)
	if k > 0 {
		t.headerRows = k
	}
	last := t.NRows()
	// Cells left open at the bottom of the previous page, matched with the
	// cell in the same columns on the first row after the repeated header.
	// Group columns are those with a vertically merged cell anywhere: only
	// there can a cell continue (a 权重 of 2 above a 权重 of 2 is two cells).
	// Header cells span rows in columns that hold no groups; they do not count.
	groupCol := map[int]bool{}
	for _, c := range t.Cells {
		if c.RowSpan > 1 && c.Row >= t.headerRows {
			groupCol[c.Col] = true
		}
	}
	for _, c := range pt.Cells {
		if c.RowSpan > 1 && c.Row >= k {
			groupCol[c.Col] = true
		}
	}
	var open []int
	cut, ending := true, 0
	for i, c := range t.Cells {
		if c.Row+c.RowSpan == last {
			ending++
			cut = cut && c.OpenBottom
			if c.OpenBottom || groupCol[c.Col] {
				open = append(open, i)
			}
		}
	}
	t.appendRows(pt, k)
	t.cols = pt.Cols
	if k >= pt.NRows() {
		return pt
	}
	if cut && ending > 0 {
		// Every cell above the break is open: no rule at the page bottom.
		// Either the producer cut a row in two (Chromium), and the first
		// row of this page is the rest of it — one of the two parts has no
		// 序号 — or it left the last rule of the page out (WPS): the row
		// above is whole, closed by the page's text, and only the cells of
		// group columns can continue.
		if t.partOfRow(last, prev, cur, prevPad) && t.mergeRowUp(last) {
			return pt
		}
		kept := open[:0]
		for _, i := range open {
			t.Cells[i].OpenBottom = false
			if groupCol[t.Cells[i].Col] {
				kept = append(kept, i)
			}
		}
		open = kept
	}
	drop := map[int]bool{}
	// spans of the cells joined so far, left to right: (row, rowspan above
	// the break, rowspan below it).
	var joined [][3]int
	slices.SortFunc(open, func(a, b int) int { return t.Cells[a].Col - t.Cells[b].Col })
	for _, i := range open {
		// The producer may draw the cut cell's text again on this page,
		// positioned for the whole merged area, above the table where the
		// clip hides it. Claim it, or it reads as a line between rows.
		if t.Cells[i].OpenBottom && t.Cells[i].Col+t.Cells[i].ColSpan < len(pt.Cols) {
			x0, x1 := pt.Cols[t.Cells[i].Col], pt.Cols[t.Cells[i].Col+t.Cells[i].ColSpan]
			if box, ok := lattice.Beyond(glyphs, x0, x1, pt.Box.Y0, false); ok {
				pt.Overflow = append(pt.Overflow, lattice.Overflow{Cell: -1, Box: box})
			}
		}
		for j := range t.Cells {
			d := t.Cells[j]
			if d.Row != last || d.Col != t.Cells[i].Col || d.ColSpan != t.Cells[i].ColSpan || j == i {
				continue
			}
			c := &t.Cells[i]
			flows := func() bool { return t.filledPart(*c, prev, prevPad) && t.wrapsInto(*c, d, prev, cur, prevPad) }
			if !continues(*c, d, t.Cells, last, flows) && !parallel(*c, d, joined) {
				continue
			}
			joined = append(joined, [3]int{c.Row, c.RowSpan, d.RowSpan})
			c.RowSpan += d.RowSpan
			c.OpenBottom = d.OpenBottom
			c.Text = joinText(c.Text, d.Text)
			drop[j] = true
		}
	}
	t.dropCells(drop)
	t.joinSplitRow(last, prev, cur, prevPad)
	return pt
}
