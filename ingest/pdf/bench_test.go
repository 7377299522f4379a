package pdf

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPages reads each fixture; scripts/bench-pdf.sh compares the CLI
// against pdftotext and pdfminer.
func BenchmarkPages(b *testing.B) {
	for _, file := range fixtures(b) {
		data, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(file), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for i := 0; i < b.N; i++ {
				if _, err := Pages(context.Background(), "x.pdf", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
