// Package tables turns the pages of a paged document into tables that span
// pages: it finds each page's ruled tables (package lattice) and unruled ones
// (package stream), joins a table continued on the next page to the one it
// continues — dropping the header the producer repeated and making a merged
// cell cut by the page break one cell again — and hands the rows, with the
// text lines around them, to the parsers as a flow.
package tables

import (
	"math"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/stream"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/cjk"
)

// Table is one logical table, possibly over several pages. Rows are numbered
// over the whole table; RowPage and RowBox say where each row was printed.
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
}

// Cell is a cell of a logical table; Page and Box are those of its first part.
type Cell struct {
	lattice.Cell
	Page int
}

// NRows is the number of rows of the table.
func (t *Table) NRows() int { return len(t.RowPage) }

// PageTables finds the tables of one page: ruled ones first, then unruled ones
// in the text left outside them.
func PageTables(p page.Page) []lattice.Table {
	ts := lattice.Find(p)
	rest := p
	rest.Glyphs = outside(p.Glyphs, ts)
	ts = append(ts, stream.Find(rest)...)
	sortByY(ts)
	return ts
}

func sortByY(ts []lattice.Table) {
	for i := 1; i < len(ts); i++ {
		for j := i; j > 0 && ts[j].Box.Y0 < ts[j-1].Box.Y0; j-- {
			ts[j], ts[j-1] = ts[j-1], ts[j]
		}
	}
}

// outside returns the glyphs whose centre lies in none of ts.
func outside(gs []page.Glyph, ts []lattice.Table) []page.Glyph {
	if len(ts) == 0 {
		return gs
	}
	out := make([]page.Glyph, 0, len(gs))
	for _, g := range gs {
		in := false
		for _, t := range ts {
			if t.Contains(g.Box) {
				in = true
				break
			}
		}
		if !in {
			out = append(out, g)
		}
	}
	return out
}

// maxFurnitureLines is how many lines of text may stand between a table's
// end and its continuation on the next page: a page number, a running
// header. More text means the writer started something new.
const maxFurnitureLines = 2

// Join reads the tables of all pages (per[i] belongs to pages[i]) as logical
// tables. It may add overflow regions to the tables in per, so that callers
// reading the remaining glyphs as lines skip text the tables own. A table continues the previous one when it is the first on its page,
// the previous one was the last on the page before, little text lies between
// them, and their column boundaries line up.
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
				per[i][j] = prevEnd.t.extend(pt, p.Glyphs)
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

// openColumns returns the x ranges of the cells left open at the table's
// bottom: a producer may draw their text again above the continuation.
func (t *Table) openColumns() [][2]float64 {
	var out [][2]float64
	for _, c := range t.Cells {
		if c.OpenBottom && c.Row+c.RowSpan == t.NRows() {
			out = append(out, [2]float64{c.Box.X0, c.Box.X1})
		}
	}
	return out
}

// notUnder returns the glyphs whose centre lies in none of the x ranges.
func notUnder(gs []page.Glyph, xs [][2]float64) []page.Glyph {
	if len(xs) == 0 {
		return gs
	}
	var out []page.Glyph
	for _, g := range gs {
		cx := (g.Box.X0 + g.Box.X1) / 2
		in := false
		for _, x := range xs {
			if cx >= x[0] && cx <= x[1] {
				in = true
				break
			}
		}
		if !in {
			out = append(out, g)
		}
	}
	return out
}

// linesBetween counts the text lines (layout.Lines) of the glyphs of gs
// whose centre lies in (y0, y1).
func linesBetween(gs []page.Glyph, y0, y1 float64) int {
	var in []page.Glyph
	for _, g := range gs {
		if cy := layout.CenterY(g); cy > y0 && cy < y1 {
			in = append(in, g)
		}
	}
	return len(layout.Lines(in, layout.Extent, false))
}

func newTable(id int, pt lattice.Table) *Table {
	t := &Table{ID: id, NCols: pt.NCols(), Ruled: pt.Ruled, cols: pt.Cols}
	t.appendRows(pt, 0)
	return t
}

