package ingest

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/kaoping/kaoping/ingest/internal/scantest"
)

// BenchmarkOCRPage reads one A4 page scanned at 200 dpi end to end —
// decode, clean-up, detection, recognition, page model — per fixture page,
// engine loaded once. The baseline, in the same run, is the text layer of
// the same page read by ingest/pdf (textlayer). On a shared machine report
// the median of several -count runs and say how loaded it was.
//
//	go test ./ingest -run '^$' -bench OCRPage -benchtime 3x -count 3
func BenchmarkOCRPage(b *testing.B) {
	o := testOCR(b)
	ctx := WithOCR(context.Background(), o)
	for _, c := range []struct {
		name, pdf string
		page      int
	}{
		{"notice", "../fixtures/pdf/lo-writer-notice.pdf", 1},
		{"form", "../fixtures/pdf/lo-calc-kaopingbiao.pdf", 1},
	} {
		src, err := os.ReadFile(c.pdf)
		if err != nil {
			b.Fatal(err)
		}
		img, err := scantest.Render(c.pdf, c.page, 200)
		if err != nil {
			b.Fatal(err)
		}
		jpg, err := scantest.Apply(img, scantest.Degrade{DPI: 200, Tilt: 1.2, Paper: 235, Noise: 4, JPEG: 80, Seed: 3})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name+"/ocr", func(b *testing.B) {
			cpu0, _ := usage()
			n := 0
			for b.Loop() {
				if _, err := Pages(ctx, "scan.jpg", jpg); err != nil {
					b.Fatal(err)
				}
				n++
			}
			cpu, peak := usage()
			b.ReportMetric((cpu-cpu0).Seconds()/float64(max(1, n)), "cpu-s/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
		})
		b.Run(c.name+"/textlayer", func(b *testing.B) {
			for b.Loop() {
				if _, err := Pages(ctx, "src.pdf", src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOCRCorpus reads every page of the scan corpus's fixtures
// (corpusPDFs: notices, a web print, two 考评表), each scanned at 200 dpi
// with a tilt, grey paper, noise, JPEG 80 and, where the 文件 is signed, a
// red seal, one page at a time end to end as `kaoping convert` reads a
// JPEG, engine loaded once. It reports the median and the slowest page's
// wall seconds, the CPU seconds per page (all threads, ONNX Runtime's
// included) and the process's peak resident memory; the baseline,
// textlayer-s/page, is the same pages read from their text layers. One op
// is the whole corpus; run it once and say how loaded the machine was:
//
//	go test ./ingest -run '^$' -bench OCRCorpus -benchtime 1x
func BenchmarkOCRCorpus(b *testing.B) {
	o := testOCR(b)
	ctx := WithOCR(context.Background(), o)
	var jpgs, srcs [][]byte
	for fi, path := range corpusPDFs {
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		doc, _ := Read(ctx, "src.pdf", src)
		if doc == nil {
			b.Fatalf("%s: not read", path)
		}
		srcs = append(srcs, src)
		n, err := pdfPageCount(ctx, src)
		if err != nil {
			b.Fatal(err)
		}
		for p := 1; p <= n; p++ {
			img, err := scantest.Render(path, p, 200)
			if err != nil {
				b.Fatal(err)
			}
			d := scantest.Degrade{DPI: 200, Tilt: []float64{1.2, -0.8, 2.1, -1.6}[(fi+p)%4], Paper: 235, Noise: 4, Blur: p % 2, JPEG: 80,
				Seals: sealsOn(doc, p), Seed: uint64(100*fi + p)}
			jpg, err := scantest.Apply(img, d)
			if err != nil {
				b.Fatal(err)
			}
			jpgs = append(jpgs, jpg)
		}
	}
	var walls []float64
	cpu0, _ := usage()
	for b.Loop() {
		for _, jpg := range jpgs {
			start := time.Now()
			if _, err := Pages(ctx, "scan.jpg", jpg); err != nil {
				b.Fatal(err)
			}
			walls = append(walls, time.Since(start).Seconds())
		}
	}
	cpu, peak := usage()
	// The baseline, in the same run: the same pages read from their text
	// layers.
	start := time.Now()
	for _, src := range srcs {
		if _, err := Pages(ctx, "src.pdf", src); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(time.Since(start).Seconds()/float64(len(jpgs)), "textlayer-s/page")
	slices.Sort(walls)
	b.ReportMetric(float64(len(jpgs)), "pages")
	b.ReportMetric(walls[len(walls)/2], "median-s/page")
	b.ReportMetric(walls[len(walls)-1], "max-s/page")
	b.ReportMetric((cpu-cpu0).Seconds()/float64(len(walls)), "cpu-s/page")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}

// pdfPageCount is the number of pages of a PDF with a text layer.
func pdfPageCount(ctx context.Context, src []byte) (int, error) {
	ps, err := Pages(ctx, "src.pdf", src)
	return len(ps), err
}
