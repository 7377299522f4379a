package lattice

import (
	"slices"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
)

// A browser (Chromium's Skia) and some print drivers draw a table's borders
// as filled rectangles, one per cell edge, inside the cell: the right edge
// of one cell and the left edge of the next are two bars side by side, a
// bar's width apart. In the page model a thin filled rectangle is a segment
// along its long side whose Width is its thickness (ingest/pdf paths.go).
// They must read as one ruling each, not as a sliver column or row between
// every two cells.
func TestPerEdgeFilledBorders(t *testing.T) {
	s := spec{
		x: 40, y: 80, size: 10,
		cw: []float64{30, 60, 150, 40},
		rh: []float64{24, 36, 36, 36},
		cells: []Cell{
			{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "序号"},
			{Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "一级指标"},
			{Row: 0, Col: 2, RowSpan: 1, ColSpan: 1, Text: "二级指标"},
			{Row: 0, Col: 3, RowSpan: 1, ColSpan: 1, Text: "权重"},
			{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-1"},
			{Row: 1, Col: 1, RowSpan: 3, ColSpan: 1, Text: "招商引资"},
			{Row: 1, Col: 2, RowSpan: 1, ColSpan: 1, Text: "统筹抓好全市半导体产业招商"},
			{Row: 1, Col: 3, RowSpan: 1, ColSpan: 1, Text: "2"},
			{Row: 2, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-2"},
			{Row: 2, Col: 2, RowSpan: 1, ColSpan: 1, Text: "大力招引龙头企业"},
			{Row: 2, Col: 3, RowSpan: 1, ColSpan: 1, Text: "1.5"},
			{Row: 3, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-3"},
			{Row: 3, Col: 2, RowSpan: 1, ColSpan: 1, Text: "配合市科技局推进"},
			{Row: 3, Col: 3, RowSpan: 1, ColSpan: 1, Text: "1"},
		},
	}
	xs, ys := []float64{s.x}, []float64{s.y}
	for _, w := range s.cw {
		xs = append(xs, xs[len(xs)-1]+w)
	}
	for _, h := range s.rh {
		ys = append(ys, ys[len(ys)-1]+h)
	}
	const bar = 0.75 // 1 CSS px
	p := page.Page{Number: 1, Width: 595, Height: 842}
	for _, c := range s.cells {
		x0, y0 := xs[c.Col], ys[c.Row]
		x1, y1 := xs[c.Col+c.ColSpan], ys[c.Row+c.RowSpan]
		// Four bars inside the cell's box, each its own filled rectangle.
		p.Segments = append(p.Segments,
			page.Segment{X0: x0, Y0: y0 + bar/2, X1: x1, Y1: y0 + bar/2, Width: bar},
			page.Segment{X0: x0, Y0: y1 - bar/2, X1: x1, Y1: y1 - bar/2, Width: bar},
			page.Segment{X0: x0 + bar/2, Y0: y0, X1: x0 + bar/2, Y1: y1, Width: bar},
			page.Segment{X0: x1 - bar/2, Y0: y0, X1: x1 - bar/2, Y1: y1, Width: bar},
		)
		p.Glyphs = append(p.Glyphs, setText(c.Text, x0+3, y0+3, x1-x0-6, s.size)...)
	}
	ts := Find(p)
	if len(ts) != 1 {
		t.Fatalf("found %d tables, want 1", len(ts))
	}
	got := ts[0]
	if got.NRows() != len(s.rh) || got.NCols() != len(s.cw) {
		t.Fatalf("grid %dx%d, want %dx%d (rows %v, cols %v)", got.NRows(), got.NCols(), len(s.rh), len(s.cw), got.Rows, got.Cols)
	}
	checkCells(t, got, s.cells)
}

// Producers draw a cell's text in several runs: a line per text object,
// words apart, lines in any order (a wrapped line drawn before the one it
// follows, a number set apart from its unit). The cell's text is still read
// in reading order.
func TestTextInSeveralRunsPerCell(t *testing.T) {
	s := spec{
		x: 50, y: 100, size: 10,
		cw: []float64{30, 120, 40},
		rh: []float64{20, 40, 40},
		cells: []Cell{
			{Row: 0, Col: 0, RowSpan: 1, ColSpan: 1, Text: "序号"},
			{Row: 0, Col: 1, RowSpan: 1, ColSpan: 1, Text: "二级指标"},
			{Row: 0, Col: 2, RowSpan: 1, ColSpan: 1, Text: "完成时限"},
			{Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-1"},
			{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "统筹抓好全市半导体产业招商引资工作，制定年度方案"},
			{Row: 1, Col: 2, RowSpan: 1, ColSpan: 1, Text: "6月底前"},
			{Row: 2, Col: 0, RowSpan: 1, ColSpan: 1, Text: "1-2"},
			{Row: 2, Col: 1, RowSpan: 1, ColSpan: 1, Text: "举办产业创新发展论坛"},
			{Row: 2, Col: 2, RowSpan: 1, ColSpan: 1, Text: "12月底前"},
		},
	}
	p := page.Page{Number: 1, Width: 595, Height: 842}
	s.draw(&p)
	// Cut each cell's glyphs into runs of three, and draw the runs last to
	// first: the content stream's order is no longer the reading order.
	var runs [][]page.Glyph
	for i := 0; i < len(p.Glyphs); i += 3 {
		runs = append(runs, p.Glyphs[i:min(i+3, len(p.Glyphs))])
	}
	slices.Reverse(runs)
	var gs []page.Glyph
	for _, r := range runs {
		gs = append(gs, r...)
	}
	p.Glyphs = gs
	ts := Find(p)
	if len(ts) != 1 {
		t.Fatalf("found %d tables, want 1", len(ts))
	}
	checkCells(t, ts[0], s.cells)
}

func checkCells(t *testing.T, got Table, cells []Cell) {
	t.Helper()
	want := map[string]string{}
	for _, c := range cells {
		want[key(c)] = c.Text
	}
	if len(got.Cells) != len(cells) {
		t.Errorf("got %d cells, want %d", len(got.Cells), len(cells))
	}
	for _, c := range got.Cells {
		w, ok := want[key(c)]
		switch {
		case !ok:
			t.Errorf("unexpected cell %s %q", key(c), c.Text)
		case c.Text != w:
			t.Errorf("cell %s text %q, want %q", key(c), c.Text, w)
		}
	}
}
