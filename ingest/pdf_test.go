package ingest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/notice"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// TestReadPDF runs the pipeline on a PDF fixture: pages → lines → the
// notice parser the text reader uses. Until ruled tables become rows
// (ingest/lattice), Read itself stops at the form builder with readerr.NoForm.
func TestReadPDF(t *testing.T) {
	data, err := os.ReadFile("../fixtures/pdf/lo-writer-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(context.Background(), "lo-writer-notice.pdf", data); err != nil && readerr.KindOf(err) != readerr.NoForm {
		t.Fatalf("Read: %v", err)
	}
	pages, err := Pages(context.Background(), "lo-writer-notice.pdf", data)
	if err != nil {
		t.Fatal(err)
	}
	n := notice.Parse(lines.Flow(pages))
	if n == nil {
		t.Fatal("no notice")
	}
	// LibreOffice wraps the title inside 2023 and puts the 文件 of the
	// issuer mark on a line of its own: the elements come out whole.
	if n.Title != "泉州半导体高新技术产业园区管理委员会关于印发2023年度绩效目标工作方案的通知" {
		t.Errorf("title %q", n.Title)
	}
	if n.IssuerMark != "泉州半导体高新技术产业园区管理委员会文件" {
		t.Errorf("issuer mark %q", n.IssuerMark)
	}
	if strings.Join(n.Recipients, "|") != "机关各科室（服务中心）|各分园区办事处" {
		t.Errorf("recipients %q", n.Recipients)
	}
	var heads []string
	for _, s := range n.Outline {
		heads = append(heads, s.Marker+s.Heading)
	}
	if strings.Join(heads, "|") != "一、评估对象|二、评估内容|三、工作步骤|四、工作要求" {
		t.Errorf("outline %q", heads)
	}
	if n.DocNumber == nil || n.DocNumber.Year != 2023 || n.DocNumber.Serial != 9 {
		t.Errorf("doc number %+v", n.DocNumber)
	}
	if w, ok := n.Where["title"]; !ok || w.Page == nil || *w.Page != 1 || w.Box == nil {
		t.Errorf("title where %+v", n.Where)
	}
	if n.Date != "2023-09-26" {
		t.Errorf("date %q", n.Date)
	}
	for _, l := range n.Body {
		if strings.Contains(l.Text, "内部资料") || strings.Contains(l.Text, "— 1 —") {
			t.Errorf("furniture in the body: %q", l.Text)
		}
	}
}

func TestPDFErrors(t *testing.T) {
	data, err := os.ReadFile("../fixtures/pdf/fpdf-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		kind readerr.Kind
		en   string
	}{
		{"truncated", data[:len(data)/2], readerr.Truncated, "truncated"},
		{"encrypted", must(t)(pdftest.Encrypted()), readerr.Encrypted, "encrypted"},
		// A scan is read by OCR; without it installed, the message says how.
		{"scanned", must(t)(pdftest.Scanned()), readerr.NoOCR, "install it with: scripts/install-ocr.sh"},
		{"empty", []byte("%PDF-1.4\n"), readerr.Truncated, "truncated"},
		{"damaged page", pdftest.Build(
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Contents 4 0 R >>",
			pdftest.Stream("/Filter /FlateDecode", "xxxxx")), readerr.Corrupt, "page 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("KAOPING_OCR_DIR", t.TempDir())
			_, err := Read(context.Background(), "x.pdf", tt.data)
			var e *readerr.Error
			if !errors.As(err, &e) || e.Kind != tt.kind {
				t.Fatalf("err %v, want kind %d", err, tt.kind)
			}
			if !strings.Contains(e.Message("en"), tt.en) || e.Message("zh") == e.Message("en") {
				t.Errorf("messages %q / %q", e.Message("zh"), e.Message("en"))
			}
		})
	}
}

// must returns a test's check on a helper that builds a PDF.
func must(t *testing.T) func([]byte, error) []byte {
	return func(data []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
}
