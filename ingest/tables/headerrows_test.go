package tables

import (
	"testing"

	"github.com/kaoping/kaoping/ingest/lattice"
)

// TestHeaderRows tells a table's header from its body by the header's words
// (a table with 序号 or without), or by its repetition on every page, and
// keeps a header cell over two rows whole.
func TestHeaderRows(t *testing.T) {
	cell := func(r, c, rs int, text string) Cell {
		return Cell{Cell: lattice.Cell{Row: r, Col: c, RowSpan: rs, ColSpan: 1, Text: text}}
	}
	row := func(r int, texts ...string) []Cell {
		var cs []Cell
		for c, s := range texts {
			cs = append(cs, cell(r, c, 1, s))
		}
		return cs
	}
	cat := func(rows ...[]Cell) []Cell {
		var out []Cell
		for _, r := range rows {
			out = append(out, r...)
		}
		return out
	}
	tests := []struct {
		name     string
		cells    []Cell
		repeated int
		want     int
	}{
		{"one header row, no 序号", cat(row(0, "考核内容", "分值", "责任人"), row(1, "完成党建工作", "2", "褚达志"), row(2, "做好宣传", "3", "丁少伟")), 0, 1},
		{"two header rows under a cell over both", cat([]Cell{cell(0, 0, 2, "项目"), cell(0, 1, 1, "目标内容"), cell(0, 2, 1, "责任分解")},
			[]Cell{cell(1, 1, 1, "二级指标"), cell(1, 2, 1, "责任人")}, row(2, "重点", "完成党建工作", "褚达志")), 0, 2},
		{"header words the lexicon does not know, repeated on every page", cat(row(0, "甲栏", "乙栏", "丙栏"), row(1, "完成党建工作", "2", "褚达志")), 1, 1},
		{"no header", cat(row(0, "完成党建工作", "2", "褚达志"), row(1, "做好宣传", "3", "丁少伟")), 0, 0},
		{"a first row with a number is no header", cat(row(0, "分值", "2", "责任人"), row(1, "做好宣传", "3", "丁少伟")), 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := &Table{NCols: 3, Cells: tc.cells, headerRows: tc.repeated}
			for _, c := range tc.cells {
				for len(tb.RowPage) < c.Row+c.RowSpan {
					tb.RowPage = append(tb.RowPage, 1)
				}
			}
			if got := tb.HeaderRows(); got != tc.want {
				t.Errorf("HeaderRows = %d, want %d", got, tc.want)
			}
		})
	}
}
