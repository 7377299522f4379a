package tables_test

import (
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// TestTextBesideTable: text standing beside a ruled table within one of its
// rows (a column whose side border and rules were lost) puts a doubt on
// every row of the table; text above, below or far beside it, or beside it
// but across its top, does not.
func TestTextBesideTable(t *testing.T) {
	xs := []float64{50, 110, 310}
	ys := []float64{100, 120, 140, 160}
	cells := []cellSpec{
		{0, 0, 1, 1, "序号", false}, {0, 1, 1, 1, "二级指标", false},
		{1, 0, 1, 1, "1-1-1", false}, {1, 1, 1, 1, "统筹抓好招商", false},
		{2, 0, 1, 1, "1-1-2", false}, {2, 1, 1, 1, "大力招引企业", false},
	}
	// word sets text in 10pt glyphs from x, y.
	word := func(text string, x, y float64) []page.Glyph {
		var gs []page.Glyph
		for _, r := range text {
			gs = append(gs, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y, X1: x + 10, Y1: y + 10}, Size: 10})
			x += 10
		}
		return gs
	}
	for _, tc := range []struct {
		name  string
		extra []page.Glyph
		want  string // the text the doubt names, "" for none
	}{
		{"alone", nil, ""},
		{"title above, signature below", append(word("考评表", 150, 80), word("管理委员会", 250, 170)...), ""},
		{"a lost column on the right", append(append(word("责任人", 325, 103), word("褚达志", 325, 123)...), word("褚达志", 325, 143)...), "责任人"},
		{"a lost column on the left", word("重点", 20, 123), "重点"},
		{"one value beside one row", word("褚达志", 320, 143), "褚达志"},
		{"far beside", word("褚达志", 560, 123), ""},
		{"across the top", word("注", 325, 95), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := page.Page{Number: 1, Width: 595, Height: 842}
			drawTable(&p, xs, ys, cells)
			p.Glyphs = append(p.Glyphs, tc.extra...)
			ts := tables.PageTables(p)
			if len(ts) == 0 || !ts[0].Ruled {
				t.Fatalf("tables %v", ts)
			}
			want := ""
			if tc.want != "" {
				want = "表格框线外有与表格行对齐的文字“" + tc.want + "”，表格可能有一列没有读入"
			}
			for _, c := range ts[0].Cells {
				if c.RowDoubt != want {
					t.Errorf("cell %q: row doubt %q, want %q", c.Text, c.RowDoubt, want)
				}
			}
		})
	}
}