// appendRows adds the rows of pt from row `from` on.
func (t *Table) appendRows(pt lattice.Table, from int) {
	off := t.NRows() - from
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

// extend appends pt, the continuation of t on the next page.
func (t *Table) extend(pt lattice.Table, glyphs []page.Glyph) lattice.Table {
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
		if t.partOfRow(last) && t.mergeRowUp(last) {
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
			if !continues(*c, d, t.Cells, last) {
				continue
			}
			c.RowSpan += d.RowSpan
			c.OpenBottom = d.OpenBottom
			c.Text = joinText(c.Text, d.Text)
			drop[j] = true
		}
	}
	t.dropCells(drop)
	t.joinSplitRow(last)
	return pt
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

// continues decides whether cell d, first below the page break, continues
// the merged cell c above it. Producers mark the cut three ways: Calc leaves
// c open at the page edge; Writer closes it and leaves d empty; our own
// render/pdf closes it and prints the label again. An empty or repeated
// cell is a continuation in the first column (the 项目: two categories are
// never adjacent under one name); further right, adjacent groups often
// share a 文件依据 or leave it empty, so there the 序号 must say that the
// rows on both sides of the break belong to one group (1-5-1 / 1-5-2).
func continues(c, d Cell, cells []Cell, row int) bool {
	switch {
	case c.OpenBottom:
		return true
	case sameGroup(c, cells, row):
		// Writer also flows the cut cell's text on: 「…主体责」 above the
		// break, 「任（7.5分）」 below. The 序号 say it is one cell.
		return true
	case squash(d.Text) != "" && squash(d.Text) != squash(c.Text):
		return false
	}
	return c.Col == 0
}

// sameGroup reports whether the rows on both sides of the break belong to
// the group cell c stands for: by the 序号 of the row above (1-5 of 1-5-2)
// for a cell over one group, by the common part of the numbers it spans for
// a cell over several.
func sameGroup(c Cell, cells []Cell, row int) bool {
	a, _, okA := idGroup(cells, row-1)
	b, _, okB := idGroup(cells, row)
	if !okA || !okB {
		return false
	}
	if a == b {
		return true
	}
	// A cell over several groups (a 项目 over 3-1-1 … 3-2-4) is a group of
	// the numbers' common part (3): it continues when the row below the
	// break has that part too.
	p := a
	for r := c.Row; r < row-1; r++ {
		if g, _, ok := idGroup(cells, r); ok {
			p = commonParts(p, g)
		}
	}
	return p != a && p != "" && (b == p || strings.HasPrefix(b, p+"-"))
}

// commonParts is the longest common run of leading parts of two 序号 groups
// (3 of 3-1 and 3-2).
func commonParts(a, b string) string {
	pa, pb := strings.Split(a, "-"), strings.Split(b, "-")
	n := 0
	for n < len(pa) && n < len(pb) && pa[n] == pb[n] {
		n++
	}
	return strings.Join(pa[:n], "-")
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

// joinText joins the parts of a cell printed on two pages. Calc centres a
// merged cell's text in the whole merged area, so usually one part is empty.
func joinText(a, b string) string {
	sa, sb := squash(a), squash(b)
	switch {
	case sa == "":
		return b
	case sb == "", strings.Contains(sa, sb):
		return a
	case strings.Contains(sb, sa):
		return b
	}
	return concatText(a, b)
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

// repeatedHeader returns how many top rows of pt repeat the top rows of t:
// the largest k for which the cells of rows < k match in position, spans and
// text, and none of them reaches below row k.
func repeatedHeader(t *Table, pt lattice.Table) int {
	best := 0
	for k := 1; k <= pt.NRows() && k <= t.NRows() && k <= 4; k++ {
		a := block(func(yield func(lattice.Cell) bool) {
			for _, c := range t.Cells {
				if !yield(c.Cell) {
					return
				}
			}
		}, k)
		b := block(func(yield func(lattice.Cell) bool) {
			for _, c := range pt.Cells {
				if !yield(c) {
					return
				}
			}
		}, k)
		if a == nil || b == nil || len(a) != len(b) {
			continue
		}
		same := true
		for key, txt := range a {
			got, ok := b[key]
			if !ok || !subsequence(txt, got) {
				same = false
				break
			}
		}
		if same && hasText(a) {
			best = k
		}
	}
	return best
}

// block maps the cells of rows < k to their text, or nil when a cell of
// those rows reaches below row k (the rows are not a closed block).
func block(cells func(func(lattice.Cell) bool), k int) map[[4]int]string {
	m := map[[4]int]string{}
	ok := true
	cells(func(c lattice.Cell) bool {
		if c.Row >= k {
			return true
		}
		if c.Row+c.RowSpan > k {
			ok = false
			return false
		}
		m[[4]int{c.Row, c.Col, c.RowSpan, c.ColSpan}] = squash(c.Text)
		return true
	})
	if !ok {
		return nil
	}
	return m
}

// subsequence reports whether want's runes appear in got in order. A
// repeated header cell may hold more than the header: a producer that centres
// a merged cell's text in its whole area draws the part above the page break
// over the repeated header, clipped away on paper but present in the content
// stream.
func subsequence(want, got string) bool {
	if want == got {
		return true
	}
	if want == "" {
		return false
	}
	w := []rune(want)
	i := 0
	for _, r := range got {
		if i < len(w) && r == w[i] {
			i++
		}
	}
	return i == len(w)
}

func hasText(m map[[4]int]string) bool {
	for _, t := range m {
		if t != "" {
			return true
		}
	}
	return false
}

// squash removes white space, so a header printed with different letter
// spacing on two pages compares equal.
func squash(s string) string { return cjk.Squash(s) }
