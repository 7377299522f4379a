package grid

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/model"
)

// TestLevels: a four-level form prints its 三级指标 column where the form
// had it, under its header word, merged over the items that share it, with
// an empty bordered cell for an item without the level and a note row
// inside the run covered.
func TestLevels(t *testing.T) {
	lv := func(text string, pts *float64) []model.Level { return []model.Level{{Text: text, Points: pts}} }
	doc := &model.Document{Schema: model.Schema, Forms: []model.Form{{
		Title:   "某局2024年度绩效指标表",
		Columns: []string{model.ColCategory, model.ColIndicator, "level1", model.ColItem, model.ColWeight},
		Headers: map[string]string{model.ColCategory: "一级指标", model.ColIndicator: "二级指标", "level1": "三级指标", model.ColItem: "四级指标", model.ColWeight: "分值"},
		Categories: []model.Category{{Name: "产出指标", Indicators: []model.Indicator{{Text: "数量指标", Items: []model.Item{
			{Text: "培训人次", Weight: model.Float(1), Levels: lv("培训覆盖", model.Float(3)), Notes: []string{"看不清"}},
			{Text: "培训场次", Weight: model.Float(2), Levels: lv("培训覆盖", model.Float(3))},
			{Text: "宣传次数", Weight: model.Float(4), Levels: lv("宣传活动", nil)},
			{Text: "其他", Weight: model.Float(1)},
		}}}}},
	}}}
	g := Build(doc, 0)
	var heads []string
	for _, c := range g.Columns {
		heads = append(heads, c.Header)
	}
	if diff := cmp.Diff([]string{"一级指标", "二级指标", "三级指标", "四级指标", "分值"}, heads); diff != "" {
		t.Fatalf("headers (-want +got):\n%s", diff)
	}
	type span struct {
		Row, RowSpan int
		Text         string
	}
	var got []span
	for _, c := range g.Cells {
		if c.Col == 2 && c.Row >= g.HeaderRows {
			got = append(got, span{c.Row - g.HeaderRows, c.RowSpan, c.Text})
		}
	}
	// rows: 培训人次, its note, 培训场次, 宣传次数, 其他
	want := []span{{0, 3, "培训覆盖（3分）"}, {3, 1, "宣传活动"}, {4, 1, ""}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("level cells (-want +got):\n%s", diff)
	}
	// Every position of the level column is covered exactly once.
	covered := map[int]int{}
	for _, c := range g.Cells {
		if c.Col == 2 {
			for r := c.Row; r < c.Row+c.RowSpan; r++ {
				covered[r]++
			}
		}
	}
	for r := g.HeaderRows; r < g.HeaderRows+5; r++ {
		if covered[r] != 1 {
			t.Errorf("row %d of the level column covered %d times", r, covered[r])
		}
	}
}
