package summary

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
)

func TestIsScoreColumn(t *testing.T) {
	for h, want := range map[string]bool{
		"得分": true, "自评分": true, "考评得分": true, "自评得分（分）": true, "自 评 分": true,
		"评分标准": false, "评分办法": false, "得分说明": false, "权重": false, "佐证材料": false,
	} {
		if got := isScoreColumn(h); got != want {
			t.Errorf("IsScoreColumn(%q) = %v, want %v", h, got, want)
		}
	}
}

// TestOf: counts, the grand total, scores summed per column and category,
// fixed findings not counted.
func TestOf(t *testing.T) {
	doc := sample.Document(t)
	f := &doc.Forms[0]
	f.Categories[0].Indicators[0].Items[0].Extra = map[string]string{"自评分": "1.5", "评分标准": "9"}
	f.Categories[0].Indicators[0].Items[1].Extra = map[string]string{"自评分": "２分"}
	f.Categories[1].Indicators[0].Items[0].Extra = map[string]string{"自评分": "1", "得分": "0.5"}
	doc.Notice = &model.Notice{Title: "关于印发2024年度绩效目标的通知", DocNumber: &model.DocNumber{Text: "测管〔2024〕1号", Agency: "测管", Year: 2024, Serial: 1}}
	doc.Findings = []model.Finding{
		{Severity: model.SevError}, {Severity: model.SevError, Fixed: true}, {Severity: model.SevWarning}, {Severity: model.SevInfo},
	}
	r := Of(doc)
	items := 0
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			items += len(ind.Items)
		}
	}
	if r.Items != items || r.Forms != 1 || r.Errors != 1 || r.Warnings != 1 {
		t.Errorf("items %d forms %d errors %d warnings %d", r.Items, r.Forms, r.Errors, r.Warnings)
	}
	if r.Stated == nil || *r.Stated != 27 || r.Computed == nil || *r.Computed != 27 {
		t.Errorf("grand total %v / %v, want 27 / 27", r.Stated, r.Computed)
	}
	if r.Unit != f.Unit || r.DocNumber != doc.Notice.DocNumber.Text || r.Title != doc.Notice.Title {
		t.Errorf("unit %q doc number %q title %q", r.Unit, r.DocNumber, r.Title)
	}
	want := []Score{
		{"自评分", f.Categories[0].Name, 3.5},
		{"自评分", f.Categories[1].Name, 1},
		{"得分", f.Categories[1].Name, 0.5},
	}
	if diff := cmp.Diff(sortScores(want), sortScores(r.Scores)); diff != "" {
		t.Errorf("scores (-want +got):\n%s", diff)
	}
	if v, ok := r.Total("自评分"); !ok || v != 4.5 {
		t.Errorf("Total(自评分) = %v, %v", v, ok)
	}
}

func sortScores(s []Score) map[string]float64 {
	m := map[string]float64{}
	for _, x := range s {
		m[x.Column+"/"+x.Category] = x.Value
	}
	return m
}
