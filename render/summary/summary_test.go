package summary

import (
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/summary"
)

// TestWorkbook: a row per record, the link to the cleaned workbook, the
// error count filled red, the score sheet totalling across units.
func TestWorkbook(t *testing.T) {
	recs := []summary.Record{
		{File: "a/单位甲.xlsx", Status: summary.StatusOK, Unit: "单位甲", Forms: 1, Items: 7, Errors: 2, Warnings: 0,
			Stated: model.Float(100), Computed: model.Float(98), Outputs: []string{"a/单位甲.xlsx.json", "a/单位甲.xlsx.xlsx"},
			Scores: []summary.Score{{Column: "自评分", Category: "重点工作目标", Value: 40}, {Column: "自评分", Category: "常规工作目标", Value: 20}}},
		{File: "a/单位乙.pdf", Status: summary.StatusOK, Unit: "单位乙", Forms: 1, Items: 7,
			Scores: []summary.Score{{Column: "自评分", Category: "重点工作目标", Value: 35.5}}},
		{File: "a/空白.txt", Status: summary.StatusFailed, Why: "a/空白.txt：文件为空"},
		{File: "a/正文.docx", Status: summary.StatusOK, Title: "关于…的通知"},
	}
	f, err := workbook(recs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(filesSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0][0] != "文件" || rows[3][1] != "失败" || rows[3][2] != "a/空白.txt：文件为空" {
		t.Fatalf("rows %q", rows)
	}
	if fm, err := f.GetCellFormula(filesSheet, "M2"); err != nil || fm != `HYPERLINK("a/单位甲.xlsx.xlsx","a/单位甲.xlsx.xlsx")` {
		t.Errorf("link %q %v", fm, err)
	}
	id, _ := f.GetCellStyle(filesSheet, "I2")
	st, _ := f.GetStyle(id)
	if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "F4B6B6" {
		t.Errorf("error count fill %v, want red", st.Fill.Color)
	}
	id, _ = f.GetCellStyle(filesSheet, "G5")
	if st, _ := f.GetStyle(id); len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFE699" {
		t.Errorf("a notice without a form: forms cell not flagged")
	}
	if tables, err := f.GetTables(filesSheet); err != nil || len(tables) != 1 || tables[0].Range != "A1:N5" {
		t.Errorf("the filter table: %+v %v", tables, err)
	}
	panes, err := f.GetPanes(filesSheet)
	if err != nil || !panes.Freeze {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	sc, err := f.GetRows(scoresSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc) != 4 || sc[0][2] != "自评分合计" || sc[1][2] != "60" || sc[2][2] != "35.5" || sc[3][0] != "合计" {
		t.Errorf("score sheet %q", sc)
	}
	if fm, _ := f.GetCellFormula(scoresSheet, "C4"); fm != "SUM(C2:C3)" {
		t.Errorf("total formula %q", fm)
	}
}
