package pdf

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
)

func sample(t testing.TB) *model.Document {
	t.Helper()
	b, err := os.ReadFile("../testdata/sample.json")
	if err != nil {
		t.Fatal(err)
	}
	var d model.Document
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return &d
}

func render(t testing.TB, doc *model.Document, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, doc, opt); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("KAOPING_KEEP"); dir != "" {
		name := "sample.pdf"
		if opt.Clean {
			name = "sample-clean.pdf"
		}
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestWrite(t *testing.T) {
	b := render(t, sample(t), Options{})
	if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) {
		t.Fatal("not a PDF")
	}
}

// TestTextReadBack checks with pdftotext that every cell's text is in the
// PDF, no character lost at the line breaks.
func TestTextReadBack(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	doc := sample(t)
	for _, clean := range []bool{false, true} {
		b := render(t, doc, Options{Clean: clean})
		dir := t.TempDir()
		in := filepath.Join(dir, "in.pdf")
		if err := os.WriteFile(in, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("pdftotext", "-raw", in, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		text := squash(string(out))
		g := grid.Build(doc, 0)
		want := []string{g.Attachment, g.Title, g.Unit, g.Date, g.Signatures}
		for _, c := range g.Cells {
			if c.Kind != grid.KindCategory { // stacked text reads one character a line
				want = append(want, c.Text)
			}
		}
		for _, w := range want {
			if !strings.Contains(text, squash(w)) {
				t.Errorf("clean=%v: %q not in the PDF's text", clean, w)
			}
		}
		hasList := strings.Contains(text, "审核意见")
		if hasList == clean {
			t.Errorf("clean=%v: findings list present = %v", clean, hasList)
		}
	}
}

// squash drops white space and line breaks, which pdftotext places freely.
func squash(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "")
}

func TestBadFont(t *testing.T) {
	var buf bytes.Buffer
	err := Write(context.Background(), &buf, sample(t), Options{Font: []byte("not a font")})
	if err == nil {
		t.Fatal("a bad font gave no error")
	}
}

func BenchmarkPDF(b *testing.B) {
	doc := sample(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}
