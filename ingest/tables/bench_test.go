package tables_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// BenchmarkIngest reads each table fixture through ingest.Read (PDF pages,
// lines, tables, notice and form). scripts/bench-tables.sh compares it with
// pdftotext -layout on the same files.
func BenchmarkIngest(b *testing.B) {
	for _, name := range fixtures {
		path := filepath.Join(fixtureDir, name+".pdf")
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := ingest.Read(context.Background(), path, data); err != nil && readerr.KindOf(err) != readerr.NoForm {
					b.Fatal(err)
				}
			}
		})
	}
}
