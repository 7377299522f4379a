package xlsx

import (
	"bytes"
	"context"
	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
)

func sample(t testing.TB) *model.Document { return sampledoc.Document(t) }

// reopen writes doc and opens the bytes again, as a clerk's Excel would.
func reopen(t *testing.T, doc *model.Document, opt Options) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc, opt); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("KAOPING_KEEP"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "sample.xlsx"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestMerges(t *testing.T) {
	doc := sample(t)
	f := reopen(t, doc, Options{})
	mc, err := f.GetMergeCells("考评表")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range mc {
		got[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	want := map[string]string{
		"A2:J2":   doc.Forms[0].Title,
		"E4:G4":   "目标内容",
		"H4:J4":   "责任分解",
		"A4:A5":   "项目",
		"A6:J6":   "职能工作目标",
		"A7:A13":  "重点工作目标",
		"C7:C8":   doc.Forms[0].Categories[0].Indicators[0].Basis,
		"D9:D11":  grid.IndicatorText(doc.Forms[0].Categories[0].Indicators[1]),
		"A16:E16": "合计",
		"A22:E22": "绩效目标考评得分",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("merge %s = %q, want %q", k, got[k], v)
		}
	}
}

// TestTotals checks that each total is a live formula whose calculated value
// is what the items add up to, and whose cached value is the stated one.
func TestTotals(t *testing.T) {
	doc := sample(t)
	f := reopen(t, doc, Options{})
	g := grid.Build(doc, 0)
	n := 0
	for _, c := range g.Cells {
		if c.Kind != grid.KindTotal {
			continue
		}
		n++
		ref := cell(c.Row, c.Col)
		formula, err := f.GetCellFormula("考评表", ref)
		if err != nil || formula == "" {
			t.Errorf("%s: no formula (%v)", ref, err)
		}
		v, err := f.CalcCellValue("考评表", ref)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		if got, _ := strconv.ParseFloat(v, 64); got != c.Computed {
			t.Errorf("%s = %s = %v, want computed %v", ref, formula, v, c.Computed)
		}
		if cached, _ := f.GetCellValue("考评表", ref); cached != grid.FormatNum(c.Num) {
			t.Errorf("%s cached %q, want stated %v", ref, cached, grid.FormatNum(c.Num))
		}
	}
	if n != len(doc.Forms[0].Totals) {
		t.Errorf("%d total cells, want %d", n, len(doc.Forms[0].Totals))
	}
	// an edited weight changes the totals
	if err := f.SetCellFloat("考评表", cell(3, 5), 10, -1, 64); err != nil {
		t.Fatal(err)
	}
	if v, _ := f.CalcCellValue("考评表", "F22"); v != "35" {
		t.Errorf("grand total after edit = %s, want 35", v)
	}
}

func TestFindings(t *testing.T) {
	doc := sample(t)
	f := reopen(t, doc, Options{})
	cm, err := f.GetComments("考评表")
	if err != nil {
		t.Fatal(err)
	}
	at := map[string]bool{}
	for _, c := range cm {
		at[c.Cell] = true
	}
	for _, cell := range []string{"F9", "F16", "J12", "G14"} {
		if !at[cell] {
			t.Errorf("no comment on %s (have %v)", cell, at)
		}
	}
	rows, err := f.GetRows(reviewSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(doc.Findings) {
		t.Fatalf("审核意见 has %d rows, want %d", len(rows), 1+len(doc.Findings))
	}
	if ok, link, _ := f.GetCellHyperLink(reviewSheet, "D2"); !ok || link != "'考评表'!F9" {
		t.Errorf("D2 link = %v %q", ok, link)
	}
	clean := reopen(t, doc, Options{Clean: true})
	if cm, _ := clean.GetComments("考评表"); len(cm) != 0 {
		t.Errorf("clean workbook has %d comments", len(cm))
	}
	if i, _ := clean.GetSheetIndex(reviewSheet); i >= 0 {
		t.Error("clean workbook has the 审核意见 sheet")
	}
}

// TestLongFinding: a finding whose message needs a row taller than Excel
// allows (a long cell text repeated in it, as the page's fuzzing found)
// still gives a workbook, its row at the limit and its text whole.
func TestLongFinding(t *testing.T) {
	doc := sample(t)
	long := strings.Repeat("很长的审核意见", 300)
	doc.Findings[0].Message = long
	f := reopen(t, doc, Options{})
	if h, err := f.GetRowHeight(reviewSheet, 2); err != nil || h != maxRowHeight {
		t.Errorf("row 2 of 审核意见 is %v pt (%v), want %v", h, err, maxRowHeight)
	}
	if got, _ := f.GetCellValue(reviewSheet, "E2"); got != long {
		t.Errorf("the message is %d runes in the cell, want %d", len([]rune(got)), len([]rune(long)))
	}
}

func TestPrintSetup(t *testing.T) {
	f := reopen(t, sample(t), Options{})
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.RefersTo == "'考评表'!$4:$5" {
			found = true
		}
	}
	if !found {
		t.Errorf("no print titles: %+v", f.GetDefinedName())
	}
	pl, err := f.GetPageLayout("考评表")
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || *pl.Size != 9 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	dvs, err := f.GetDataValidations("考评表")
	if err != nil || len(dvs) != 2 {
		t.Errorf("data validations %d %v", len(dvs), err)
	}
	h, _ := f.GetRowHeight("考评表", 9) // 1-2-1 has a three-row indicator beside it
	if h < 20 {
		t.Errorf("row 8 height %v", h)
	}
}
