package tables

import (
	"math"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// joinSplitRow undoes a row that the producer broke across the page break
// (Writer's default): the first row of the new page, row, continues the row
// above when it has no 序号 of its own where the row above has one, or — in
// a table without 序号 — when every cell of it that has text goes on from
// the text above (the line above was full: see lattice.Wraps). The columns
// must line up. Each of its cells then joins the cell above, and the row
// goes. When only the text says so, and no column that every other row
// fills is left empty by the row (the short cells of a split row, 分值 and
// 方式, fit above the break), the join is a guess and is noted as a doubt.
// prev and cur are the pages before and after the break.
func (t *Table) joinSplitRow(row int, prev, cur page.Page, prevPad float64) {
	if row <= 0 || row >= t.NRows() || t.RowPage[row-1] == t.RowPage[row] {
		return
	}
	above := t.endingAt(row)
	var below []int
	for j, d := range t.Cells {
		if d.Row != row {
			continue
		}
		if _, ok := above[[2]int{d.Col, d.ColSpan}]; !ok {
			return // the columns do not line up: not a split row
		}
		below = append(below, j)
	}
	if id := t.seqColumn(); id >= 0 {
		a, okA := above[[2]int{id, 1}]
		for _, j := range below {
			if d := t.Cells[j]; d.Col == id && d.ColSpan == 1 {
				switch {
				case squash(d.Text) != "":
					return // its own 序号: a new row
				case okA && squash(t.Cells[a].Text) != "" && t.Cells[a].RowSpan == 1:
					t.mergeRowUp(row)
					return
				}
			}
		}
	}
	first := t.textContinues(row, above, prev, cur, prevPad)
	if first < 0 {
		return
	}
	sure := t.leavesFilledColumn(row, above)
	if c := &t.Cells[above[[2]int{first, t.colSpanAt(row, first)}]]; !sure && c.Doubt == "" {
		c.Doubt = doubtSplitRow
	}
	t.mergeRowUp(row)
}

// textContinues returns the first column in which row, first after a page
// break, goes on with the text of the cell above, when every cell of row
// that has text does so (the line above was full: lattice.Wraps), else -1.
// above is t.endingAt(row); prev and cur are the pages before and after
// the break, prevPad the padding of the part above it.
func (t *Table) textContinues(row int, above map[[2]int]int, prev, cur page.Page, prevPad float64) int {
	first := -1
	for _, d := range t.Cells {
		if d.Row != row || squash(d.Text) == "" {
			continue
		}
		i, ok := above[[2]int{d.Col, d.ColSpan}]
		if !ok {
			return -1
		}
		c := t.Cells[i]
		if squash(c.Text) == "" || !t.wrapsInto(c, d, prev, cur, prevPad) {
			return -1 // text of its own: a new row
		}
		if first < 0 || d.Col < first {
			first = d.Col
		}
	}
	return first
}

// wrapsInto reports whether d, below the break, goes on with the text of c
// above it: c's last line was full (lattice.Wraps).
func (t *Table) wrapsInto(c, d Cell, prev, cur page.Page, prevPad float64) bool {
	box, pad := t.wrapBox(c, prev, prevPad)
	return lattice.Wraps(t.partGlyphs(c, prev), t.partGlyphs(d, cur), box, pad)
}

// wrapBox is the width c's lines wrap in on page p: a ruled cell's box
// less its padding; in an unruled table, whose cell borders are guessed in
// the white space between columns, the extent of the text of c's columns
// over the table's rows on p (its full lines reach it).
func (t *Table) wrapBox(c Cell, p page.Page, pad float64) (model.Box, float64) {
	if t.Ruled {
		return c.Box, pad
	}
	y0, y1 := math.Inf(1), math.Inf(-1)
	for r := range t.NRows() {
		if t.RowPage[r] == p.Number {
			y0, y1 = min(y0, t.RowBox[r].Y0), max(y1, t.RowBox[r].Y1)
		}
	}
	box := model.Box{X0: math.Inf(1), Y0: c.Box.Y0, X1: math.Inf(-1), Y1: c.Box.Y1}
	for _, g := range p.Glyphs {
		cx, cy := (g.Box.X0+g.Box.X1)/2, layout.CenterY(g)
		if cx > c.Box.X0 && cx < c.Box.X1 && cy > y0 && cy < y1 && !layout.Blank(g) {
			box.X0, box.X1 = min(box.X0, g.Box.X0), max(box.X1, g.Box.X1)
		}
	}
	if box.X0 >= box.X1 {
		return c.Box, pad
	}
	return box, 0
}

// filledPart reports whether the text of c, printed on page p, fills its
// part there: under its last line less room is left than one more line and
// the padding take, so a text that went on had to go on on the next page.
func (t *Table) filledPart(c Cell, p page.Page, pad float64) bool {
	gs := t.partGlyphs(c, p)
	if len(gs) == 0 {
		return false
	}
	bottom, last, em := math.Inf(-1), math.Inf(-1), 0.0
	for r := c.Row; r < c.Row+c.RowSpan && r < t.NRows(); r++ {
		if t.RowPage[r] == p.Number {
			bottom = max(bottom, t.RowBox[r].Y1)
		}
	}
	for _, g := range gs {
		last = max(last, g.Box.Y1)
		em = max(em, layout.Em(g))
	}
	return bottom-last < em+pad
}

// doubtSplitRow is the doubt on a cell joined across a page on its text
// alone.
const doubtSplitRow = "跨页断开的一行只凭文字接续拼成一格，下一页的部分也可能是新的一行"

// endingAt maps (col, colspan) to the index of the cell ending just above
// row.
func (t *Table) endingAt(row int) map[[2]int]int {
	above := map[[2]int]int{}
	for i, c := range t.Cells {
		if c.Row < row && c.Row+c.RowSpan == row {
			above[[2]int{c.Col, c.ColSpan}] = i
		}
	}
	return above
}

func (t *Table) colSpanAt(row, col int) int {
	for _, c := range t.Cells {
		if c.Row == row && c.Col == col {
			return c.ColSpan
		}
	}
	return 1
}

// seqColumn returns the column of the rows' 序号, or -1: the column whose
// one-row cells read as 序号 (1-2-3) on at least two rows, or hold plain
// numbers counting up by one (starting again at 1 in a new section) on at
// least three. A column of weights (6, 8, 10) does not count up by one.
func (t *Table) seqColumn() int {
	type count struct{ seqs, ints, steps, prev int }
	cols := make([]count, t.NCols)
	for _, c := range t.Cells {
		if c.Col < 0 || c.Col >= t.NCols || c.ColSpan != 1 || c.RowSpan != 1 {
			continue
		}
		if txt := strings.TrimSpace(c.Text); txt == "" || txt[0] < '0' || txt[0] > '9' {
			continue // not a number (ParseSeq would say so, at more cost)
		}
		q, ok := model.ParseSeq(squash(c.Text))
		k := &cols[c.Col]
		switch {
		case !ok:
		case q.InCell():
			k.seqs++
		case len(q.Levels) == 1:
			n := q.Levels[0]
			if k.ints > 0 && (n == k.prev+1 || n == 1) {
				k.steps++
			}
			k.ints++
			k.prev = n
		}
	}
	best, bestN := -1, 0
	for col, k := range cols {
		n := 0
		switch {
		case k.seqs >= 2:
			n = k.seqs + k.ints
		case k.ints >= 3 && 5*k.steps >= 4*(k.ints-1):
			n = k.ints
		}
		if n > bestN {
			best, bestN = col, n
		}
	}
	return best
}

// leavesFilledColumn reports whether row leaves empty a one-cell column
// that nine in ten of the table's other rows fill, under a cell with text:
// what a row broken by the page does with its short cells.
func (t *Table) leavesFilledColumn(row int, above map[[2]int]int) bool {
	for _, d := range t.Cells {
		if d.Row != row || d.ColSpan != 1 || d.RowSpan != 1 || squash(d.Text) != "" {
			continue
		}
		c := t.Cells[above[[2]int{d.Col, 1}]]
		if squash(c.Text) == "" {
			continue
		}
		filled, all := 0, 0
		for _, e := range t.Cells {
			if e.Col == d.Col && e.ColSpan == 1 && e.RowSpan == 1 && e.Row != row {
				all++
				if squash(e.Text) != "" {
					filled++
				}
			}
		}
		if all >= 3 && 10*filled >= 9*all {
			return true
		}
	}
	return false
}

// partGlyphs returns the glyphs of cell c printed on page p: under its
// columns, over those of its rows that p holds.
func (t *Table) partGlyphs(c Cell, p page.Page) []page.Glyph {
	y0, y1 := math.Inf(1), math.Inf(-1)
	for r := c.Row; r < c.Row+c.RowSpan && r < t.NRows(); r++ {
		if t.RowPage[r] == p.Number {
			y0, y1 = min(y0, t.RowBox[r].Y0), max(y1, t.RowBox[r].Y1)
		}
	}
	var out []page.Glyph
	for _, g := range p.Glyphs {
		cx, cy := (g.Box.X0+g.Box.X1)/2, layout.CenterY(g)
		if cx > c.Box.X0 && cx < c.Box.X1 && cy > y0 && cy < y1 && !layout.Blank(g) {
			out = append(out, g)
		}
	}
	return out
}

// partOfRow reports whether row, first after a page break, and the row
// above it are the two parts of one row: the 序号 column has text on at most
// one of them. In a table without 序号 the text says: every cell of row with
// text goes on from the cell above (see textContinues).
func (t *Table) partOfRow(row int, prev, cur page.Page, prevPad float64) bool {
	_, idCol, ok := idGroup(t.Cells, row-1)
	if !ok {
		_, idCol, ok = idGroup(t.Cells, row)
	}
	if !ok {
		return t.textContinues(row, t.endingAt(row), prev, cur, prevPad) >= 0
	}
	n := 0
	for _, c := range t.Cells {
		if c.Col == idCol && (c.Row == row || c.Row+c.RowSpan == row) && squash(c.Text) != "" {
			n++
		}
	}
	return n < 2
}

// mergeRowUp joins each cell of row to the cell ending just above it in the
// same columns and removes the row. It does nothing, and says so, when the
// columns do not line up.
func (t *Table) mergeRowUp(row int) bool {
	above := t.endingAt(row)
	for _, d := range t.Cells {
		if d.Row != row {
			continue
		}
		if _, ok := above[[2]int{d.Col, d.ColSpan}]; !ok {
			return false // the columns do not line up: not a split row
		}
	}
	drop := map[int]bool{}
	for j, d := range t.Cells {
		if d.Row != row {
			continue
		}
		i := above[[2]int{d.Col, d.ColSpan}]
		c := &t.Cells[i]
		c.Text = concatText(c.Text, d.Text)
		if c.RowDoubt == "" {
			c.RowDoubt = d.RowDoubt
		}
		c.RowSpan += d.RowSpan
		c.OpenBottom = d.OpenBottom
		drop[j] = true
	}
	t.dropCells(drop)
	// The row is gone: cells below move up, cells over it shrink.
	for i := range t.Cells {
		c := &t.Cells[i]
		switch {
		case c.Row > row:
			c.Row--
		case c.Row+c.RowSpan > row:
			c.RowSpan--
		}
	}
	t.RowPage = slices.Delete(t.RowPage, row, row+1)
	t.RowBox = slices.Delete(t.RowBox, row, row+1)
	return true
}

// idGroup returns the group part of the 序号 on a row (1-5 of 1-5-2): the
// text of a cell of digits joined by hyphens, without its last part.
func idGroup(cells []Cell, row int) (string, int, bool) {
	for _, c := range cells {
		if c.Row != row || c.RowSpan != 1 {
			continue
		}
		if q, ok := model.ParseSeq(squash(c.Text)); ok && q.InCell() {
			return q.Group(), c.Col, true
		}
	}
	return "", -1, false
}

// concatText joins two parts of one text broken by the page: CJK without a
// space, other words with one.
func concatText(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	ra, rb := []rune(a), []rune(b)
	if cjk.Wide(ra[len(ra)-1]) || cjk.Wide(rb[0]) {
		return a + b
	}
	return a + " " + b
}
