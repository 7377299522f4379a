package ingest

import (
	"context"
	"os"
	"testing"

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
