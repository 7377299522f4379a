package pdf

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
)

// makeFont assembles a TrueType font of the given glyphs (glyph 0 first) and
// cmap, with minimal head, hhea, maxp, hmtx, name and post tables: the
// shapes of a hostile --font, built from nothing.
func makeFont(t testing.TB, glyphs [][]byte, cmap []cmapEntry) []byte {
	t.Helper()
	head := make([]byte, 54)
	binary.BigEndian.PutUint32(head, 0x00010000)
	binary.BigEndian.PutUint32(head[12:], 0x5F0F3CF5)
	binary.BigEndian.PutUint16(head[18:], 1000)
	binary.BigEndian.PutUint16(head[50:], 1)
	hhea := make([]byte, 36)
	binary.BigEndian.PutUint32(hhea, 0x00010000)
	binary.BigEndian.PutUint16(hhea[34:], uint16(len(glyphs)))
	maxp := []byte{0, 0, 0x50, 0, 0, 0}
	binary.BigEndian.PutUint16(maxp[4:], uint16(len(glyphs)))
	var glyf, loca, hmtx []byte
	for _, g := range glyphs {
		loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
		glyf = append(glyf, g...)
		hmtx = append(hmtx, 0x01, 0xF4, 0, 0) // advance 500
	}
	loca = binary.BigEndian.AppendUint32(loca, uint32(len(glyf)))
	cm, err := cmapTable(cmap)
	if err != nil {
		t.Fatal(err)
	}
	post := make([]byte, 32)
	post[1] = 3
	return assemble(map[string][]byte{"head": head, "hhea": hhea, "maxp": maxp, "glyf": glyf, "loca": loca,
		"hmtx": hmtx, "cmap": cm, "name": {0, 0, 0, 0, 0, 6}, "post": post})
}

// cutFont reads font, cuts it to the runes of text and reads the cut.
func cutFont(t testing.TB, font []byte, text string) (whole *face, cut []byte, c *face) {
	t.Helper()
	whole, err := readFace(font)
	if err != nil {
		t.Fatal(err)
	}
	want := &runeSet{}
	want.addString(text)
	if cut, err = whole.subset(want); err != nil {
		t.Fatal(err)
	}
	if c, err = readFace(cut); err != nil {
		t.Fatal(err)
	}
	return whole, cut, c
}

// composite is a composite glyph drawing the given glyphs.
func composite(gids ...int) []byte {
	b := make([]byte, 10)
	binary.BigEndian.PutUint16(b, 0xFFFF) // numberOfContours -1
	for i, g := range gids {
		flags := uint16(0)
		if i < len(gids)-1 {
			flags = moreComps
		}
		b = binary.BigEndian.AppendUint16(b, flags)
		b = binary.BigEndian.AppendUint16(b, uint16(g))
		b = append(b, 0, 0) // byte offsets
	}
	return b
}

// simple is a simple glyph of one contour of one point.
var simple = []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x31, 0, 0}

// TestCompositeGlyphs: a composite's components go into the cut, renumbered,
// and a composite that contains itself, or nests without end, is an error
// and never reaches fpdf, which would recurse until the stack overflows
// (a fatal error no recover catches).
func TestCompositeGlyphs(t *testing.T) {
	ok := makeFont(t, [][]byte{nil, simple, simple, composite(1, 2)}, []cmapEntry{{'A', 3}})
	_, _, c := cutFont(t, ok, "A")
	if c.numGlyphs != 4 || !c.has('A') {
		t.Errorf("the cut has %d glyphs, A: %v; want 4 and true", c.numGlyphs, c.has('A'))
	}
	for name, font := range map[string][]byte{"composite": ok,
		"blank": makeFont(t, [][]byte{nil, nil}, []cmapEntry{{'A', 1}})} { // an empty glyf (FuzzFont)
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, sample(t), Options{Font: font}); err != nil {
			t.Errorf("a %s font: %v", name, err)
		}
	}

	deep := [][]byte{nil, simple}
	for i := 2; i < 40; i++ {
		deep = append(deep, composite(i-1))
	}
	for name, font := range map[string][]byte{
		"self":  makeFont(t, [][]byte{nil, composite(1)}, []cmapEntry{{'A', 1}}),
		"cycle": makeFont(t, [][]byte{nil, composite(2), composite(1)}, []cmapEntry{{'A', 1}}),
		"deep":  makeFont(t, deep, []cmapEntry{{'A', 39}}),
		"past":  makeFont(t, [][]byte{nil, composite(7)}, []cmapEntry{{'A', 1}}),
		"cut":   makeFont(t, [][]byte{nil, composite(1)[:12]}, []cmapEntry{{'A', 1}}),
	} {
		doc := sample(t)
		doc.Forms[0].Title = "A"
		var buf bytes.Buffer
		err := Write(context.Background(), &buf, doc, Options{Font: font})
		if err == nil || !strings.HasPrefix(err.Error(), "pdf: font: ") {
			t.Errorf("%s: got %v, want a font error", name, err)
		}
	}
}

