package lines

import (
	"path/filepath"
	"testing"
)

func BenchmarkDocument(b *testing.B) {
	files, _ := filepath.Glob("../../fixtures/pdf/*.pdf")
	for _, file := range files {
		ps := fixturePages(b, file)
		b.Run(filepath.Base(file), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				Document(ps)
			}
		})
	}
}
