package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
)

var (
	// page numbers of GB/T 9704 (— 2 —): furniture, see below
	pageNumRE = regexp.MustCompile(`^[-—]\s*\d+\s*[-—]$`)
)

// ofdTextCodes returns, page by page, the TextCode strings of an OFD in the
// order the producer wrote them, read without the reader under test.
func ofdTextCodes(t *testing.T, path string) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := ofdtest.TextCodes(data)
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// TestTextOFD: `kaoping text` of the real OFDs spells their TextCode strings
// in reading order, page by page. Page numbers are compared apart: ingest/lines
// places an even page's left-hand "— 2 —" by its column (see the report of
// branch docx), which is a reading-order question of the lines package, not
// of the OFD reader.
func TestTextOFD(t *testing.T) {
	for _, name := range []string{"luqiao-weishengju-pifu.ofd", "bengbu-han.ofd"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "fixtures", "ofd", name)
			var stdout, stderr bytes.Buffer
			if code := run([]string{"text", path}, strings.NewReader(""), &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, stderr.String())
			}
			pages := strings.Split(strings.TrimSuffix(stdout.String(), "\f"), "\f")
			codes := ofdTextCodes(t, path)
			if len(pages) != len(codes) {
				t.Fatalf("%d pages of text, %d pages of TextCode", len(pages), len(codes))
			}
			for i := range pages {
				var body, nums, wantBody, wantNums strings.Builder
				for _, l := range strings.Split(pages[i], "\n") {
					if pageNumRE.MatchString(strings.TrimSpace(l)) {
						nums.WriteString(squeeze(l))
					} else {
						body.WriteString(squeeze(l))
					}
				}
				for _, c := range codes[i] {
					if pageNumRE.MatchString(strings.TrimSpace(c)) {
						wantNums.WriteString(squeeze(c))
					} else {
						wantBody.WriteString(squeeze(c))
					}
				}
				if body.String() != wantBody.String() {
					t.Errorf("page %d text\n got %s\nwant %s", i+1, body.String(), wantBody.String())
				}
				if nums.String() != wantNums.String() {
					t.Errorf("page %d page number %q, want %q", i+1, nums.String(), wantNums.String())
				}
			}
		})
	}
}
