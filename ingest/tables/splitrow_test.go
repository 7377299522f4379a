package tables_test

import (
	"fmt"
	"testing"

	"github.com/kaoping/kaoping/ingest/lattice"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/tables"
)

// TestSplitRow reads two-page tables whose first row on page 2 either
// continues the last row of page 1 (a row Writer broke across the page) or
// is a row of its own. Columns are 64pt (60pt inside the 2pt padding: six
// 10pt ideographs a line) unless said otherwise; a cell with a full last line
// wrapped.
func TestSplitRow(t *testing.T) {
	wide := []float64{50, 114, 178, 218, 282}
	head := []cellSpec{{0, 0, 1, 1, "项目", false}, {0, 1, 1, 1, "考核内容", false}, {0, 2, 1, 1, "分值", false}, {0, 3, 1, 1, "方式", false}}
	noSeqPage1 := append(head[:4:4],
		cellSpec{1, 0, 1, 1, "党建", false}, cellSpec{1, 1, 1, 1, "完成党建工作", false}, cellSpec{1, 2, 1, 1, "5", false}, cellSpec{1, 3, 1, 1, "查阅资料", false},
		cellSpec{2, 0, 1, 1, "行政", false}, cellSpec{2, 1, 1, 1, "完成文明城市", false}, cellSpec{2, 2, 1, 1, "6", false}, cellSpec{2, 3, 1, 1, "现场检查", false})
	seqCols := []float64{50, 90, 154, 194}
	seqPage1 := []cellSpec{{0, 0, 1, 1, "序号", false}, {0, 1, 1, 1, "任务", false}, {0, 2, 1, 1, "分值", false},
		{1, 0, 1, 1, "1", false}, {1, 1, 1, 1, "甲乙", false}, {1, 2, 1, 1, "2", false},
		{2, 0, 1, 1, "2", false}, {2, 1, 1, 1, "丙丁", false}, {2, 2, 1, 1, "3", false},
		{3, 0, 1, 1, "3", false}, {3, 1, 1, 1, "戊己", false}, {3, 2, 1, 1, "4", false}}
	groupCols := []float64{50, 114, 154, 194, 258, 298}
	tests := []struct {
		name         string
		xs, ys1, ys2 []float64
		page1, page2 []cellSpec
		rows         int
		want         map[[4]int]string // (row, col, rowspan, colspan) → text
		doubts       [][2]int          // (row, col) of the cells joined on the text alone
	}{{
		name: "no 序号, the text goes on and the short cells are left empty",
		xs:   wide, ys1: []float64{100, 120, 140, 160}, ys2: []float64{60, 80, 100},
		page1: noSeqPage1,
		page2: []cellSpec{{0, 0, 1, 1, "", false}, {0, 1, 1, 1, "创建工作", false}, {0, 2, 1, 1, "", false}, {0, 3, 1, 1, "", false},
			{1, 0, 1, 1, "文明", false}, {1, 1, 1, 1, "做好宣传", false}, {1, 2, 1, 1, "4", false}, {1, 3, 1, 1, "查阅", false}},
		rows: 4,
		want: map[[4]int]string{{2, 1, 1, 1}: "完成文明城市创建工作", {2, 2, 1, 1}: "6", {3, 1, 1, 1}: "做好宣传"},
	}, {
		name: "no 序号, a row of its own: its category starts text under one that ended",
		xs:   wide, ys1: []float64{100, 120, 140, 160}, ys2: []float64{60, 80},
		page1: noSeqPage1,
		page2: []cellSpec{{0, 0, 1, 1, "法治", false}, {0, 1, 1, 1, "推进依法行政", false}, {0, 2, 1, 1, "3", false}, {0, 3, 1, 1, "查阅", false}},
		rows:  4,
		want:  map[[4]int]string{{2, 1, 1, 1}: "完成文明城市", {3, 0, 1, 1}: "法治"},
	}, {
		name: "no 序号, text goes on but its 分值 is its own",
		xs:   wide, ys1: []float64{100, 120, 140, 160}, ys2: []float64{60, 80},
		page1: noSeqPage1,
		page2: []cellSpec{{0, 0, 1, 1, "", false}, {0, 1, 1, 1, "创建工作", false}, {0, 2, 1, 1, "3", false}, {0, 3, 1, 1, "", false}},
		rows:  4,
		want:  map[[4]int]string{{2, 1, 1, 1}: "完成文明城市", {3, 1, 1, 1}: "创建工作"},
	}, {
		name: "plain 序号: none below the break, the row goes on",
		xs:   seqCols, ys1: []float64{100, 120, 140, 160, 180}, ys2: []float64{60, 80, 100},
		page1: seqPage1,
		page2: []cellSpec{{0, 0, 1, 1, "", false}, {0, 1, 1, 1, "庚", false}, {0, 2, 1, 1, "", false},
			{1, 0, 1, 1, "4", false}, {1, 1, 1, 1, "辛", false}, {1, 2, 1, 1, "5", false}},
		rows: 5,
		want: map[[4]int]string{{3, 1, 1, 1}: "戊己庚", {4, 0, 1, 1}: "4"},
	}, {
		name: "plain 序号: its own number, a row of its own",
		xs:   seqCols, ys1: []float64{100, 120, 140, 160, 180}, ys2: []float64{60, 80},
		page1: seqPage1,
		page2: []cellSpec{{0, 0, 1, 1, "4", false}, {0, 1, 1, 1, "庚", false}, {0, 2, 1, 1, "5", false}},
		rows:  5,
		want:  map[[4]int]string{{3, 1, 1, 1}: "戊己", {4, 0, 1, 1}: "4"},
	}, {
		name: "a category's 分值 beside its name is cut where the name is",
		xs:   groupCols, ys1: []float64{100, 120, 140}, ys2: []float64{60, 80, 100, 120},
		page1: []cellSpec{{0, 0, 1, 1, "项目", false}, {0, 1, 1, 1, "分值", false}, {0, 2, 1, 1, "序号", false}, {0, 3, 1, 1, "任务", false}, {0, 4, 1, 1, "权重", false},
			{1, 0, 1, 1, "党建", false}, {1, 1, 1, 1, "45%", false}, {1, 2, 1, 1, "1", false}, {1, 3, 1, 1, "甲乙", false}, {1, 4, 1, 1, "18", false}},
		page2: []cellSpec{{0, 0, 1, 1, "", false}, {0, 1, 1, 1, "", false}, {0, 2, 1, 1, "2", false}, {0, 3, 1, 1, "丙", false}, {0, 4, 1, 1, "27", false},
			{1, 0, 2, 1, "业务", false}, {1, 1, 2, 1, "18%", false}, {1, 2, 1, 1, "1", false}, {1, 3, 1, 1, "丁", false}, {1, 4, 1, 1, "9", false},
			{2, 2, 1, 1, "2", false}, {2, 3, 1, 1, "戊", false}, {2, 4, 1, 1, "9", false}},
		rows: 5,
		want: map[[4]int]string{{1, 0, 2, 1}: "党建", {1, 1, 2, 1}: "45%", {2, 2, 1, 1}: "2", {3, 1, 2, 1}: "18%"},
	}, {
		name: "no 序号 and no short cell: joined on the text alone, and doubted",
		xs:   []float64{50, 114, 178}, ys1: []float64{100, 120, 140, 160}, ys2: []float64{60, 80, 100},
		page1: []cellSpec{{0, 0, 1, 1, "考核内容", false}, {0, 1, 1, 1, "评分标准", false},
			{1, 0, 1, 1, "完成党建工作", false}, {1, 1, 1, 1, "未完成不得分", false},
			{2, 0, 1, 1, "完成文明城市", false}, {2, 1, 1, 1, "每延误一周扣", false}},
		page2: []cellSpec{{0, 0, 1, 1, "创建工作", false}, {0, 1, 1, 1, "0.5分", false},
			{1, 0, 1, 1, "做好宣传", false}, {1, 1, 1, 1, "扣完为止", false}},
		rows:   4,
		want:   map[[4]int]string{{2, 0, 1, 1}: "完成文明城市创建工作", {2, 1, 1, 1}: "每延误一周扣0.5分"},
		doubts: [][2]int{{2, 0}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p1 := page.Page{Number: 1, Width: 595, Height: 842}
			drawTable(&p1, tc.xs, tc.ys1, tc.page1)
			p2 := page.Page{Number: 2, Width: 595, Height: 842}
			drawTable(&p2, tc.xs, tc.ys2, tc.page2)
			pages := []page.Page{p1, p2}
			got := tables.Join(pages, [][]lattice.Table{tables.PageTables(p1), tables.PageTables(p2)})
			if len(got) != 1 {
				t.Fatalf("%d tables, want 1", len(got))
			}
			tb := got[0]
			if tb.NRows() != tc.rows {
				t.Errorf("%d rows, want %d", tb.NRows(), tc.rows)
			}
			have := map[[4]int]string{}
			for _, c := range tb.Cells {
				have[[4]int{c.Row, c.Col, c.RowSpan, c.ColSpan}] = c.Text
			}
			var doubts [][2]int
			for r, b := range tb.Rows() {
				for _, c := range b.Cells {
					if c.Doubt != "" {
						doubts = append(doubts, [2]int{r, c.Col})
					}
				}
			}
			if fmt.Sprint(doubts) != fmt.Sprint(tc.doubts) {
				t.Errorf("doubts %v, want %v", doubts, tc.doubts)
			}
			for k, w := range tc.want {
				if h, ok := have[k]; !ok || h != w {
					t.Errorf("cell %v = %q (present %v), want %q; cells %v", k, h, ok, w, have)
				}
			}
		})
	}
}