// TestCutReadsAsWhole: the embedded face cut to some runes maps exactly
// those of them it has, to glyphs of the same bytes and metrics.
func TestCutReadsAsWhole(t *testing.T) {
	const cutTo = "考评表Aa1〓，㛃김"
	f, cut, c := cutFont(t, defaultFont, cutTo)
	want := &runeSet{}
	want.addString(cutTo)
	for _, r := range "考评表Aa1〓，㛃김B中" {
		if c.has(r) != (want.has(r) && f.has(r)) {
			t.Errorf("%q: in the cut %v, in the face %v, wanted %v", r, c.has(r), f.has(r), want.has(r))
			continue
		}
		if !c.has(r) {
			continue
		}
		g0, _ := f.glyph(r)
		g1, _ := c.glyph(r)
		if !sameGlyph(f, c, g0, g1) {
			t.Errorf("%q: the cut's glyph differs", r)
		}
	}
	if len(cut) > 20000 {
		t.Errorf("the cut to 11 runes is %d bytes", len(cut))
	}
}

// sameGlyph reports whether glyph a of f and b of c are the same bytes and
// metrics, but for the numbers of their components, which are the same
// glyphs in turn.
func sameGlyph(f, c *face, a, b int) bool {
	x, err1 := f.glyf(a)
	y, err2 := c.glyf(b)
	ca, err3 := f.components(a)
	cb, err4 := c.components(b)
	if err1 != nil || err2 != nil || err3 != nil || err4 != nil || len(ca) != len(cb) ||
		!bytes.Equal(f.metric(a), c.metric(b)) {
		return false
	}
	x, y = bytes.Clone(x), bytes.Clone(y)
	for i := range ca {
		if ca[i].at != cb[i].at || !sameGlyph(f, c, ca[i].gid, cb[i].gid) {
			return false
		}
		binary.BigEndian.PutUint16(x[ca[i].at:], 0)
		binary.BigEndian.PutUint16(y[cb[i].at:], 0)
	}
	return bytes.Equal(x, y)
}

// BenchmarkCutFont reads the embedded face and cuts it to the tiny sample's
// runes and U+0000–00FF, as every render does: this is why no parsed font
// is kept between renders.
func BenchmarkCutFont(b *testing.B) {
	doc := sampledoc.Tiny()
	want := wanted(doc, gridsOf(doc, Options{}))
	for r := range rune(0x100) {
		want.add(r)
	}
	for b.Loop() {
		f, err := readFace(defaultFont)
		if err != nil {
			b.Fatal(err)
		}
		cut, err := f.subset(want)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(cut)), "bytes")
	}
}

// TestAdvancesAsFpdf: the layout measures text with face.advances, fpdf
// aligns and writes it with its own widths; they must be the same numbers,
// or a line broken to fit would not fit. Every BMP rune of the embedded
// font whole, of its cut to a text (what fpdf is handed), and of a system
// font when there is one, each rune alone and a string of them all.
func TestAdvancesAsFpdf(t *testing.T) {
	_, cut, _ := cutFont(t, defaultFont, "考评表（第1页）—〓?Aa ")
	fonts := map[string][]byte{"embedded": defaultFont, "cut": cut}
	if b, err := os.ReadFile("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"); err == nil {
		fonts["dejavu"] = b
	}
	for name, font := range fonts {
		f, err := readFace(font)
		if err != nil {
			t.Fatal(err)
		}
		m := fpdf.New("L", "mm", "A4", "")
		m.AddUTF8FontFromBytes("x", "", font)
		m.SetFont("x", "", 12)
		if m.Err() {
			t.Fatal(m.Error())
		}
		adv := f.advances()
		var all strings.Builder
		for r := rune(1); r < 0xFFFF; r++ {
			if r >= 0xD800 && r < 0xE000 {
				continue // not a rune in a Go string
			}
			s := string(r)
			if a, b := adv(s), m.GetStringSymbolWidth(s); a != b {
				t.Fatalf("%s: %q (U+%04X): %d, fpdf %d", name, r, r, a, b)
			}
			all.WriteString(s)
		}
		if a, b := adv(all.String()), m.GetStringSymbolWidth(all.String()); a != b {
			t.Errorf("%s: all runes: %d, fpdf %d", name, a, b)
		}
		sh := &sheet{widths: map[string]func(string) int{"x": adv}}
		sh.SetFont("x", "", 10.5)
		m.SetFont("x", "", 10.5)
		if a, b := sh.GetStringWidth("考评表 A1"), m.GetStringWidth("考评表 A1"); a != b {
			t.Errorf("%s: GetStringWidth %v, fpdf %v", name, a, b)
		}
	}
}
