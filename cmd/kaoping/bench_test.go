package main

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkCLI runs `kaoping convert` and `kaoping tables` in process on the
// producer matrix sample (fixtures/matrix/sample), output discarded: the
// work of the commands scripts/bench-tables.sh times as whole processes
// against pdftotext -layout, without the process start-up.
func BenchmarkCLI(b *testing.B) {
	files, err := filepath.Glob("../../fixtures/matrix/sample/kaoping-*.*")
	if err != nil || len(files) == 0 {
		b.Fatalf("no matrix sample: %v", err)
	}
	for _, cmd := range []string{"convert", "tables"} {
		for _, f := range files {
			name := strings.TrimPrefix(filepath.Base(f), "kaoping-")
			b.Run(cmd+"/"+name, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if code := run([]string{cmd, f}, nil, io.Discard, io.Discard); code > exitFindings {
						b.Fatalf("%s %s: exit %d", cmd, f, code)
					}
				}
			})
		}
	}
}
