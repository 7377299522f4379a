package xlsx

import (
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// TestDoubtBanner: a document with reading-doubt findings gets, under the
// 审核意见 list, the line 表格识别可能不完整，请对照原件核对 with the places;
// one without gets none.
func TestDoubtBanner(t *testing.T) {
	doc := sample(t)
	f := reopen(t, doc, Options{})
	rows, _ := f.GetRows(reviewSheet)
	for _, r := range rows {
		if len(r) > 0 && r[0] == audit.DoubtBanner {
			t.Fatal("banner without doubts")
		}
	}
	it := doc.Forms[0].Categories[0].Indicators[0].Items[0]
	doc.Findings = append(doc.Findings, model.Finding{Rule: model.RuleReadingDoubt, Severity: model.SevWarning,
		At:      model.Location{Form: model.Int(0), Row: it.ID, Column: model.ColWeight, Page: model.Int(3)},
		Message: audit.DoubtBanner + "：权重 454 远大于本表其他各行", Values: []string{"454"}})
	f = reopen(t, doc, Options{})
	rows, err := f.GetRows(reviewSheet)
	if err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if len(last) < 5 || last[0] != audit.DoubtBanner || !strings.Contains(last[4], "第 3 页 "+it.ID+" 权重") {
		t.Errorf("last row %q", last)
	}
}
