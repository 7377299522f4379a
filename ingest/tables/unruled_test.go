package tables_test

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
	"github.com/kaoping/kaoping/model"
)

// lay prints rows of an unruled table from baseline y at the column starts
// xs in 10pt glyphs (CJK 10 wide, others 5): a cell's lines 13pt apart, 8pt
// more between rows. It returns the y below the last row.
func lay(p *page.Page, xs []float64, y float64, rows [][]string) float64 {
	for _, r := range rows {
		lines := 1
		for c, cell := range r {
			for k, l := range strings.Split(cell, "\n") {
				x := xs[c]
				for _, ch := range l {
					w := 10.0
					if ch < 0x2e80 {
						w = 5
					}
					p.Glyphs = append(p.Glyphs, page.Glyph{Text: string(ch), Box: model.Box{X0: x, Y0: y + float64(k)*13, X1: x + w, Y1: y + float64(k)*13 + 10}, Size: 10})
					x += w
				}
				lines = max(lines, k+1)
			}
		}
		y += float64(lines)*13 + 8
	}
	return y
}

// TestUnruledSplitRow reads two-page unruled tables whose first body line on
// page 2 either is the rest of the row the page broke (no 序号 of its own,
// its text going on from a full line above) or a row of its own, under the
// header repeated or not. The 工作任务 column is 60pt of text: six
// ideographs a line.
func TestUnruledSplitRow(t *testing.T) {
	xs := []float64{50, 100, 200, 250}
	head := []string{"序号", "工作任务", "分值", "责任人"}
	page1 := [][]string{
		head,
		{"1-1-1", "完成党建工作", "2", "褚达志"},
		{"1-1-2", "推进依法行政\n工作", "3", "丁少伟"},
		{"1-1-3", "做好宣传", "2", "吕全福"},
		{"1-1-4", "完成全年招商", "4", "章振明"},
	}
	plainHead := []string{"考核内容", "分值", "评分标准", "责任人"}
	plain1 := [][]string{
		plainHead,
		{"完成党建工作", "2", "完成得满分", "褚达志"},
		{"推进依法行政\n工作", "3", "完成得满分", "丁少伟"},
		{"做好宣传", "2", "完成得满分", "吕全福"},
		{"完成全年招商", "4", "完成得满分", "章振明"},
	}
	rest := []string{"", "引资任务", "", ""}
	tests := []struct {
		name   string
		xs     []float64
		page1  [][]string
		page2  [][]string
		rows   int               // rows of the joined table
		want   map[[2]int]string // (row, col) → text
		doubts int
	}{{
		name:  "under the repeated header, the rest of the row",
		page1: page1,
		page2: [][]string{head, rest, {"1-1-5", "落实安全生产", "2", "陈丽华"}, {"1-1-6", "加强人才引进", "1", "洪武强"}, {"1-1-7", "优化营商环境", "2", "林嘉达"}},
		rows:  8,
		want:  map[[2]int]string{{4, 0}: "1-1-4", {4, 1}: "完成全年招商引资任务", {4, 2}: "4", {5, 0}: "1-1-5"},
	}, {
		name:  "no header on the next page, the rest of the row",
		page1: page1,
		page2: [][]string{rest, {"1-1-5", "落实安全生产", "2", "陈丽华"}, {"1-1-6", "加强人才引进", "1", "洪武强"}, {"1-1-7", "优化营商环境", "2", "林嘉达"}},
		rows:  8,
		want:  map[[2]int]string{{4, 1}: "完成全年招商引资任务", {5, 0}: "1-1-5"},
	}, {
		name:  "under the repeated header, a row of its own",
		page1: page1,
		page2: [][]string{head, {"1-1-5", "引资任务", "2", "陈丽华"}, {"1-1-6", "加强人才引进", "1", "洪武强"}, {"1-1-7", "优化营商环境", "2", "林嘉达"}},
		rows:  8,
		want:  map[[2]int]string{{4, 1}: "完成全年招商", {5, 0}: "1-1-5", {5, 1}: "引资任务"},
	}, {
		name:  "no 序号: the header by its words, the rest of the row by its text",
		xs:    []float64{50, 140, 180, 260},
		page1: plain1,
		page2: [][]string{plainHead, {"引资任务", "", "", ""}, {"落实安全生产", "2", "完成得满分", "陈丽华"}, {"加强人才引进", "1", "完成得满分", "洪武强"}},
		rows:  7,
		want:  map[[2]int]string{{0, 0}: "考核内容", {4, 0}: "完成全年招商引资任务", {4, 1}: "4", {5, 0}: "落实安全生产"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p1 := page.Page{Number: 1, Width: 595, Height: 842}
			p2 := page.Page{Number: 2, Width: 595, Height: 842}
			cols := xs
			if tc.xs != nil {
				cols = tc.xs
			}
			lay(&p1, cols, 700, tc.page1)
			lay(&p2, cols, 60, tc.page2)
			pages := []page.Page{p1, p2}
			ts := tables.Join(pages, tables.Tables(pages))
			if len(ts) != 1 {
				t.Fatalf("%d tables, want 1", len(ts))
			}
			tb := ts[0]
			if tb.NRows() != tc.rows {
				t.Errorf("%d rows, want %d", tb.NRows(), tc.rows)
			}
			got := map[[2]int]string{}
			for _, c := range tb.Cells {
				got[[2]int{c.Row, c.Col}] = c.Text
			}
			for k, w := range tc.want {
				if got[k] != w {
					t.Errorf("cell %v = %q, want %q", k, got[k], w)
				}
			}
		})
	}
}
