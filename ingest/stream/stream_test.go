package stream

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/lattice"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// put lays out text from x at baseline row y in 10pt glyphs (CJK 10 wide,
// others 5).
func put(p *page.Page, x, y float64, text string) {
	for _, r := range text {
		w := 10.0
		if r < 0x2e80 {
			w = 5
		}
		p.Glyphs = append(p.Glyphs, page.Glyph{Text: string(r), Box: model.Box{X0: x, Y0: y, X1: x + w, Y1: y + 10}, Size: 10})
		x += w
	}
}

func TestFindUnruled(t *testing.T) {
	p := page.Page{Number: 1, Width: 595, Height: 842}
	put(&p, 50, 40, "以下为重点工作目标二级指标分解。")
	cols := []float64{50, 100, 260, 300}
	rows := [][]string{
		{"序号", "二级指标", "权重", "责任人"},
		{"1-1-1", "统筹抓好全市半导体产业招\n商引资工作。", "2", "褚达志"},
		{"1-1-2", "大力招引龙头企业。", "1.5", "丁少伟"},
		{"1-1-3", "配合市科技局推进省集成电\n路创新实验室项目。", "2", "吕全福"},
	}
	y := 70.0
	for _, r := range rows {
		lines := 1
		for c, cell := range r {
			for k, l := range strings.Split(cell, "\n") {
				put(&p, cols[c], y+float64(k)*13, l)
				lines = max(lines, k+1)
			}
		}
		y += float64(lines)*13 + 8
	}
	put(&p, 50, y+20, "以上指标由各责任科室负责落实。")
	ts := find(p)
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	tb := ts[0]
	if tb.NRows() != 4 || tb.NCols() != 4 {
		t.Fatalf("grid %dx%d, want 4x4", tb.NRows(), tb.NCols())
	}
	for _, c := range tb.Cells {
		want := strings.ReplaceAll(rows[c.Row][c.Col], "\n", "")
		if c.Text != want {
			t.Errorf("r%dc%d %q, want %q", c.Row, c.Col, c.Text, want)
		}
	}
}

func TestNoTableInProse(t *testing.T) {
	p := page.Page{Number: 1, Width: 595, Height: 842}
	for i, l := range []string{"附件2", "另一张表", "参评单位：某单位", "根据要求，本单位结合年度工作实际，制定本方案。"} {
		put(&p, 50, 40+float64(i)*15, l)
	}
	if ts := find(p); len(ts) != 0 {
		t.Errorf("found %d tables in prose: %+v", len(ts), ts)
	}
}

// TestGroupLabels: a 一级指标 printed once, centred on the rows of its
// group, is one cell over them; the empty rows around it are not cells of
// their own. A text run across a column border is a doubt on its cell.
func TestGroupLabels(t *testing.T) {
	p := page.Page{Number: 1, Width: 595, Height: 842}
	cols := []float64{50, 100, 200, 330}
	put(&p, cols[0], 60, "序号")
	put(&p, cols[1], 60, "一级指标")
	put(&p, cols[2], 60, "二级指标")
	put(&p, cols[3], 60, "权重")
	y := 85.0
	for g, label := range [][]string{{"围绕招商", "引资，完", "成任务", "（6分）"}, {"围绕科技", "创新，推", "动集群", "（5分）"}} {
		for i := range 3 {
			put(&p, cols[0], y, fmt.Sprintf("1-%d-%d", g+1, i+1))
			put(&p, cols[2], y, fmt.Sprintf("第%d项工作", i+1))
			put(&p, cols[3], y, "2")
			if i == 1 {
				// Centred on the group, over the row borders.
				for k, l := range label {
					put(&p, cols[1], y-21+float64(k)*14, l)
				}
			}
			y += 20
		}
	}
	ts := find(p)
	if len(ts) != 1 {
		t.Fatalf("%d tables, want 1", len(ts))
	}
	tb := ts[0]
	if tb.NRows() != 7 || tb.NCols() != 4 {
		t.Fatalf("grid %dx%d, want 7x4", tb.NRows(), tb.NCols())
	}
	got := map[[2]int]lattice.Cell{}
	for _, c := range tb.Cells {
		got[[2]int{c.Row, c.Col}] = c
	}
	for _, w := range []struct {
		row, span int
		text      string
	}{{1, 3, "围绕招商引资，完成任务（6分）"}, {4, 3, "围绕科技创新，推动集群（5分）"}} {
		c, ok := got[[2]int{w.row, 1}]
		if !ok || c.RowSpan != w.span || c.Text != w.text {
			t.Errorf("label at row %d: %+v, want span %d %q", w.row, c, w.span, w.text)
		}
	}
	if n := len(tb.Cells); n != 4*7-4 {
		t.Errorf("%d cells, want %d (the two labels cover 4 positions)", n, 4*7-4)
	}
	for _, c := range tb.Cells {
		if c.Doubt != "" {
			t.Errorf("doubt on %+v in a clean table", c)
		}
	}
}
