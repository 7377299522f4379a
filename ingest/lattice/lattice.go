// Package lattice rebuilds ruled tables from a page's ruling segments and
// glyphs: it merges the strokes a producer drew piecewise into lines, finds the
// connected groups of lines that form tables, and reads each table as a grid
// whose cells are the smallest fully ruled rectangles. A cell boundary with no
// stroke on it is a merge, so every cell comes out once with its true row and
// column span — the part that text-alignment tools lose on 考评表 forms.
//
// All tolerances derive from the strokes' own widths and from the page size
// (see tolerance), never from fixed pixel counts, so a scaled or A3 page reads
// the same as an A4 one.
package lattice

import (
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// Table is one ruled (or, from package stream, aligned) table on one page.
type Table struct {
	Page int
	Box  model.Box
	// Cols and Rows are the grid boundaries: len(Cols)-1 columns and
	// len(Rows)-1 rows, ascending.
	Cols []float64
	Rows []float64
	// Cells in reading order (by row, then column of their top-left position).
	Cells []Cell
	// Ruled is true for tables found from rulings, false for stream tables.
	Ruled bool
	// Overflow are regions outside Box whose glyphs belong to a cell: the
	// text of a merged cell cut by a page break, which the producer draws
	// whole and clips at the page edge (the clipped part still is in the
	// content stream). Cell indexes Cells.
	Overflow []Overflow
	// Pad is the producer's inner cell padding the text was read with (see
	// padding), 0 when unknown.
	Pad float64
}

// Overflow is text of Cells[Cell] drawn beyond the table's edge; Cell -1
// marks a duplicate drawn again on the next page, claimed only so that it is
// not read as a line of text.
type Overflow struct {
	Cell int
	Box  model.Box
}

// NRows is the number of grid rows.
func (t Table) NRows() int { return max(len(t.Rows)-1, 0) }

// NCols is the number of grid columns.
func (t Table) NCols() int { return max(len(t.Cols)-1, 0) }

// Cell is one cell of a table: its top-left grid position and spans.
type Cell struct {
	Row, Col         int
	RowSpan, ColSpan int
	Box              model.Box
	Text             string
	// OpenTop and OpenBottom are true when no ruling closes the cell at the
	// table's top or bottom edge: the producer cut a merged cell at a page
	// break, and the cell continues on the neighbouring page.
	OpenTop, OpenBottom bool
	// Doubt says why the reading of the cell is unsure ("" when it is not):
	// an unruled table's text crossing a column border, a group label that
	// fits no rows. The form builder makes it a reading-doubt finding.
	Doubt string
	// RowDoubt says why the reading of the cell's whole row is unsure, not
	// of one cell ("" when it is not): text beside the row outside the
	// table, a column the table may have lost (ingest/tables). The form
	// builder makes it a reading-doubt finding on the row.
	RowDoubt string
}

// Find returns the ruled tables of p, top to bottom. Glyphs whose centre lies
// in a table's box are that table's text; the caller reads the rest as lines.
func Find(p page.Page) []Table {
	tol := tolerance(p)
	hs, vs := normalize(p.Segments, tol)
	hs = mergeLines(hs, tol)
	vs = mergeLines(vs, tol)
	var tables []Table
	for _, comp := range components(hs, vs, tol) {
		t, ok := buildGrid(comp, tol)
		// A one-column grid is a framed box (a page border, a boxed note
		// under a rule), not a table: its text is read as lines, and it
		// must not swallow a real table drawn inside it.
		if !ok || t.NCols() < 2 {
			continue
		}
		t.Page = p.Number
		t.Ruled = true
		tables = append(tables, t)
	}
	sortTables(tables)
	// Nested tables (a ruled box inside a cell) are rare in 考评表 forms; a
	// table inside another's box would steal its glyphs, so keep the outer.
	tables = dropNested(tables, tol.snap)
	pad := padding(tables, p.Glyphs)
	for i := range tables {
		findOverflow(&tables[i], p.Glyphs)
		spillBelow(&tables[i], p.Glyphs, pad)
	}
	for i := range tables {
		tables[i].Pad = pad
		fillText(&tables[i], p.Glyphs, pad)
	}
	return tables
}

// Contains reports whether the centre of box b lies inside the table or its
// overflow regions: whether a glyph there is the table's text.
func (t *Table) Contains(b model.Box) bool {
	if in(t.Box, b) {
		return true
	}
	for _, o := range t.Overflow {
		if in(o.Box, b) {
			return true
		}
	}
	return false
}

func in(r, b model.Box) bool {
	cx, cy := (b.X0+b.X1)/2, (b.Y0+b.Y1)/2
	return cx >= r.X0 && cx <= r.X1 && cy >= r.Y0 && cy <= r.Y1
}

func sortTables(ts []Table) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && less(ts[j], ts[j-1]); j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

func less(a, b Table) bool {
	if a.Box.Y0 != b.Box.Y0 {
		return a.Box.Y0 < b.Box.Y0
	}
	return a.Box.X0 < b.Box.X0
}

func dropNested(ts []Table, eps float64) []Table {
	out := ts[:0]
	for i, t := range ts {
		nested := false
		for j, o := range ts {
			if i != j && inside(t.Box, o.Box, eps) && !(inside(o.Box, t.Box, eps) && j > i) {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, t)
		}
	}
	return out
}

func inside(a, b model.Box, eps float64) bool {
	return a.X0 >= b.X0-eps && a.X1 <= b.X1+eps && a.Y0 >= b.Y0-eps && a.Y1 <= b.Y1+eps
}
