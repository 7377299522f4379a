package tables

import (
	"slices"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// joinSplitRow undoes a row that the producer broke across the page break
// (Writer's default): the first row of the new page has no 序号 where the
// row above has one, and its cells continue the texts above. Each of its
// cells joins the cell above in the same columns, and the row goes.
func (t *Table) joinSplitRow(row int) {
	if row <= 0 || row >= t.NRows() {
		return
	}
	_, idCol, ok := idGroup(t.Cells, row-1)
	if !ok {
		return
	}
	split := false
	for _, c := range t.Cells {
		if c.Row == row && c.Col == idCol && c.ColSpan == 1 && c.RowSpan == 1 && squash(c.Text) == "" {
			split = true
		}
	}
	if split {
		t.mergeRowUp(row)
	}
}

// partOfRow reports whether row, first after a page break, and the row
// above it are the two parts of one row: the 序号 column has text on at most
// one of them. A table without 序号 cannot tell, and the parts are joined.
func (t *Table) partOfRow(row int) bool {
	_, idCol, ok := idGroup(t.Cells, row-1)
	if !ok {
		_, idCol, ok = idGroup(t.Cells, row)
	}
	if !ok {
		return true
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
	above := map[[2]int]int{} // (col, colspan) → index of the cell ending just above
	for i, c := range t.Cells {
		if c.Row < row && c.Row+c.RowSpan == row {
			above[[2]int{c.Col, c.ColSpan}] = i
		}
	}
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
