package ingest_test

import (
	"context"
	"testing"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// TestYearRule pins the one rule of the assessment year (model.AssessmentYear)
// across ingest and the audit: a notice issued in January 2024 whose form,
// titled without a year, is dated December 2023. Ingest reads the form's
// 12月底前 as 2023-12-31, and the audit then checks its deadlines against
// 2023 too: 2023年6月底前 is in the year, 2024年3月底前 is not.
func TestYearRule(t *testing.T) {
	t.Parallel()
	src := "泉州市某某局文件\n泉某〔2024〕1号\n关于印发绩效目标考评表的通知\n各科室：\n现将绩效目标考评表印发给你们，请认真贯彻执行。\n" +
		"附件：绩效目标考评表\n泉州市某某局\n2024年1月10日\n\f" +
		"附件\n绩效目标考评表\n参评单位：某某科\n2023年12月20日\n" +
		"项目\t序号\t一级指标\t二级指标\t权重\t完成时限\t责任人\n" +
		"重点工作目标\t1-1\t招商引资\t完成年度招商任务\t10\t12月底前\t张三\n" +
		"\t1-2\t项目建设\t完成项目建设\t10\t2023年6月底前\t李四\n" +
		"\t1-3\t平台建设\t完成平台搭建\t10\t2024年3月底前\t王五\n"
	doc, err := ingest.Read(context.Background(), "year.txt", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Notice == nil || doc.Notice.Date != "2024-01-10" || len(doc.Forms) != 1 || doc.Forms[0].Date != "2023-12-20" {
		t.Fatalf("notice %+v, forms %d: the fixture no longer reads as a 2024 notice with a 2023 form", doc.Notice, len(doc.Forms))
	}
	f := &doc.Forms[0]
	if y := f.Year(doc.Notice); y != 2023 {
		t.Fatalf("Form.Year = %d, want 2023 (the form's date, not the notice's)", y)
	}
	due := map[string]string{}
	for _, c := range f.Categories {
		for _, ind := range c.Indicators {
			for _, it := range ind.Items {
				due[it.ID] = it.Due
			}
		}
	}
	if due["1-1"] != "2023-12-31" {
		t.Errorf("ingest: 12月底前 due %q, want 2023-12-31", due["1-1"])
	}
	outOfYear := map[string]bool{}
	if err := audit.Review(context.Background(), doc, audit.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, fd := range doc.Findings {
		if fd.Rule == model.RuleDeadlineOutOfYear {
			for _, v := range fd.Values {
				outOfYear[v] = true
			}
		}
	}
	if outOfYear["2023年6月底前"] {
		t.Error("audit: 2023年6月底前 is reported outside the year ingest read the form in")
	}
	if !outOfYear["2024年3月底前"] {
		t.Errorf("audit: 2024年3月底前 is not reported outside 2023 (out-of-year values %v)", outOfYear)
	}
}
