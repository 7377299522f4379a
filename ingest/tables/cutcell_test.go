package tables

import (
	"fmt"
	"testing"

	"github.com/kaoping/kaoping/ingest/lattice"
)

// TestContinues decides whether a merged cell cut by a page break goes on
// below it, from the 序号 the column's other cells group by, or, in a table
// without 序号, from the column and the text.
func TestContinues(t *testing.T) {
	cell := func(r, c, rs int, text string) Cell {
		return Cell{Cell: lattice.Cell{Row: r, Col: c, RowSpan: rs, ColSpan: 1, Text: text}}
	}
	// Rows 0–9 with 序号 in column 0: category 1 over 1-1-1 … 1-3-1, category
	// 2 over 2-1-1 … 2-2-2, cut after row 7 (page 1: 2-1-1, 2-1-2).
	ids := []string{"1-1-1", "1-1-2", "1-2-1", "1-2-2", "1-2-3", "1-3-1", "2-1-1", "2-1-2", "2-2-1", "2-2-2"}
	numbered := func(extra ...Cell) []Cell {
		var cs []Cell
		for r, id := range ids {
			cs = append(cs, cell(r, 0, 1, id))
		}
		cs = append(cs, cell(0, 1, 6, "重点工作"), cell(0, 2, 2, "指标一"), cell(2, 2, 3, "指标二"), cell(5, 2, 1, "指标三"))
		return append(cs, extra...)
	}
	// The same without 序号: column 0 holds the items.
	plain := func(col2 string, extra ...Cell) []Cell {
		var cs []Cell
		for r := range ids {
			cs = append(cs, cell(r, 0, 1, fmt.Sprintf("第%d项", r+1)))
		}
		cs = append(cs, cell(0, 1, 6, "重点工作"), cell(0, 2, 2, "指标一"), cell(2, 2, 3, col2), cell(5, 2, 1, "指标三"))
		return append(cs, extra...)
	}
	no, yes := func() bool { return false }, func() bool { return true }
	tests := []struct {
		name  string
		cells []Cell
		c, d  Cell
		flows func() bool
		want  bool
	}{
		{"a 项目类别 cut inside one indicator: its column groups by the first part", numbered(), cell(6, 1, 2, "常规工作"), cell(8, 1, 2, ""), no, true},
		{"an 一级指标 cut between two indicators: its column groups by two parts", numbered(), cell(6, 2, 2, "指标四"), cell(8, 2, 2, ""), no, false},
		{"no 序号: empty below, in a column whose groups all have names", plain("指标二"), cell(6, 2, 2, "指标四"), cell(8, 2, 2, ""), no, true},
		{"no 序号: empty below, in a column with a group left empty", plain(""), cell(6, 2, 2, "指标四"), cell(8, 2, 2, ""), no, false},
		{"no 序号: text of its own below", plain("指标二"), cell(6, 2, 2, "指标四"), cell(8, 2, 2, "指标五"), no, false},
		{"no 序号: text going on from a part it filled", plain("指标二"), cell(6, 2, 2, "指标四的"), cell(8, 2, 2, "后半"), yes, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cs := append(tc.cells, tc.c, tc.d)
			if got := continues(tc.c, tc.d, cs, tc.d.Row, tc.flows); got != tc.want {
				t.Errorf("continues = %v, want %v", got, tc.want)
			}
		})
	}
}
