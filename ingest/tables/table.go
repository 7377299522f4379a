// Package tables turns the pages of a paged document into tables that span
// pages: it finds each page's ruled tables (package lattice) and unruled ones
// (package stream), joins a table continued on the next page to the one it
// continues — dropping the header the producer repeated and making a merged
// cell cut by the page break one cell again — and hands the rows, with the
// text lines around them, to the parsers as a flow.
package tables

import (
	"slices"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// Table is one logical table, possibly over several pages. Rows are numbered
// over the whole table; RowPage and RowBox say where each row was printed.
// Exported as Join's result.
type Table struct {
	ID      int
	NCols   int
	Cells   []Cell
	RowPage []int
	RowBox  []model.Box
	Ruled   bool
	// cols are the column boundaries on the last page, for the next join.
	cols []float64
	// headerRows is the number of header rows found repeated, 0 if unknown.
	headerRows int
	// pad is the cell padding of the last page's part (lattice.Table.Pad).
	pad float64
}

// Cell is a cell of a logical table; Page and Box are those of its first part.
// Exported as the element of Table.Cells.
type Cell struct {
	lattice.Cell
	Page int
}

// NRows is the number of rows of the table.
func (t *Table) NRows() int { return len(t.RowPage) }

func newTable(id int, pt lattice.Table) *Table {
	t := &Table{ID: id, NCols: pt.NCols(), Ruled: pt.Ruled, cols: pt.Cols, pad: pt.Pad}
	t.appendRows(pt, 0)
	return t
}

// appendRows adds the rows of pt from row `from` on.
func (t *Table) appendRows(pt lattice.Table, from int) {
	off := t.NRows() - from
	if n := pt.NRows() - from; n > 0 {
		t.RowPage = slices.Grow(t.RowPage, n)
		t.RowBox = slices.Grow(t.RowBox, n)
	}
	t.Cells = slices.Grow(t.Cells, len(pt.Cells))
	for r := from; r < pt.NRows(); r++ {
		t.RowPage = append(t.RowPage, pt.Page)
		t.RowBox = append(t.RowBox, model.Box{X0: pt.Box.X0, Y0: pt.Rows[r], X1: pt.Box.X1, Y1: pt.Rows[r+1]})
	}
	for _, c := range pt.Cells {
		if c.Row < from {
			continue
		}
		c.Row += off
		t.Cells = append(t.Cells, Cell{Cell: c, Page: pt.Page})
	}
}

func (t *Table) dropCells(drop map[int]bool) {
	if len(drop) == 0 {
		return
	}
	cells := t.Cells[:0]
	for j, c := range t.Cells {
		if !drop[j] {
			cells = append(cells, c)
		}
	}
	t.Cells = cells
}

// squash removes white space, so a header printed with different letter
// spacing on two pages compares equal.
func squash(s string) string { return cjk.Squash(s) }
