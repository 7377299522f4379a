package ingest

import (
	"context"
	"fmt"
	"image"
	"image/draw"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/kaoping/kaoping/ingest/internal/scantest"
	"github.com/kaoping/kaoping/ingest/pdf"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/ingest/scan"
)

func needPoppler(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("KAOPING_OCR_REQUIRED") != "" {
			t.Fatal("pdftoppm is required:", err)
		}
		t.Skip("needs pdftoppm (poppler-utils)")
	}
}

// sourcePage is page 1 of the notice fixture rendered at 200 dpi: the
// pixels the tile fixtures are cut from. It is rendered once for the
// package's tests (pdftoppm at 200 dpi costs a third of a second); callers
// only read it.
func sourcePage(t testing.TB) *image.RGBA {
	t.Helper()
	img, err := renderSource()
	if err != nil {
		t.Fatal(err)
	}
	return img
}

var renderSource = sync.OnceValues(func() (*image.RGBA, error) {
	return scantest.Render("../fixtures/pdf/lo-writer-notice.pdf", 1, 200)
})

// pageDiff compares two page images over their common area: the mean
// absolute difference of grey levels, and the share of pixels dark in one
// and light in the other (the ink OCR reads).
func pageDiff(a, b *image.RGBA) (mean, ink float64) {
	w, h := min(a.Rect.Dx(), b.Rect.Dx()), min(a.Rect.Dy(), b.Rect.Dy())
	var sum, bad, n int
	for y := range h {
		for x := range w {
			ga, gb := greyAt(a, x, y), greyAt(b, x, y)
			sum += abs(ga - gb)
			if (ga < 128) != (gb < 128) {
				bad++
			}
			n++
		}
	}
	return float64(sum) / float64(n), float64(bad) / float64(n)
}

