package grid

import (
	"fmt"
	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"sort"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
)

func sample(t testing.TB) *model.Document { return sampledoc.Document(t) }

func TestBuild(t *testing.T) {
	doc := sample(t)
	g := Build(doc, 0)
	if g.HeaderRows != 2 || len(g.Columns) != 10 || g.WeightCol != 5 {
		t.Fatalf("header rows %d, columns %d, weight col %d", g.HeaderRows, len(g.Columns), g.WeightCol)
	}
	// band, 7 + 2 items, 合计, 3 items, 项目小计, 1 item, grand total
	if want := 2 + 1 + 9 + 1 + 3 + 1 + 1 + 1; g.Rows != want {
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
		{2, 0, "职能工作目标", 1, 10},
		{3, 0, "重点工作目标", 7, 1},
		{3, 2, doc.Forms[0].Categories[0].Indicators[0].Basis, 2, 1},
		{3, 3, "统筹抓好全市半导体产业招商引资工作，完成招商指标任务（属《泉州市“抓开放招商促项目落地”2023年专项行动方案》P6）（4分）", 2, 1},
		{5, 1, "1-2-1", 1, 1},
		{5, 3, "深化“抓创新促应用”专项行动，配合推进省集成电路创新实验室建设，搭建产业创新平台（5分）", 3, 1},
		{12, 0, "合计", 1, 5},
		{12, 5, "18", 1, 1},
		{17, 0, "文明创建（6分）", 1, 1},
		{18, 0, "绩效目标考评得分", 1, 5},
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
	if c := g.Cells[g.At(12, 5)]; len(c.Sum) != 9 || c.Computed != 16 {
		t.Errorf("合计 sums %v computed %v", c.Sum, c.Computed)
	}
	if c := g.Cells[g.At(18, 5)]; len(c.Sum) != 13 {
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
	want := map[int][2]int{0: {5, 5}, 1: {12, 5}, 2: {8, 9}, 3: {10, 6}}
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

func TestRawKept(t *testing.T) {
	it := model.Item{Weight: model.Float(2), Leaders: []string{"洪武强", "林嘉达"},
		Raw: map[string]string{model.ColWeight: "2分", model.ColLeaders: "洪武强 林嘉达"}}
	if got := weightSuffix(it); got != "分" {
		t.Errorf("weightSuffix = %q", got)
	}
	if got := listText(it, model.ColLeaders, it.Leaders); got != "洪武强 林嘉达" {
		t.Errorf("listText = %q", got)
	}
	it.Leaders = []string{"洪武强"} // raw no longer lists the names: print the list
	if got := listText(it, model.ColLeaders, it.Leaders); got != "洪武强" {
		t.Errorf("listText after edit = %q", got)
	}
	it.Raw[model.ColWeight] = "2.5"
	if got := weightSuffix(it); got != "" {
		t.Errorf("weightSuffix of a changed weight = %q", got)
	}
}

func TestDateText(t *testing.T) {
	for in, want := range map[string]string{"2023-09-26": "2023年9月26日", "二〇二三年九月": "二〇二三年九月", "": ""} {
		if got := dateText(in); got != want {
			t.Errorf("DateText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPaginate(t *testing.T) {
	g := Build(sample(t), 0)
	h := make([]float64, g.Rows)
	for i := range h {
		h[i] = 10
	}
	tests := []struct {
		first, rest float64
		want        [][2]int
	}{
		// everything fits
		{1000, 1000, [][2]int{{2, 19}}},
		// 40 on the first page: band (row 2), group 1-1 (3-4) and the first
		// row of 1-2 would fit, but 1-2 (5-7) stays together on page 2
		{40, 60, [][2]int{{2, 5}, {5, 10}, {10, 16}, {16, 19}}},
		// a page shorter than group 1-2 (5-7) splits it row by row and fills
		// each page before going on
		{20, 20, [][2]int{{2, 3}, {3, 5}, {5, 7}, {7, 8}, {8, 10}, {10, 12}, {12, 13}, {13, 15}, {15, 17}, {17, 19}}},
	}
	for _, tc := range tests {
		got := g.Paginate(h, tc.first, tc.rest)
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("Paginate(%v, %v) = %v, want %v", tc.first, tc.rest, got, tc.want)
		}
	}
}

func TestNaturalLess(t *testing.T) {
	in := []string{"第10列", "一级指标", "第4列", "第5列", "备注"}
	sort.Slice(in, func(i, j int) bool { return naturalLess(in[i], in[j]) })
	want := []string{"一级指标", "备注", "第4列", "第5列", "第10列"}
	if strings.Join(in, "|") != strings.Join(want, "|") {
		t.Errorf("got %q, want %q", in, want)
	}
}
