package ingest

import (
	"bytes"
	"context"
	"image"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/kaoping/kaoping/ingest/internal/scantest"
	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/ingest/scan"
)

// composeFixtures are image-only PDFs of page 1 of the notice fixture, as
// producers write them. The first runs in CI; the rest under -ocr.corpus
// (img2pdf and ImageMagick are not installed there).
func composeFixtures(t *testing.T, src *image.RGBA) []struct {
	name string
	pdf  []byte
} {
	t.Helper()
	var out []struct {
		name string
		pdf  []byte
	}
	add := func(name string, b []byte, err error) {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, struct {
			name string
			pdf  []byte
		}{name, b})
	}
	b, err := scantest.TilesPDF([]scantest.TilePage{{Img: src, Encs: scantest.Encodings}}, 200, 100, 140)
	add("tiles-289-mixed", b, err)
	if !*ocrCorpus {
		return out
	}
	b, err = scantest.FpdfTilesPDF(src, 200, 60, 60)
	add("fpdf-tiles-1092", b, err)
	dir := t.TempDir()
	var jp bytes.Buffer
	if err := jpeg.Encode(&jp, src, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	tool := func(name string, args ...string) []byte {
		t.Helper()
		if _, err := exec.LookPath(args[0]); err != nil {
			t.Logf("%s skipped: %v", name, err)
			return nil
		}
		if b, err := exec.Command(args[0], args[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v: %s", name, err, b)
		}
		b, err := os.ReadFile(filepath.Join(dir, name+".pdf"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	os.WriteFile(filepath.Join(dir, "page.jpg"), jp.Bytes(), 0o644)
	if b := tool("img2pdf-jpeg", "img2pdf", "-o", filepath.Join(dir, "img2pdf-jpeg.pdf"), filepath.Join(dir, "page.jpg")); b != nil {
		add("img2pdf-jpeg", b, nil)
	}
	if b := tool("magick-g4", "sh", "-c", "convert "+filepath.Join(dir, "page.jpg")+" -threshold 60% -density 200 -compress Group4 "+filepath.Join(dir, "g4.tif")+" && img2pdf -o "+filepath.Join(dir, "magick-g4.pdf")+" "+filepath.Join(dir, "g4.tif")); b != nil {
		add("img2pdf-ccitt-g4", b, nil)
	}
	return out
}

// TestOCRComposed reads image-only PDFs by OCR twice, composed in Go and
// rendered by pdftoppm, and compares both readings with the text layer of
// the source: composing in Go must read as well as the renderer did.
func TestOCRComposed(t *testing.T) {
	o := testOCR(t)
	ctx := WithOCR(context.Background(), o)
	srcPDF, err := os.ReadFile("../fixtures/pdf/lo-writer-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	truth, err := Pages(ctx, "src.pdf", srcPDF)
	if err != nil {
		t.Fatal(err)
	}
	want := pageText(truth[0])
	src := sourcePage(t)
	rec, err := o.recognizer()
	if err != nil {
		t.Fatal(err)
	}
	for _, fx := range composeFixtures(t, src) {
		t.Run(fx.name, func(t *testing.T) {
			err := pdf.ImagePages(ctx, fx.name, fx.pdf, func(ip pdf.ImagePage) error {
				if ip.Render != nil {
					t.Errorf("page %d left to pdftoppm: %v", ip.Number, ip.Render)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			// Composed in Go, through the reader as kaoping convert reads it.
			pages, err := Pages(ctx, fx.name, fx.pdf)
			if err != nil || len(pages) != 1 {
				t.Fatalf("%d pages, %v", len(pages), err)
			}
			inGo := charF1(want, pageText(pages[0]))
			var got []page.Page
			err = rasterPDF(ctx, fx.name, fx.pdf, true, func(n, total int, img *image.RGBA, dpi float64) error {
				p, err := scan.Page(ctx, rec, img, n, dpi)
				got = append(got, p)
				return err
			})
			if err != nil || len(got) != 1 {
				t.Fatalf("pdftoppm: %d pages, %v", len(got), err)
			}
			poppler := charF1(want, pageText(got[0]))
			t.Logf("character F1: composed in Go %.4f, pdftoppm %.4f", inGo, poppler)
			if inGo < 0.97 || inGo < poppler-0.01 {
				t.Errorf("composed in Go: character F1 %.4f, pdftoppm %.4f", inGo, poppler)
			}
		})
	}
}

// TestOCROFDScan: an OFD whose page is one ImageObject (a JPEG of the
// notice's first page, as scanner software writes one) is read by OCR
// into the same page model as the PDF: its text against the source's text
// layer, and the progress reported.
func TestOCROFDScan(t *testing.T) {
	o := testOCR(t)
	srcPDF, err := os.ReadFile("../fixtures/pdf/lo-writer-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	truth, err := Pages(context.Background(), "src.pdf", srcPDF)
	if err != nil {
		t.Fatal(err)
	}
	src := sourcePage(t)
	var jp bytes.Buffer
	if err := jpeg.Encode(&jp, src, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	data, err := ofdtest.Write([]ofdtest.Page{{Images: []ofdtest.Image{{X: 0, Y: 0, W: 210, H: 297, Data: jp.Bytes(), Format: "JPEG"}}}})
	if err != nil {
		t.Fatal(err)
	}
	var seen [][2]int
	ctx := WithProgress(WithOCR(context.Background(), o), func(page, pages int) { seen = append(seen, [2]int{page, pages}) })
	pages, err := Pages(ctx, "scan.ofd", data)
	if err != nil || len(pages) != 1 {
		t.Fatalf("%d pages, %v", len(pages), err)
	}
	f := charF1(pageText(truth[0]), pageText(pages[0]))
	t.Logf("character F1 of the OFD scan: %.4f", f)
	if f < 0.97 {
		t.Errorf("character F1 %.4f, want ≥ 0.97", f)
	}
	if len(seen) != 1 || seen[0] != [2]int{1, 1} {
		t.Errorf("progress %v, want page 1 of 1", seen)
	}
}
