package diff_test

import (
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
)

// TestLevelChanged: an edit of a 三级指标 cell of a four-level form is a
// change in its level column, with the cell as printed before and after.
func TestLevelChanged(t *testing.T) {
	doc := func(level string, pts float64) *model.Document {
		return &model.Document{Schema: model.Schema, Forms: []model.Form{{
			Title: "表", Columns: []string{model.ColCategory, model.ColIndicator, "level1", model.ColItem, model.ColWeight},
			Categories: []model.Category{{Name: "产出指标", Indicators: []model.Indicator{{Text: "数量指标", Items: []model.Item{
				{ID: "1", Text: "培训人次", Weight: model.Float(1), Levels: []model.Level{{Text: level, Points: model.Float(pts)}}},
				{ID: "2", Text: "宣传次数", Weight: model.Float(2), Levels: []model.Level{{Text: "宣传"}}},
			}}}}},
		}}}
	}
	if res := diff.Compare(doc("培训", 1), doc("培训", 1)); len(res.Changes) != 0 {
		t.Fatalf("changes between equal documents: %+v", res.Changes)
	}
	res := diff.Compare(doc("培训", 1), doc("培训覆盖", 2))
	if len(res.Changes) != 1 {
		t.Fatalf("changes = %+v, want one", res.Changes)
	}
	c := res.Changes[0]
	if c.Kind != diff.Changed || c.Field != "level1" || c.Row != "1" || c.Old != "培训（1分）" || c.New != "培训覆盖（2分）" {
		t.Errorf("change = %+v", c)
	}
}
