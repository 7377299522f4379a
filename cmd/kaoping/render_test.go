package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
	"github.com/kaoping/kaoping/render/pdf"
	"github.com/kaoping/kaoping/render/xlsx"
)

const seed = "../../fixtures/quanxin-2023-9-notice.txt"

func runCLI(args ...string) (code int, stdout, stderr string) {
	var o, e bytes.Buffer
	code = run(args, strings.NewReader(""), &o, &e)
	return code, o.String(), e.String()
}

// TestConvertRenders checks the files convert writes open as what they are
// and that no temporary file is left behind (the CLI's flags and errors are
// in testdata/script/convert_render.txtar).
func TestConvertRenders(t *testing.T) {
	dir := t.TempDir()
	code, _, stderr := runCLI("convert", seed, "--to", "json,xlsx,pdf", "-o", dir)
	if code == exitUsage {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, ext := range []string{"json", "xlsx", "pdf"} {
		b, err := os.ReadFile(filepath.Join(dir, "quanxin-2023-9-notice."+ext))
		if err != nil || len(b) == 0 {
			t.Errorf("%s: %v (%d bytes)", ext, err, len(b))
		}
	}
	// no temporary file is left behind
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the output directory, want 3", len(entries))
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "quanxin-2023-9-notice.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue(xlsx.SheetName(0, 1), "A2"); !strings.Contains(v, "考评表") {
		t.Errorf("A2 = %q, want the title", v)
	}
}

func seedDoc(b *testing.B) *model.Document {
	data, err := os.ReadFile(seed)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := ingest.Read(context.Background(), "seed.txt", data)
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// BenchmarkRenderSeedXLSX and BenchmarkRenderSeedPDF render the seed's form.
func BenchmarkRenderSeedXLSX(b *testing.B) {
	doc := seedDoc(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := xlsx.Write(context.Background(), &buf, doc, xlsx.Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}

func BenchmarkRenderSeedPDF(b *testing.B) {
	doc := seedDoc(b)
	for b.Loop() {
		var buf bytes.Buffer
		if err := pdf.Write(context.Background(), &buf, doc, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}

func BenchmarkReadSeedText(b *testing.B) {
	data, err := os.ReadFile(seed)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := ingest.Read(context.Background(), "seed.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSeedPDFText renders the seed's form and reads the PDF back with
// pdftotext: every cell's text is there, no character lost at a line break.
func TestSeedPDFText(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ingest.Read(context.Background(), "seed.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pdf.Write(context.Background(), &buf, doc, pdf.Options{Clean: true}); err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(t.TempDir(), "seed.pdf")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	squash := func(s string) string { return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "") }
	text := squash(string(out))
	g := grid.Build(doc, 0)
	n := 0
	for _, c := range g.Cells {
		if c.Kind == grid.KindCategory || c.Text == "" {
			continue // stacked 项目 text reads one character a line
		}
		n++
		if !strings.Contains(text, squash(c.Text)) {
			t.Errorf("row %d col %d: %q not in the PDF's text", c.Row, c.Col, c.Text)
		}
	}
	if n < 200 {
		t.Errorf("only %d cells checked", n)
	}
}
