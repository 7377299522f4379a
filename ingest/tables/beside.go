package tables

import (
	"cmp"
	"slices"
	"strings"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
)

// A ruled table has lost a column when its side border was not found (a
// hairline too faint to survive a scan, a border the producer left out)
// and its rows' rules stop at the last border found: the column's text,
// header and values, lies outside the table and is read as lines of
// running text. The form then lacks the column, says nothing of it, and
// every value of it is lost without a word. Text of the page standing
// beside a ruled table, within one of its rows, is that sign: nothing else
// a 文件 prints there. markBeside puts a doubt on every row of such a
// table, since a lost column's value may be merged over many rows or be
// blank on some, and no row's reading of it can be trusted.

// markBeside sets RowDoubt on the rows of the ruled tables ts of one page
// that have text beside them among rest, the page's glyphs outside them.
func markBeside(ts []lattice.Table, rest []page.Glyph) {
	for i := range ts {
		t := &ts[i]
		if !t.Ruled || t.NRows() < 1 || t.NCols() < 1 {
			continue
		}
		text := besideText(t, rest)
		if text == "" {
			continue
		}
		doubt := "表格框线外有与表格行对齐的文字“" + text + "”，表格可能有一列没有读入"
		// Every cell carries it: the join across pages drops a merged
		// cell's part on the next page, and the row must keep its doubt.
		for k := range t.Cells {
			t.Cells[k].RowDoubt = doubt
		}
	}
}

// besideText is the first line of text (top to bottom) standing beside a
// row of t among gs: its glyphs within the row's band, on the table's
// right or left, starting within one column's width of the table's edge
// (a lost column is no wider than the table's widest, and its text
// starts within it), each glyph within a character's size of the one
// before. "" when there is none.
func besideText(t *lattice.Table, gs []page.Glyph) string {
	reach := 0.0
	for c := 1; c < len(t.Cols); c++ {
		reach = max(reach, t.Cols[c]-t.Cols[c-1])
	}
	type side struct {
		row   int
		right bool
	}
	lines := map[side][]page.Glyph{}
	for _, g := range gs {
		r := rowAt(t, g)
		if r < 0 || strings.TrimSpace(g.Text) == "" {
			continue
		}
		switch cx := (g.Box.X0 + g.Box.X1) / 2; {
		case cx > t.Box.X1:
			lines[side{r, true}] = append(lines[side{r, true}], g)
		case cx < t.Box.X0:
			lines[side{r, false}] = append(lines[side{r, false}], g)
		}
	}
	keys := make([]side, 0, len(lines))
	for k := range lines {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b side) int {
		if c := cmp.Compare(a.row, b.row); c != 0 {
			return c
		}
		return cmp.Compare(len(lines[b]), len(lines[a]))
	})
	for _, k := range keys {
		if s := chain(t, lines[k], k.right, reach); s != "" {
			return s
		}
	}
	return ""
}

// rowAt is the row of t whose band holds glyph g — its centre inside the
// row, its box not over the table's top or bottom by more than a quarter
// of its height (a character's ink, its box's slack) — or -1.
func rowAt(t *lattice.Table, g page.Glyph) int {
	h := g.Box.Y1 - g.Box.Y0
	if h <= 0 || g.Box.Y0 < t.Box.Y0-h/4 || g.Box.Y1 > t.Box.Y1+h/4 {
		return -1
	}
	cy := (g.Box.Y0 + g.Box.Y1) / 2
	for r := 0; r+1 < len(t.Rows); r++ {
		if cy > t.Rows[r] && cy < t.Rows[r+1] {
			return r
		}
	}
	return -1
}

// chain reads the glyphs gs beside t as a line outward from the table's
// edge: the first must start within reach of it, each next within its
// own size of the one before. The text, "" when the first is too far.
func chain(t *lattice.Table, gs []page.Glyph, right bool, reach float64) string {
	gs = slices.Clone(gs)
	dist := func(g page.Glyph) float64 {
		if right {
			return g.Box.X0 - t.Box.X1
		}
		return t.Box.X0 - g.Box.X1
	}
	slices.SortFunc(gs, func(a, b page.Glyph) int { return cmp.Compare(dist(a), dist(b)) })
	if len(gs) == 0 || dist(gs[0]) > reach {
		return ""
	}
	line := gs[:0:0]
	far := dist(gs[0])
	for _, g := range gs {
		size := max(g.Box.X1-g.Box.X0, g.Box.Y1-g.Box.Y0)
		if dist(g) > far+size {
			break
		}
		far = max(far, dist(g)+g.Box.X1-g.Box.X0)
		line = append(line, g)
	}
	slices.SortFunc(line, func(a, b page.Glyph) int { return cmp.Compare(a.Box.X0, b.Box.X0) })
	var b strings.Builder
	for _, g := range line {
		b.WriteString(g.Text)
	}
	return b.String()
}
