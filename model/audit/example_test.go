package audit_test

import (
	"context"
	"fmt"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// Review completes a document with every finding (ingest's and the audit's,
// in position order), applying the certain fixes first when asked: here the
// category's 5分 against weights adding up to 4, a deadline outside the
// form's year 2023, and no total row.
func ExampleReview() {
	w := func(f float64) *float64 { return &f }
	doc := &model.Document{Schema: model.Schema, Forms: []model.Form{{
		Title:   "2023年度绩效目标考评表",
		Columns: []string{model.ColCategory, model.ColID, model.ColIndicator, model.ColItem, model.ColWeight, model.ColDeadline},
		Categories: []model.Category{{Name: "重点工作目标", Points: w(5), Indicators: []model.Indicator{{
			ID: "1-1", Text: "招商引资", Items: []model.Item{
				{ID: "1-1-1", Text: "完成招商任务", Weight: w(2), Deadline: "12月底前"},
				{ID: "1-1-2", Text: "完成项目签约", Weight: w(2), Deadline: "2024年3月底前"},
			}}}}},
	}}}
	audit.Review(context.Background(), doc, audit.Options{})
	for _, f := range doc.Findings {
		fmt.Println(f.Severity, f.Rule)
	}
	// Output:
	// error category-total
	// warning deadline-out-of-year
	// error grand-total
}
