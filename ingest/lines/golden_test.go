package lines

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite fixtures/pdf/*.golden.lines")

// TestGoldenLines pins the lines of every PDF fixture, in reading order,
// furniture marked "[F] ", pages separated by a form feed line. A golden is
// read against the PDF before it is committed; -update rewrites them.
func TestGoldenLines(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/pdf/*.pdf")
	if len(files) == 0 {
		t.Fatal("no fixtures")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			var b strings.Builder
			for i, ls := range Document(fixturePages(t, file)) {
				if i > 0 {
					b.WriteString("\f\n")
				}
				for _, l := range ls {
					if l.Furniture {
						b.WriteString("[F] ")
					}
					b.WriteString(l.Text)
					b.WriteByte('\n')
				}
			}
			golden := strings.TrimSuffix(file, ".pdf") + ".golden.lines"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./ingest/lines -update)", err)
			}
			if got := b.String(); got != string(want) {
				gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < len(gl) || i < len(wl); i++ {
					var g, w string
					if i < len(gl) {
						g = gl[i]
					}
					if i < len(wl) {
						w = wl[i]
					}
					if g != w {
						t.Fatalf("line %d: got %q, want %q", i+1, g, w)
					}
				}
			}
		})
	}
}
