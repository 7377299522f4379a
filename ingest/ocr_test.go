package ingest

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/kaoping/kaoping/ingest/internal/scantest"
	"github.com/kaoping/kaoping/ingest/ocr"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// The OCR tests need the engine (scripts/install-ocr.sh) and pdftoppm. They
// skip without them, unless KAOPING_OCR_REQUIRED is set (.ci/run sets it,
// so that CI cannot pass by skipping).
var (
	ocrOnce sync.Once
	ocrEng  *OCR
	ocrErr  error
)

func testOCR(t testing.TB) *OCR {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the OCR engine; runs without -short")
	}
	ocrOnce.Do(func() {
		if _, err := exec.LookPath("pdftoppm"); err != nil {
			ocrErr = err
			return
		}
		o := &OCR{}
		_, ocrErr = o.recognizer()
		ocrEng = o
	})
	if ocrErr != nil {
		if os.Getenv("KAOPING_OCR_REQUIRED") != "" {
			t.Fatalf("OCR required: %v", ocrErr)
		}
		t.Skipf("OCR not available (%v); install with %s", ocrErr, ocr.InstallCommand)
	}
	return ocrEng
}

// charF1 compares the non-space characters of two texts as multisets.
func charF1(truth, got string) float64 {
	count := func(s string) map[rune]int {
		m := map[rune]int{}
		for _, r := range s {
			if !unicode.IsSpace(r) {
				m[r]++
			}
		}
		return m
	}
	a, b := count(truth), count(got)
	var ta, tb, both int
	for r, n := range a {
		ta += n
		both += min(n, b[r])
	}
	for _, n := range b {
		tb += n
	}
	if ta+tb == 0 {
		return 1
	}
	return 2 * float64(both) / float64(ta+tb)
}

func pageText(p page.Page) string {
	var b strings.Builder
	for _, g := range p.Glyphs {
		b.WriteString(g.Text)
	}
	return b.String()
}

// TestOCRPage reads one degraded scan of a notice's first page and one of
// a 考评表 page: the few pages CI spends on OCR (the corpus is
// TestOCRCorpus, under -ocr.corpus).
func TestOCRPage(t *testing.T) {
	o := testOCR(t)
	ctx := context.Background()
	for _, c := range []struct {
		pdf    string
		page   int
		minF1  float64
		tables bool
	}{
		{"../fixtures/pdf/lo-writer-notice.pdf", 1, 0.98, false},
		{"../fixtures/pdf/lo-calc-kaopingbiao.pdf", 1, 0.95, true},
	} {
		src, err := os.ReadFile(c.pdf)
		if err != nil {
			t.Fatal(err)
		}
		truth, err := Pages(ctx, "src.pdf", src)
		if err != nil {
			t.Fatal(err)
		}
		d := scantest.Degrade{Name: "tilt", DPI: 200, Tilt: 1.5, Paper: 232, Noise: 5, Blur: 1, JPEG: 75, Seed: 1}
		img, err := scantest.Render(c.pdf, c.page, d.DPI)
		if err != nil {
			t.Fatal(err)
		}
		jpg, err := scantest.Apply(img, d)
		if err != nil {
			t.Fatal(err)
		}
		pages, err := Pages(WithOCR(ctx, o), "scan.jpg", jpg)
		if err != nil {
			t.Fatal(err)
		}
		want, got := pageText(truth[c.page-1]), pageText(pages[0])
		if f := charF1(want, got); f < c.minF1 {
			t.Errorf("%s p%d: character F1 %.3f, want ≥ %.2f\n got: %s\nwant: %s", c.pdf, c.page, f, c.minF1, got, want)
		}
		for _, g := range pages[0].Glyphs {
			if g.Conf <= 0 || g.Conf > 1 || g.Font != "OCR" {
				t.Fatalf("glyph %+v: OCR glyphs carry a confidence in (0, 1]", g)
			}
		}
		if c.tables && len(pages[0].Segments) < 10 {
			t.Errorf("%s p%d: %d ruling segments found in the scan", c.pdf, c.page, len(pages[0].Segments))
		}
	}
}

// TestOCRNotInstalled: a scan with no OCR names the install command.
func TestOCRNotInstalled(t *testing.T) {
	o := &OCR{Dir: t.TempDir()}
	_, err := Pages(WithOCR(context.Background(), o), "a.png", scanPNGBytes(t))
	var e *readerr.Error
	if !errors.As(err, &e) || e.Kind != readerr.NoOCR || !strings.Contains(e.Message("zh"), ocr.InstallCommand) {
		t.Fatalf("err %v, want NoOCR naming %s", err, ocr.InstallCommand)
	}
	if Detect(scanPNGBytes(t)) != model.FormatPNG {
		t.Error("a PNG is not detected by its content")
	}
}
