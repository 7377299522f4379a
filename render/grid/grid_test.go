package grid

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/kaoping/kaoping/model"
)

func sample(t testing.TB) *model.Document {
	t.Helper()
	b, err := os.ReadFile("../testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	var d model.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

func TestBuild(t *testing.T) {
	doc := sample(t)
	g := Build(doc, 0)
	if g.HeaderRows != 2 || len(g.Columns) != 10 || g.WeightCol != 5 {
		t.Fatalf("header rows %d, columns %d, weight col %d", g.HeaderRows, len(g.Columns), g.WeightCol)
	}
	// 7 + 2 items, 合计, 3 items, 项目小计, 1 item, grand total
	if want := 2 + 9 + 1 + 3 + 1 + 1 + 1; g.Rows != want {
		t.Fatalf("rows = %d, want %d", g.Rows, want)
	}
	tests := []struct {
		row, col     int
		text         string
		rspan, cspan int
	}{
		{0, 4, "目标内容", 1, 3},
		{0, 7, "责任分解", 1, 3},
		{0, 0, "项目", 2, 1},
		{1, 5, "权重", 1, 1},
		{2, 0, "职能工作目标\n重点工作目标", 7, 1},
		{2, 2, doc.Forms[0].Categories[0].Indicators[0].Basis, 2, 1},
		{2, 3, "统筹抓好全市半导体产业招商引资工作，完成招商指标任务（属《泉州市“抓开放招商促项目落地”2023年专项行动方案》P6）（4分）", 2, 1},
		{4, 1, "1-2-1", 1, 1},
		{4, 3, "深化“抓创新促应用”专项行动，配合推进省集成电路创新实验室建设，搭建产业创新平台（5分）", 3, 1},
		{11, 0, "合计", 1, 5},
		{11, 5, "18", 1, 1},
		{16, 0, "文明创建（6分）", 1, 1},
		{17, 0, "绩效目标考评得分", 1, 5},
	}
	for _, tc := range tests {
		i := g.At(tc.row, tc.col)
		if i < 0 {
			t.Errorf("no cell at %d,%d", tc.row, tc.col)
			continue
		}
		c := g.Cells[i]
		if c.Row != tc.row || c.Col != tc.col || c.Text != tc.text || c.RowSpan != tc.rspan || c.ColSpan != tc.cspan {
			t.Errorf("cell at %d,%d = %+v, want %q span %dx%d", tc.row, tc.col, c, tc.text, tc.rspan, tc.cspan)
		}
	}
	// the 合计 adds the 9 item rows of its two categories; the grand total all 13
	if c := g.Cells[g.At(11, 5)]; len(c.Sum) != 9 || c.Computed != 16 {
		t.Errorf("合计 sums %v computed %v", c.Sum, c.Computed)
	}
	if c := g.Cells[g.At(17, 5)]; len(c.Sum) != 13 {
		t.Errorf("grand total sums %v", c.Sum)
	}
	// every grid position is covered by exactly one cell
	cover := make([][]int, g.Rows)
	for r := range cover {
		cover[r] = make([]int, len(g.Columns))
	}
	for _, c := range g.Cells {
		for r := c.Row; r < c.Row+c.RowSpan; r++ {
			for k := c.Col; k < c.Col+c.ColSpan; k++ {
				cover[r][k]++
			}
		}
	}
	for r := range cover {
		for k, n := range cover[r] {
			if n != 1 {
				t.Errorf("position %d,%d covered %d times", r, k, n)
			}
		}
	}
}

func TestFindingsPlaced(t *testing.T) {
	doc := sample(t)
	g := Build(doc, 0)
	want := map[int][2]int{0: {4, 5}, 1: {11, 5}, 2: {7, 9}, 3: {9, 6}}
	for fi, pos := range want {
		c := g.Cells[g.At(pos[0], pos[1])]
		found := false
		for _, x := range c.Findings {
			found = found || x == fi
		}
		if !found {
			t.Errorf("finding %d not on cell %v (%q)", fi, pos, c.Text)
		}
	}
	// the notice finding has no form and is not this form's
	if len(g.Unplaced) != 0 {
		t.Errorf("unplaced %v", g.Unplaced)
	}
}

func TestDateText(t *testing.T) {
	for in, want := range map[string]string{"2023-09-26": "2023年9月26日", "二〇二三年九月": "二〇二三年九月", "": ""} {
		if got := DateText(in); got != want {
			t.Errorf("DateText(%q) = %q, want %q", in, got, want)
		}
	}
}
