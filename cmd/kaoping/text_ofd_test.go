package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
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
// in reading order, page by page, page numbers included (ingest/lines puts a
// page's footers last, so a page number under the left half of the 版记 row
// no longer stands between its two halves).
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
				if got, want := squeeze(pages[i]), squeeze(strings.Join(codes[i], "")); got != want {
					t.Errorf("page %d text\n got %s\nwant %s", i+1, got, want)
				}
			}
		})
	}
}
