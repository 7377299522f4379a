package pdf

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestCoverage checks the cmap reader on the embedded font against what
// font/README.md says it holds: every character of GBK the source face has
// a glyph for, and no CJK Extension A (the source face has none of GBK's
// and none beyond) nor Hangul.
func TestCoverage(t *testing.T) {
	c, err := readFace(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	dec := simplifiedchinese.GBK.NewDecoder()
	n := 0
	for b1 := 0x81; b1 <= 0xFE; b1++ {
		for b2 := 0x40; b2 <= 0xFE; b2++ {
			if b2 == 0x7F {
				continue
			}
			s, err := dec.Bytes([]byte{byte(b1), byte(b2)})
			if err != nil {
				continue
			}
			for _, r := range string(s) {
				if r == '\uFFFD' || (r >= 0xE000 && r <= 0xF8FF) { // unassigned, private use
					continue
				}
				n++
				if !c.has(r) && !sourceLacks(r) {
					t.Errorf("GBK %02X%02X %q (U+%04X) has no glyph", b1, b2, r, r)
				}
			}
		}
	}
	if n < 21000 {
		t.Errorf("only %d GBK characters decoded", n)
	}
	for _, r := range "中文考评表〓（）？ＡA1" {
		if !c.has(r) {
			t.Errorf("%q has no glyph", r)
		}
	}
	for _, r := range []rune{'㛃', '䶵', '가', 0x2C35B, -1, 0xFFFF} {
		if c.has(r) {
			t.Errorf("U+%04X has a glyph", r)
		}
	}
	if _, err := readFace([]byte("not a font")); err == nil {
		t.Error("no error for a file that is no font")
	}
	if _, err := readFace(defaultFont[:300]); err == nil {
		t.Error("no error for a cut font")
	}
}

// sourceLacks reports the characters of GBK that WenQuanYi Micro Hei has no
// glyph for (checked with fontTools on face 0 of Debian's .ttc), and € (GBK's
// single byte 0x80), which the source has but the subset left out: they
// print as 〓.
func sourceLacks(r rune) bool {
	return (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x2E80 && r <= 0x2EFF) || (r >= 0x2FF0 && r <= 0x2FFF) ||
		strings.ContainsRune("€☉ɑǹɡ〾", r)
}

func TestPrintable(t *testing.T) {
	f, err := readFace(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{faces: map[string]*face{heiFamily: f}}
	cases := []struct{ in, want string }{
		{"褚达志", "褚达志"},
		{"褚㛃志", "褚〓志"},               // CJK Extension A
		{"김철수", "〓〓〓"},               // Hangul
		{"a\u00A0b\u2003c", "a b c"}, // spaces the font lacks
		{"x\u200By\uFEFF", "xy"},     // invisible format characters
		{"第一行\n第二行\t", "第一行\n第二行 "},
		{"a\r\nb\x00c\x1b", "a\nbc"}, // controls the font has no glyph for
	}
	for _, c := range cases {
		if got := r.printable(heiFamily, c.in); got != c.want {
			t.Errorf("printable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMissingGlyphName: a character the embedded font lacks (㛃 U+36C3, CJK
// Extension A, outside GBK) printed as a blank; it prints as 〓.
func TestMissingGlyphName(t *testing.T) {
	doc := sample(t)
	it := &doc.Forms[0].Categories[0].Indicators[0].Items[0]
	it.Owners = []string{"褚㛃志"}
	doc.Forms[0].Title += "㛃"
	for _, opt := range []Options{{}, {Font: defaultFont}} {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, doc, opt); err != nil {
			t.Fatal(err)
		}
		if it.Owners[0] != "褚㛃志" {
			t.Fatal("the document was changed")
		}
		if _, err := exec.LookPath("pdftotext"); err != nil {
			continue
		}
		cmd := exec.Command("pdftotext", "-", "-")
		cmd.Stdin = &buf
		out, err := cmd.Output()
		if err != nil {
			t.Fatal(err)
		}
		text := squash(string(out))
		if !strings.Contains(text, "褚〓志") || !strings.Contains(text, "考评表〓") {
			t.Errorf("font=%v: no 褚〓志 or 考评表〓 in the PDF text", opt.Font != nil)
		}
		if strings.Contains(text, "㛃") {
			t.Errorf("font=%v: 㛃 is in the text though the font has no glyph", opt.Font != nil)
		}
	}
}
