package ingest

import (
	"context"
	"testing"

	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
)

// TestGridsOFDBars: a 收文处理单 in OFD whose rulings are all fill-only bars
// written in 1/100 mm under a scaling CTM (the failure of issue 12: no
// ruling at all, the cells run together, the 来文文号 lost) reads as its
// grid, the 文号 whole in its cell.
func TestGridsOFDBars(t *testing.T) {
	c := func(row, col, rs, cs int, text string) ofdtest.Cell {
		return ofdtest.Cell{Row: row, Col: col, RowSpan: rs, ColSpan: cs, Text: text}
	}
	cells := []ofdtest.Cell{
		c(0, 0, 1, 1, "来文单位"), c(0, 1, 1, 1, "泉州半导体高新技术产业园区管理委员会"), c(0, 2, 1, 1, "来文文号"), c(0, 3, 1, 1, "泉芯管〔2023〕9号"),
		c(1, 0, 1, 1, "文件标题"), c(1, 1, 1, 3, "关于印发2023年度绩效目标工作方案的通知"),
		c(2, 0, 1, 1, "拟办意见"), c(2, 1, 1, 3, "请经济发展科阅办。"),
		c(3, 0, 1, 1, "领导批示"), c(3, 1, 1, 3, ""),
	}
	pg, _ := ofdtest.Form(4, cells, ofdtest.Layout{X: 20, Y: 40, Cols: []float64{24, 66, 24, 56}, Size: 3.5})
	// Every ruling a 0.2 mm bar, no stroked line.
	for _, l := range pg.Lines {
		b := ofdtest.Bar{X: min(l.X0, l.X1) - 0.1, Y: min(l.Y0, l.Y1) - 0.1, W: max(l.X1-l.X0, l.X0-l.X1) + 0.2, H: max(l.Y1-l.Y0, l.Y0-l.Y1) + 0.2}
		pg.Bars = append(pg.Bars, b)
	}
	pg.Lines, pg.BarScale = nil, 0.01
	pg.Texts = append(pg.Texts, ofdtest.Text{X: 80, Y: 30, Size: 6, Text: "收文处理单"})
	data, err := ofdtest.Write([]ofdtest.Page{pg})
	if err != nil {
		t.Fatal(err)
	}
	g, err := Grids(context.Background(), "shouwen.ofd", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Tables) != 1 {
		t.Fatalf("%d tables", len(g.Tables))
	}
	tb := g.Tables[0]
	if tb.Rows != 4 || tb.Cols != 4 {
		t.Errorf("%d × %d grid, want 4 × 4", tb.Rows, tb.Cols)
	}
	want := map[[4]int]string{{0, 3, 1, 1}: "泉芯管〔2023〕9号", {0, 2, 1, 1}: "来文文号", {1, 1, 1, 3}: "关于印发2023年度绩效目标工作方案的通知"}
	for _, c := range tb.Cells {
		k := [4]int{c.Row, c.Col, c.RowSpan, c.ColSpan}
		if w, ok := want[k]; ok {
			if c.Text != w {
				t.Errorf("cell %v: %q, want %q", k, c.Text, w)
			}
			delete(want, k)
		}
	}
	for k, w := range want {
		t.Errorf("no cell %v %q", k, w)
	}
}