func greyAt(img *image.RGBA, x, y int) int {
	p := img.Pix[y*img.Stride+4*x:]
	return (299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// rasterPages collects what rasterPDF hands OCR, and whether each page was
// composed in Go.
func rasterPages(t testing.TB, data []byte, poppler bool) (imgs []*image.RGBA, composed []bool) {
	t.Helper()
	err := pdf.ImagePages(context.Background(), "t.pdf", data, func(ip pdf.ImagePage) error {
		composed = append(composed, ip.Render == nil)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = rasterPDF(context.Background(), "t.pdf", data, poppler, func(n, total int, img *image.RGBA, dpi float64) error {
		if n != len(imgs)+1 || total != len(composed) {
			return fmt.Errorf("page %d of %d after %d pages", n, total, len(imgs))
		}
		imgs = append(imgs, img)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return imgs, composed
}

// TestComposeEncodings: the head of a notice page cut into tiles, one page
// per image encoding, composed in Go, shows the pixels the tiles were cut
// from, and what pdftoppm shows of it.
func TestComposeEncodings(t *testing.T) {
	t.Parallel()
	needPoppler(t)
	src := sourcePage(t).SubImage(image.Rect(0, 0, 1654, 640)).(*image.RGBA)
	var pages []scantest.TilePage
	for _, enc := range scantest.Encodings {
		pages = append(pages, scantest.TilePage{Img: src, Encs: []scantest.Encoding{enc}})
	}
	data, err := scantest.TilesPDF(pages, 200, 100, 140)
	if err != nil {
		t.Fatal(err)
	}
	goImgs, composed := rasterPages(t, data, false)
	var pop []*image.RGBA
	if !testing.Short() {
		pop, _ = rasterPages(t, data, true)
	}
	for i, enc := range scantest.Encodings {
		t.Run(string(enc), func(t *testing.T) {
			if !composed[i] {
				t.Fatal("left to pdftoppm")
			}
			// Against the pixels the tiles were cut from: exact but for the
			// encoding's own loss (JPEG, 16 greys, one bit).
			mean, ink := pageDiff(goImgs[i], src)
			t.Logf("against the source: mean grey difference %.3f, ink disagreement %.5f", mean, ink)
			if mean > maxMean[enc] || ink > 0.004 {
				t.Errorf("Go composition against the source: mean grey difference %.2f (want ≤ %.2f), ink disagreement %.4f", mean, maxMean[enc], ink)
			}
			if pop == nil {
				return
			}
			// Against pdftoppm, which anti-aliases the tiles' edges and places
			// them a fraction of a pixel off: a wrong decoder (a colour
			// inverted, a predictor misapplied, rows shifted) is tens of grey
			// levels and a tenth of the ink away.
			if d := goImgs[i].Rect.Size().Sub(pop[i].Rect.Size()); abs(d.X) > 1 || abs(d.Y) > 1 {
				t.Errorf("canvas %v, pdftoppm %v", goImgs[i].Rect, pop[i].Rect)
			}
			mean, ink = pageDiff(goImgs[i], pop[i])
			t.Logf("against pdftoppm: mean grey difference %.3f, ink disagreement %.5f", mean, ink)
			if mean > 10 || ink > 0.05 {
				t.Errorf("Go composition against pdftoppm: mean grey difference %.2f, ink disagreement %.4f", mean, ink)
			}
		})
	}
}

// maxMean is each encoding's loss in mean grey levels over the page, with
// room: lossless ones are exact.
var maxMean = map[scantest.Encoding]float64{
	scantest.JPEG: 2, scantest.JPEGGray: 2, scantest.Indexed: 6, scantest.Bilevel: 6, scantest.Stencil: 6, scantest.CMYK: 1,
	scantest.FlateRGB: 0.01, scantest.FlateGray: 0.01, scantest.Inverted: 0.01, scantest.LZW: 0.01, scantest.HexFlate: 0.01,
	scantest.Gray16: 0.01, scantest.ICCGray: 0.01,
}

// TestComposeFallback: pages Go does not compose go to pdftoppm, each on
// its own, in their order: a JPEG 2000 tile, and text drawn as outlines
// (Ghostscript's pdfwrite with -dNoOutputFonts, as some print drivers do).
func TestComposeFallback(t *testing.T) {
	t.Parallel()
	needPoppler(t)
	src := sourcePage(t).SubImage(image.Rect(0, 0, 1654, 640)).(*image.RGBA)
	data, err := scantest.TilesPDF([]scantest.TilePage{
		{Img: src, Encs: []scantest.Encoding{scantest.JPEG}},
		{Img: src, Encs: []scantest.Encoding{scantest.FlateGray, scantest.Unsupported}},
		{Img: src, Encs: []scantest.Encoding{scantest.Bilevel}},
	}, 200, 300, 200)
	if err != nil {
		t.Fatal(err)
	}
	imgs, composed := rasterPages(t, data, false)
	if want := []bool{true, false, true}; fmt.Sprint(composed) != fmt.Sprint(want) || len(imgs) != 3 {
		t.Fatalf("composed in Go %v, want %v; %d pages", composed, want, len(imgs))
	}
	if testing.Short() {
		t.Skip("the outlined-text page (Ghostscript, then pdftoppm at full size) runs without -short")
	}
	if _, err := exec.LookPath("gs"); err != nil {
		t.Skip("needs Ghostscript for outlined text")
	}
	out := filepath.Join(t.TempDir(), "outlined.pdf")
	cmd := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dNoOutputFonts", "-dFirstPage=1", "-dLastPage=1", "-sOutputFile="+out, "../fixtures/pdf/lo-writer-notice.pdf")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gs: %v: %s", err, b)
	}
	outlined, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pdf.Pages(context.Background(), "o.pdf", outlined); readerr.KindOf(err) != readerr.Scanned {
		t.Fatalf("outlined text read as %v, want Scanned", err)
	}
	imgs, composed = rasterPages(t, outlined, false)
	if len(imgs) != 1 || composed[0] {
		t.Fatalf("outlined text: %d pages, composed in Go %v; want 1 page rendered by pdftoppm", len(imgs), composed)
	}
	// Anti-aliasing makes the edges of strokes differ; a page other than
	// the source (a blank one, say) differs by all of its ink.
	full := sourcePage(t)
	blank := image.NewRGBA(full.Rect)
	draw.Draw(blank, blank.Rect, image.White, image.Point{}, draw.Src)
	_, inkShare := pageDiff(full, blank)
	if _, ink := pageDiff(imgs[0], full); ink > inkShare/2 {
		t.Errorf("outlined page rendered unlike the source: ink disagreement %.4f, the page's ink %.4f", ink, inkShare)
	}
}

// TestComposeEncrypted: a scan with an owner password (a 文件 locked
// against editing, read with the empty user password) is composed in Go
// like its plain copy: open decrypts its streams first.
func TestComposeEncrypted(t *testing.T) {
	t.Parallel()
	needPoppler(t)
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("needs qpdf")
	}
	src := sourcePage(t).SubImage(image.Rect(0, 0, 1654, 640)).(*image.RGBA)
	plain, err := scantest.TilesPDF([]scantest.TilePage{{Img: src, Encs: []scantest.Encoding{scantest.JPEG, scantest.FlateRGB}}}, 200, 300, 200)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "plain.pdf"), filepath.Join(dir, "locked.pdf")
	if err := os.WriteFile(in, plain, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, bits := range []string{"128", "256"} {
		args := []string{"--allow-weak-crypto", "--encrypt", "", "owner", bits}
		if bits == "128" {
			args = append(args, "--use-aes=y")
		}
		if b, err := exec.Command("qpdf", append(args, "--", in, out)...).CombinedOutput(); err != nil {
			t.Fatalf("qpdf: %v: %s", err, b)
		}
		locked, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		imgs, composed := rasterPages(t, locked, false)
		if len(imgs) != 1 || !composed[0] {
			t.Fatalf("AES-%s: %d pages, composed in Go %v", bits, len(imgs), composed)
		}
		if mean, ink := pageDiff(imgs[0], src); mean > 2 || ink > 0.004 {
			t.Errorf("AES-%s: against the source: mean grey difference %.2f, ink disagreement %.4f", bits, mean, ink)
		}
	}
}

// BenchmarkRasterPDF: the pixels of one A4 page at 200 dpi for OCR,
// composed in Go against rendered by pdftoppm, for a page of 289 tiles in
// every encoding and for a scanner's one JPEG.
func BenchmarkRasterPDF(b *testing.B) {
	needPoppler(b)
	src := sourcePage(b)
	tiles, err := scantest.TilesPDF([]scantest.TilePage{{Img: src, Encs: scantest.Encodings}}, 200, 100, 140)
	if err != nil {
		b.Fatal(err)
	}
	one, err := scantest.TilesPDF([]scantest.TilePage{{Img: src, Encs: []scantest.Encoding{scantest.JPEG}}}, 200, 1654, 2339)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		pdf  []byte
	}{{"tiles-289", tiles}, {"one-jpeg", one}} {
		for _, poppler := range []bool{false, true} {
			name := c.name + "/go"
			if poppler {
				name = c.name + "/pdftoppm"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					var err error
					if poppler {
						err = scan.RenderPDFRange(context.Background(), c.pdf, scan.RenderDPI, 1, 1, func(int, *image.RGBA) error { return nil })
					} else {
						err = rasterPDF(context.Background(), "b.pdf", c.pdf, false, func(int, int, *image.RGBA, float64) error { return nil })
					}
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestComposeCCITT: a bilevel page in CCITT Group 4 (img2pdf of an
// ImageMagick TIFF, fixtures/scan) is composed in Go as pdftoppm shows it.
func TestComposeCCITT(t *testing.T) {
	t.Parallel()
	needPoppler(t)
	data, err := os.ReadFile("../fixtures/scan/img2pdf-ccitt-g4.pdf")
	if err != nil {
		t.Fatal(err)
	}
	imgs, composed := rasterPages(t, data, false)
	if len(imgs) != 1 || !composed[0] {
		t.Fatalf("%d pages, composed in Go %v", len(imgs), composed)
	}
	pop, _ := rasterPages(t, data, true)
	mean, ink := pageDiff(imgs[0], pop[0])
	full := image.NewRGBA(imgs[0].Rect)
	draw.Draw(full, full.Rect, image.White, image.Point{}, draw.Src)
	_, inkShare := pageDiff(imgs[0], full)
	t.Logf("against pdftoppm: mean grey difference %.3f, ink disagreement %.5f (the page's ink %.4f)", mean, ink, inkShare)
	// An inverted or misaligned decode disagrees on all the ink or more.
	if inkShare < 0.01 || ink > inkShare/4 {
		t.Errorf("CCITT page: ink disagreement %.4f against pdftoppm, the page's ink %.4f", ink, inkShare)
	}
}

// TestComposeMasks: an image whose producer hid part of it under a soft
// mask, a stencil mask or a colour key is composed onto white as a viewer
// shows it: the hidden part white, the rest the image's pixels exactly,
// and the hidden part white in pdftoppm's render too (the viewer's reading
// of the mask, which says which sample value hides).
func TestComposeMasks(t *testing.T) {
	t.Parallel()
	needPoppler(t)
	src := sourcePage(t).SubImage(image.Rect(0, 0, 1654, 640)).(*image.RGBA)
	hidden := image.Rect(600, 100, 1100, 400)
	want := image.NewRGBA(src.Rect)
	draw.Draw(want, want.Rect, src, src.Rect.Min, draw.Src)
	draw.Draw(want, hidden, image.White, image.Point{}, draw.Src)
	for _, m := range scantest.Masks {
		t.Run(string(m), func(t *testing.T) {
			data, err := scantest.MaskedPDF(src, hidden, 200, m)
			if err != nil {
				t.Fatal(err)
			}
			goImgs, composed := rasterPages(t, data, false)
			if !composed[0] {
				t.Fatal("left to pdftoppm")
			}
			if mean, ink := pageDiff(goImgs[0], want); mean > 0.01 || ink > 0 {
				t.Errorf("Go composition against the page with the hidden part white: mean grey difference %.3f, ink disagreement %.5f", mean, ink)
			}
			if testing.Short() {
				return
			}
			pop, _ := rasterPages(t, data, true)
			if mean, ink := pageDiff(pop[0].SubImage(hidden).(*image.RGBA), want.SubImage(hidden).(*image.RGBA)); mean > 2 || ink > 0.001 {
				t.Errorf("pdftoppm does not show the hidden part white (mean grey difference %.2f, ink %.4f): the test's mask is not what a viewer reads", mean, ink)
			}
			if mean, ink := pageDiff(goImgs[0], pop[0]); mean > 10 || ink > 0.05 {
				t.Errorf("Go composition against pdftoppm: mean grey difference %.2f, ink disagreement %.4f", mean, ink)
			}
		})
	}
}
