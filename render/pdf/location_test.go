package pdf

import (
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestLocation: the findings list of a printed form names a notice element
// in Chinese (not its JSON key), and a form finding without a 序号 by its
// source line, the only clue the clerk has.
func TestLocation(t *testing.T) {
	doc := &model.Document{Forms: []model.Form{{Headers: map[string]string{model.ColItem: "二级指标"}}}}
	cases := []struct {
		at   model.Location
		want string
	}{
		{model.Location{Element: "signer"}, "通知 落款"},
		{model.Location{Element: "docNumber", Line: model.Int(5)}, "通知 发文字号 第5行"},
		{model.Location{Form: model.Int(0), Line: model.Int(128)}, "第128行"},
		{model.Location{Form: model.Int(0), Row: "1-1", Column: model.ColItem, Line: model.Int(9)}, "1-1 二级指标"},
	}
	for _, c := range cases {
		if got := location(c.at, doc); got != c.want {
			t.Errorf("location(%+v) = %q, want %q", c.at, got, c.want)
		}
	}
}
