package xlsx_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
)

// clerkBook builds a workbook the way a clerk types one: the table starts
// in column B under a title, the header is one row, a blank row sits inside
// the table, weights are numbers, 项目 is merged down its rows, a second
// sheet holds a second form and a hidden sheet holds junk.
func clerkBook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	set := func(sh, cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(sh, a, b string) {
		if err := f.MergeCell(sh, a, b); err != nil {
			t.Fatal(err)
		}
	}
	form := func(sh, title string, rows [][]any) {
		set(sh, "B1", title)
		merge(sh, "B1", "H1")
		set(sh, "B2", "参评单位（盖章）：某某局")
		for i, h := range []string{"项目", "序号", "一级指标", "二级指标", "权重", "完成时限", "责任人"} {
			c, _ := excelize.CoordinatesToCellName(i+2, 3)
			set(sh, c, h)
		}
		r := 4
		for _, row := range rows {
			if row == nil {
				r++ // a blank row
				continue
			}
			for i, v := range row {
				if v == nil {
					continue
				}
				c, _ := excelize.CoordinatesToCellName(i+2, r)
				set(sh, c, v)
			}
			r++
		}
		merge(sh, "B4", "B"+itoa(r-2))
		merge(sh, "D4", "D5")
		set(sh, "B"+itoa(r), "合计")
		merge(sh, "B"+itoa(r), "E"+itoa(r))
		set(sh, "F"+itoa(r), 3.5)
	}
	form("Sheet1", "某某局2024年度绩效目标考评表", [][]any{
		{"重点工作目标", "1-1-1", "抓好招商（3分）", "完成招商任务。", 2, "12月底前", "张三"},
		{nil, "1-1-2", nil, "举办推介会。", 1, "6月底前", "李四、王五"},
		nil,
		{nil, "1-2-1", "优化服务", "走访企业。", 0.5, "12月底前", "赵六"},
	})
	if _, err := f.NewSheet("第二张"); err != nil {
		t.Fatal(err)
	}
	form("第二张", "某某局2024年度第二张考评表", [][]any{
		{"常规工作目标", "2-1-1", "日常工作（3.5分）", "按时报送信息。", 2, "12月底前", "张三"},
		{nil, "2-1-2", nil, "做好档案管理。", 1.5, "12月底前", "李四"},
	})
	if _, err := f.NewSheet("隐藏"); err != nil {
		t.Fatal(err)
	}
	set("隐藏", "A1", "序号")
	set("隐藏", "B1", "权重")
	set("隐藏", "C1", "二级指标")
	if err := f.SetSheetVisible("隐藏", false); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itoa(n int) string {
	s, _ := excelize.CoordinatesToCellName(1, n)
	return s[1:]
}

func TestClerkWorkbook(t *testing.T) {
	doc, err := ingest.Read(context.Background(), "clerk.xlsx", clerkBook(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Forms) != 2 {
		t.Fatalf("%d forms, want 2", len(doc.Forms))
	}
	f := doc.Forms[0]
	if f.Title != "某某局2024年度绩效目标考评表" || f.Unit != "某某局" {
		t.Errorf("title %q unit %q", f.Title, f.Unit)
	}
	if len(f.Categories) != 1 || f.Categories[0].Name != "重点工作目标" {
		t.Fatalf("categories %+v", f.Categories)
	}
	inds := f.Categories[0].Indicators
	if len(inds) != 2 || inds[0].Text != "抓好招商" || inds[0].Points == nil || *inds[0].Points != 3 || len(inds[0].Items) != 2 {
		t.Fatalf("indicators %+v", inds)
	}
	it := inds[0].Items[1]
	if it.ID != "1-1-2" || it.Weight == nil || *it.Weight != 1 || len(it.Owners) != 2 {
		t.Errorf("item %+v", it)
	}
	if w := inds[1].Items[0].Weight; w == nil || *w != 0.5 {
		t.Errorf("1-2-1 weight %v", w)
	}
	if len(f.Totals) != 1 || f.Totals[0].Stated == nil || *f.Totals[0].Stated != 3.5 || f.Totals[0].Computed != 3.5 {
		t.Errorf("totals %+v", f.Totals)
	}
	g := doc.Forms[1]
	if g.Title != "某某局2024年度第二张考评表" || len(g.Categories) != 1 || g.Categories[0].Name != "常规工作目标" {
		t.Errorf("second form %q %+v", g.Title, g.Categories)
	}
	for _, fd := range doc.Findings {
		if fd.Severity == model.SevError {
			t.Errorf("finding %s: %s", fd.Rule, fd.Message)
		}
	}
}
