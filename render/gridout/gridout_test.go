package gridout

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
)

// two tables of different widths, a merged cell in each, and texts with a
// comma, a quote and a line break.
func sample() model.Grids {
	p := model.Int(3)
	return model.Grids{Tables: []model.Grid{
		{Page: p, Rows: 3, Cols: 4, HeaderRows: 2, Cells: []model.GridCell{
			{Row: 0, Col: 0, RowSpan: 2, ColSpan: 1, Text: "项目", Page: p}, {Row: 0, Col: 1, RowSpan: 1, ColSpan: 3, Text: "目标内容", Page: p},
			{Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "二级指标"}, {Row: 1, Col: 2, RowSpan: 1, ColSpan: 1, Text: "权重"}, {Row: 1, Col: 3, RowSpan: 1, ColSpan: 1, Text: "完成时限"},
			{Row: 2, Col: 0, RowSpan: 1, ColSpan: 1, Text: "重点工作"}, {Row: 2, Col: 1, RowSpan: 1, ColSpan: 1, Text: "招商, \"引资\"\n两行"},
			{Row: 2, Col: 2, RowSpan: 1, ColSpan: 1, Text: "2"}, {Row: 2, Col: 3, RowSpan: 1, ColSpan: 1, Text: "6月底前"},
		}},
		{Rows: 2, Cols: 2, Cells: []model.GridCell{
			{Row: 0, Col: 0, RowSpan: 1, ColSpan: 2, Text: "签字"}, {Row: 1, Col: 0, RowSpan: 1, ColSpan: 1, Text: "甲"}, {Row: 1, Col: 1, RowSpan: 1, ColSpan: 1, Text: "乙"},
		}},
	}}
}

func TestCSV(t *testing.T) {
	var b bytes.Buffer
	if err := writeCSV(&b, sample()); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 3 + 1 blank + 2 rows, all 4 wide
	if len(recs) != 6 {
		t.Fatalf("%d records", len(recs))
	}
	if recs[0][1] != "目标内容" || recs[0][2] != "" || recs[2][1] != "招商, \"引资\"\n两行" || recs[4][0] != "签字" || recs[5][1] != "乙" {
		t.Errorf("records %q", recs)
	}
}

func TestXLSXMerges(t *testing.T) {
	var b bytes.Buffer
	if err := writeXLSX(&b, sample()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "表1" || got[1] != "表2" {
		t.Fatalf("sheets %v", got)
	}
	ms, _ := f.GetMergeCells("表1")
	var got []string
	for _, m := range ms {
		got = append(got, m.GetStartAxis()+":"+m.GetEndAxis()+"="+m.GetCellValue())
	}
	want := map[string]bool{"A1:A2=项目": true, "B1:D1=目标内容": true}
	if len(got) != 2 || !want[got[0]] || !want[got[1]] {
		t.Errorf("merges %v", got)
	}
	if v, _ := f.GetCellValue("表2", "B2"); v != "乙" {
		t.Errorf("表2!B2 = %q", v)
	}
}

func TestHTML(t *testing.T) {
	var b bytes.Buffer
	if err := writeHTML(&b, sample()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<thead>\n<tr><th rowspan=\"2\">项目</th><th colspan=\"3\">目标内容</th>", "</thead>\n<tr><td>重点工作</td>",
		`<caption>表1（第 3 页）</caption>`, `招商, &#34;引资&#34;`, "</caption>\n<tr><td colspan=\"2\">签字</td>"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %s in\n%s", want, b.String())
		}
	}
}

// TestCSVInLibreOffice opens the CSV in LibreOffice (converted to a
// workbook by soffice, as a clerk's double click would open it) and wants
// every row as wide as the widest table, the merged cell's text at its
// top-left, the Chinese intact.
func TestCSVInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("needs soffice (libreoffice-calc-nogui), not in -short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "tables.csv")
	var b bytes.Buffer
	if err := writeCSV(&b, sample()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "tables.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := f.GetCols(f.GetSheetList()[0])
	if len(cols) != 4 {
		t.Errorf("LibreOffice opens %d columns, want 4", len(cols))
	}
	if len(rows) != 6 || rows[0][0] != "项目" || rows[0][1] != "目标内容" || rows[5][1] != "乙" {
		t.Errorf("LibreOffice reads %q", rows)
	}
}
