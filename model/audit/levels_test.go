package audit

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestLevelWeightSum: a 三级指标 of a four-level form that states points is
// checked against the weights under it, in the form's unit; nested levels
// are grouped under their parent, and a level without points is not checked.
func TestLevelWeightSum(t *testing.T) {
	lv := func(text string, pts ...float64) model.Level {
		l := model.Level{Text: text}
		if len(pts) > 0 {
			l.Points = model.Float(pts[0])
		}
		return l
	}
	item := func(text string, w float64, levels ...model.Level) model.Item {
		return model.Item{Text: text, Weight: model.Float(w), Levels: levels, Source: model.Ref{Page: model.Int(1)}}
	}
	for _, tc := range []struct {
		name  string
		unit  string
		items []model.Item
		want  []string // level texts reported, in order
	}{
		{"agree", "分", []model.Item{item("甲", 1, lv("培训", 3)), item("乙", 2, lv("培训", 3)), item("丙", 4, lv("宣传", 4))}, nil},
		{"differ", "分", []model.Item{item("甲", 1, lv("培训", 4)), item("乙", 2, lv("培训", 4)), item("丙", 4, lv("宣传"))}, []string{"level1"}},
		{"percent", "%", []model.Item{item("甲", 10, lv("培训", 30)), item("乙", 10, lv("培训", 30))}, []string{"level1"}},
		{"nested", "分", []model.Item{
			item("甲", 1, lv("培训", 3), lv("线上", 1)), item("乙", 2, lv("培训", 3), lv("线下", 3)),
		}, []string{"level2"}},
		{"same text apart", "分", []model.Item{item("甲", 1, lv("培训", 1)), item("乙", 5, lv("宣传")), item("丙", 2, lv("培训", 2))}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := &model.Document{Schema: model.Schema, Forms: []model.Form{{
				Title: "表", WeightUnit: tc.unit, Headers: map[string]string{"level1": "三级指标"},
				Categories: []model.Category{{Name: "产出指标", Indicators: []model.Indicator{{Text: "数量指标", Items: tc.items}}}},
			}}}
			var got []string
			for _, f := range auditRun(doc, Options{Only: []string{model.RuleLevelWeightSum}}) {
				got = append(got, f.At.Column)
				if f.Message == "" || f.MessageEn == "" {
					t.Errorf("finding without message: %+v", f)
				}
				if tc.unit == "%" && !strings.ContainsRune(f.Message, '%') {
					t.Errorf("message not in the form's unit: %s", f.Message)
				}
			}
			if len(got) != len(tc.want) {
				t.Fatalf("findings at %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("finding %d at %s, want %s", i, got[i], tc.want[i])
				}
			}
		})
	}
}
