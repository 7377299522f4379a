package audit

import (
	"testing"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/model"
)

// FuzzAudit puts arbitrary text into the cells and notice elements the rules
// parse (序号, 完成时限, printed weight, list cells, texts, 发文字号, dates):
// the audit and the fixes must never panic, and a finding's row must exist.
// The document is the tiny sample (sample.Tiny): the audit of the 30-row
// seed form cost milliseconds per exec and as much per minimisation step.
func FuzzAudit(f *testing.F) {
	f.Add("1-2-3", "6月底前", "二十", "洪武强、林嘉达", "提升提升走訪(试点)", "泉芯管〔2023〕9号", "2023年9月26日")
	f.Add("", "", "", "", "", "", "")
	f.Add("01--0", "2024年13月32日前", "-1.234", "a b，c/d", "重 点 工 作 2023 年", "[2023]第09", "二〇二三年九月")
	f.Add("1-9-1", "第三季度末", "1.5分", "  ", "一级指标 11 项、二级指标 26 条", "泉芯管（23）9", "2023年09月26日")
	f.Fuzz(func(t *testing.T, id, deadline, weight, list, text, docNum, dateText string) {
		doc := sampledoc.Tiny()
		it := &doc.Forms[0].Categories[0].Indicators[0].Items[1]
		it.ID, it.Deadline, it.Text = id, deadline, text
		it.Raw = map[string]string{model.ColWeight: weight, model.ColLeaders: list}
		it.Weight = nil
		doc.Forms[0].Categories[0].Indicators[0].Text = text
		doc.Notice.DocNumber.Text = docNum
		doc.Notice.DateText = dateText
		doc.Notice.Body = append(doc.Notice.Body, model.Line{Text: text})
		found := auditRun(doc, Options{})
		for _, fd := range found {
			if fd.Rule == "" || fd.Message == "" || fd.MessageEn == "" {
				t.Fatalf("incomplete finding %+v", fd)
			}
		}
		if fd, ok := unflaggedFix(found); ok {
			t.Fatalf("%s proposes a fix but is not Fixable: %+v", fd.Rule, fd)
		}
		auditFix(doc)
	})
}
