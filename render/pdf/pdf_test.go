package pdf

import (
	"bytes"
	"context"
	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/grid"
)

func sample(t testing.TB) *model.Document { return sampledoc.Document(t) }

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

// testRenderer is a renderer of doc with the embedded font whole, for tests
// of its parts.
func testRenderer(t testing.TB, doc *model.Document, opt Options) *renderer {
	t.Helper()
	f, err := readFace(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	faces := map[string]*face{heiFamily: f}
	sh, err := newSheet(map[string][]byte{heiFamily: defaultFont}, faces)
	if err != nil {
		t.Fatal(err)
	}
	return newRenderer(doc, opt, sh, faces)
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

// TestCustomFont renders with a --font (the embedded face passed as a file's
// bytes), which registers a second family for the table text.
func TestCustomFont(t *testing.T) {
	a := render(t, sample(t), Options{})
	b := render(t, sample(t), Options{Font: defaultFont})
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	if bytes.Count(b, []byte("/FontFile2")) != 2 || bytes.Count(a, []byte("/FontFile2")) != 1 {
		t.Errorf("embedded fonts: %d with --font, %d without; want 2 and 1",
			bytes.Count(b, []byte("/FontFile2")), bytes.Count(a, []byte("/FontFile2")))
	}
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

// BenchmarkPDFTiny renders the one-item sample: what a render costs that is
// not the document's (fpdf's set-up, fonts, compression), as FuzzRender pays
// it on every input.
func BenchmarkPDFTiny(b *testing.B) {
	doc := sampledoc.Tiny()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, doc, Options{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes")
	}
}

// TestLongGroupContinues gives one 一级指标 more items than a page holds: the
// group continues on the next pages with its 一级指标 and 项目 drawn again,
// and the header repeats on every page.
func TestLongGroupContinues(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	doc := sample(t)
	ind := &doc.Forms[0].Categories[0].Indicators[0]
	base := ind.Items[0]
	for i := range 40 {
		it := base
		it.ID = "1-1-" + strconv.Itoa(i+3)
		ind.Items = append(ind.Items, it)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "long.pdf")
	if err := os.WriteFile(in, render(t, doc, Options{Clean: true}), 0o644); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for p := 1; ; p++ {
		out, err := exec.Command("pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), in, "-").Output()
		if err != nil {
			break // past the last page
		}
		text := squash(string(out))
		if !strings.Contains(text, "1-1-") {
			break // the page after the group
		}
		pages++
		for _, want := range []string{"目标内容", "二级指标", "招商指标任务"} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q", p, want)
			}
		}
	}
	if pages < 3 {
		t.Errorf("the group spans %d pages, want at least 3", pages)
	}
}
