package lines

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/fixtures/golden"
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
			golden.Check(t, strings.TrimSuffix(file, ".pdf")+".golden.lines", []byte(b.String()), *update)
		})
	}
}
