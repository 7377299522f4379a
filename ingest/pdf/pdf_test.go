package pdf

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/kaoping/kaoping/ingest/page"
)

func fixtures(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("../../fixtures/pdf/*.pdf")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixture PDFs: %v", err)
	}
	sort.Strings(files)
	return files
}

func readFixture(t testing.TB, file string) []page.Page {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := Pages(context.Background(), filepath.Base(file), data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return pages
}

// runeCounts is the multiset of the non-space characters of s.
func runeCounts(s string) map[rune]int {
	m := map[rune]int{}
	for _, r := range s {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) {
			m[r]++
		}
	}
	return m
}

// charF1 compares two multisets of characters.
func charF1(got, want map[rune]int) (f1 float64, missing, extra string) {
	common, ng, nw := 0, 0, 0
	var miss, ext []rune
	for r, n := range want {
		nw += n
		c := min(n, got[r])
		common += c
		for i := c; i < n; i++ {
			miss = append(miss, r)
		}
	}
	for r, n := range got {
		ng += n
		for i := want[r]; i < n; i++ {
			ext = append(ext, r)
		}
	}
	if ng+nw == 0 {
		return 1, "", ""
	}
	sort.Slice(miss, func(i, j int) bool { return miss[i] < miss[j] })
	sort.Slice(ext, func(i, j int) bool { return ext[i] < ext[j] })
	return 2 * float64(common) / float64(ng+nw), string(miss), string(ext)
}

// TestCharactersMatchPdftotext checks that we extract exactly the characters
// poppler does, fixture by fixture, and prints the character F1.
func TestCharactersMatchPdftotext(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	for _, file := range fixtures(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, p := range readFixture(t, file) {
				for _, g := range p.Glyphs {
					b.WriteString(g.Text)
				}
			}
			f1, miss, extra := charF1(runeCounts(b.String()), runeCounts(string(out)))
			t.Logf("character F1 %s: %.3f", filepath.Base(file), f1)
			if f1 != 1 {
				t.Errorf("F1 %.4f; missing %q; extra %q", f1, trunc(miss), trunc(extra))
			}
		})
	}
}

func trunc(s string) string {
	if r := []rune(s); len(r) > 80 {
		return string(r[:80]) + "…"
	}
	return s
}

// TestWithoutToUnicode strips the ToUnicode of the fpdf fixture: the text
// must come back from the CIDs (Adobe-UCS) and the embedded TrueType cmap,
// still equal to pdftotext's on the same stripped file.
func TestWithoutToUnicode(t *testing.T) {
	data, err := os.ReadFile("../../fixtures/pdf/fpdf-notice.pdf")
	if err != nil {
		t.Fatal(err)
	}
	blank := func(d []byte, s string) []byte {
		return bytes.Replace(d, []byte(s), bytes.Repeat([]byte(" "), len(s)), 1)
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"ucs ordering", blank(data, "/ToUnicode 11 0 R")},
		// Without the UCS ordering only the font program's cmap is left;
		// Droid Sans Fallback has no digits, which fpdf drew as .notdef.
		{"embedded cmap", blank(blank(data, "/ToUnicode 11 0 R"), "/Ordering (UCS)")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pages, err := Pages(context.Background(), "x.pdf", tt.data)
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, p := range pages {
				for _, g := range p.Glyphs {
					b.WriteString(g.Text)
				}
			}
			got := runeCounts(b.String())
			if !strings.Contains(b.String(), "泉州半导体高新区管委会办公室") {
				t.Errorf("text %q", trunc(b.String()))
			}
			if _, err := exec.LookPath("pdftotext"); err != nil {
				return
			}
			f := filepath.Join(t.TempDir(), "x.pdf")
			os.WriteFile(f, tt.data, 0o644)
			out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			f1, miss, extra := charF1(got, runeCounts(string(out)))
			t.Logf("character F1 %s: %.3f", tt.name, f1)
			if f1 != 1 {
				t.Errorf("F1 %.4f; missing %q; extra %q", f1, trunc(miss), trunc(extra))
			}
		})
	}
}
