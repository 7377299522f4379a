package audit

import (
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestDocNumberOwnLine: a notice's own 文号 in the wrong brackets is one
// finding (its element), not a second one as a number its body cites; a
// number the body cites is still checked.
func TestDocNumberOwnLine(t *testing.T) {
	doc := &model.Document{Schema: model.Schema, Notice: &model.Notice{
		IssuerMark: "市人力资源和社会保障局文件",
		DocNumber:  &model.DocNumber{Text: "人社(2025)22号", Agency: "人社", Year: 2025, Serial: 22},
		Title:      "关于开展考评的通知", Recipients: []string{"各科室"}, Signer: "市人力资源和社会保障局", Date: "2025-03-01", DateText: "2025年3月1日",
		Body: body("市人力资源和社会保障局文件", "人社(2025)22号", "关于开展考评的通知", "根据《考评办法》（人社[2024]3号）制定。"),
	}}
	var got []string
	for _, f := range auditRun(doc, Options{Only: []string{model.RuleDocNumberFormat}}) {
		got = append(got, f.At.Element+":"+f.Values[0])
	}
	want := []string{"docNumber:人社(2025)22号", "body:人社[2024]3号"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("findings %q, want %q", got, want)
	}
}
