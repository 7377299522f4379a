package tables_test

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// cellSpec is a cell of a synthetic ruled table; open leaves its bottom
// border undrawn, as Calc does for a merged cell cut by the page break.
type cellSpec struct {
	r, c, rs, cs int
	text         string
	open         bool
}

// drawTable adds a ruled table to p: column boundaries xs, row boundaries
// ys, each cell stroking its own borders and its text in 10pt glyphs, a
// line for each \n-separated part.
func drawTable(p *page.Page, xs, ys []float64, cells []cellSpec) {
	for _, c := range cells {
		x0, x1 := xs[c.c], xs[c.c+c.cs]
		y0, y1 := ys[c.r], ys[c.r+c.rs]
		p.Segments = append(p.Segments,
			page.Segment{X0: x0, Y0: y0, X1: x1, Y1: y0, Width: 0.5},
			page.Segment{X0: x0, Y0: y0, X1: x0, Y1: y1, Width: 0.5},
			page.Segment{X0: x1, Y0: y0, X1: x1, Y1: y1, Width: 0.5})
		if !c.open {
			p.Segments = append(p.Segments, page.Segment{X0: x0, Y0: y1, X1: x1, Y1: y1, Width: 0.5})
		}
		// Lines of the text (split at \n) are 12pt apart.
		for i, line := range strings.Split(c.text, "\n") {
			x, y := x0+2, y0+3+12*float64(i)
			for _, r := range line {
				w := 10.0
				if r < 0x2e80 {
					w = 5
				}
				p.Glyphs = append(p.Glyphs, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y, X1: x + w, Y1: y + 10}, Size: 10})
				x += w
			}
		}
	}
}

func TestJoinAcrossPages(t *testing.T) {
	xs := []float64{50, 110, 170, 400}
	header := []cellSpec{{0, 0, 1, 1, "项目", false}, {0, 1, 1, 1, "序号", false}, {0, 2, 1, 1, "二级指标", false}}
	p1 := page.Page{Number: 1, Width: 595, Height: 842}
	drawTable(&p1, xs, []float64{100, 120, 140, 160}, append(header,
		cellSpec{1, 0, 2, 1, "重点工作", true},
		cellSpec{1, 1, 1, 1, "1-1-1", false}, cellSpec{1, 2, 1, 1, "甲", false},
		cellSpec{2, 1, 1, 1, "1-1-2", false}, cellSpec{2, 2, 1, 1, "乙", false}))
	p2 := page.Page{Number: 2, Width: 595, Height: 842}
	drawTable(&p2, xs, []float64{60, 80, 100, 120}, append(header,
		cellSpec{1, 0, 1, 1, "", false},
		cellSpec{1, 1, 1, 1, "1-1-3", false}, cellSpec{1, 2, 1, 1, "丙", false},
		cellSpec{2, 0, 1, 1, "常规工作", false},
		cellSpec{2, 1, 1, 1, "2-1-1", false}, cellSpec{2, 2, 1, 1, "丁", false}))
	pages := []page.Page{p1, p2}
	per := [][]lattice.Table{tables.PageTables(p1), tables.PageTables(p2)}
	got := tables.Join(pages, per)
	if len(got) != 1 {
		t.Fatalf("%d tables, want 1", len(got))
	}
	tb := got[0]
	if tb.NRows() != 5 {
		t.Errorf("%d rows, want 5 (the header once)", tb.NRows())
	}
	want := map[[4]int]string{
		{0, 0, 1, 1}: "项目", {1, 0, 3, 1}: "重点工作", {3, 1, 1, 1}: "1-1-3", {4, 0, 1, 1}: "常规工作",
	}
	for _, c := range tb.Cells {
		k := [4]int{c.Row, c.Col, c.RowSpan, c.ColSpan}
		if w, ok := want[k]; ok {
			if c.Text != w {
				t.Errorf("cell %v %q, want %q", k, c.Text, w)
			}
			delete(want, k)
		}
	}
	for k, w := range want {
		t.Errorf("missing cell %v %q", k, w)
	}
	if tb.RowPage[3] != 2 {
		t.Errorf("row 3 on page %d, want 2", tb.RowPage[3])
	}
}

func TestNoJoinAcrossText(t *testing.T) {
	// A new table under a title on the next page is not a continuation,
	// even with the same columns.
	xs := []float64{50, 110, 400}
	cells := []cellSpec{{0, 0, 1, 1, "序号", false}, {0, 1, 1, 1, "内容", false}, {1, 0, 1, 1, "1", false}, {1, 1, 1, 1, "甲", false}}
	p1 := page.Page{Number: 1, Width: 595, Height: 842}
	drawTable(&p1, xs, []float64{100, 120, 140}, cells)
	p2 := page.Page{Number: 2, Width: 595, Height: 842}
	for i, line := range []string{"附件2", "另一张表", "参评单位：某单位"} {
		for j, r := range []rune(line) {
			x := 50 + float64(j)*10
			y := 40 + float64(i)*15
			p2.Glyphs = append(p2.Glyphs, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y, X1: x + 10, Y1: y + 10}, Size: 10})
		}
	}
	drawTable(&p2, xs, []float64{100, 120, 140}, cells)
	per := [][]lattice.Table{tables.PageTables(p1), tables.PageTables(p2)}
	if got := tables.Join([]page.Page{p1, p2}, per); len(got) != 2 {
		t.Errorf("%d tables, want 2", len(got))
	}
}

// FuzzPageTables runs the page table finders (ruled and unruled) and the
// join on random pages: no panic, and rows numbered within each table.
func FuzzPageTables(f *testing.F) {
	f.Add([]byte{10, 10, 200, 10, 10, 10, 10, 100, 200, 10, 200, 100, 10, 100, 200, 100}, []byte("项目 序号 权重"), uint8(2))
	f.Add([]byte{}, []byte("1-1-1 甲 2\n1-1-2 乙 3\n1-1-3 丙 4"), uint8(1))
	f.Fuzz(pageTablesBody)
}

func pageTablesBody(t *testing.T, segs, text []byte, npages uint8) {
	// Real pages hold a few thousand glyphs; longer inputs only slow the
	// fuzzer down.
	if len(text) > 4096 {
		text = text[:4096]
	}
	{
		n := int(npages%3) + 1
		pages := make([]page.Page, n)
		for i := range pages {
			p := page.Page{Number: i + 1, Width: 300, Height: 300}
			for k := 0; k+3 < len(segs) && k < 400; k += 4 {
				p.Segments = append(p.Segments, page.Segment{X0: float64(segs[k]), Y0: float64(segs[k+1]), X1: float64(segs[k+2]), Y1: float64(segs[k+3]), Width: 0.5})
			}
			x, y := 5.0, 5.0
			for _, r := range string(text) {
				if r == '\n' {
					x, y = 5, y+12
					continue
				}
				if r == ' ' {
					x += 20
					continue
				}
				p.Glyphs = append(p.Glyphs, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y, X1: x + 8, Y1: y + 10}, Size: 10})
				x += 8
			}
			pages[i] = p
		}
		per := make([][]lattice.Table, n)
		for i, p := range pages {
			per[i] = tables.PageTables(p)
		}
		for _, tb := range tables.Join(pages, per) {
			for _, c := range tb.Cells {
				if c.Row < 0 || c.Row+c.RowSpan > tb.NRows() || c.RowSpan < 1 {
					t.Fatalf("cell %+v outside %d rows", c, tb.NRows())
				}
			}
			_ = tb.Rows()
		}
	}
}
