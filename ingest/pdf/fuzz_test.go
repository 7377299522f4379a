package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	lpdf "github.com/ledongthuc/pdf"

	"github.com/kaoping/kaoping/ingest/lines"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// FuzzPages feeds the walker whole files: small tables, cut and flipped,
// the hostile shapes (pdftest.Seeds) and the hand-built PDFs of the unit
// tests. It must return pages or a *readerr.Error, never panic or hang.
// The fixtures are not seeds: at 30–220 KB each they made every exec of
// their mutations, and every minimisation, slow.
func FuzzPages(f *testing.F) {
	for _, s := range pdftest.Seeds() {
		f.Add(s)
	}
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	f.Add(onePage("BT /F1 10 Tf 10 20 Td [(A) -1000 (B)] TJ ET", res, helv))
	f.Add(onePage("BT /F1 10 Tf 10 20 Td [(A) -1000 (B) TJ ET", res, helv))
	f.Add(onePage("q q q 1 0 0 1 0 0 cm BI /W 1 /H 1 ID \x00\xff) EI Q", res, helv))
	f.Add(onePage("BT /F1 1e308 Tf 1e308 1e308 Td (AB) Tj ET 1e308 0 0 1e308 0 0 cm 0 0 m 1 1 l S", res, helv))
	f.Add(onePage("<< /a [ (unterminated", res, helv))
	f.Add(encryptRef(pdftest.ObjStm(4, false)))
	// encrypted every standard way (testdata/encrypted/make.sh), with the
	// empty and with a real user password
	enc, _ := filepath.Glob("testdata/encrypted/*.pdf")
	for _, file := range enc {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := limits{MaxPages: 50, MaxObjects: 100000, MaxBytes: 8 << 20, MaxOps: 200000, MaxGlyphs: 100000}
		pages, err := pagesLimits(context.Background(), "fuzz.pdf", data, lim)
		if err != nil {
			var pe *readerr.Error
			if !errors.As(err, &pe) {
				t.Fatalf("untyped error: %v", err)
			}
			return
		}
		for _, p := range pages {
			if p.Width <= 0 || p.Height <= 0 {
				t.Fatalf("page %d size %v×%v", p.Number, p.Width, p.Height)
			}
		}
		// The pages must also survive line building.
		lines.Document(pages)
	})
}

// FuzzCMap feeds the CMap parser and lookups arbitrary programs.
func FuzzCMap(f *testing.F) {
	f.Add([]byte("1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange"), []byte{0x6c, 0xc9})
	f.Add([]byte("2 beginbfrange <0005> <0007> [<0041> <00660066> <4E2D>] <0020> <0010> [<41>] endbfrange 1 beginbfchar <01> /emdash endbfchar"), []byte{0, 6, 1})
	f.Add([]byte("2 begincodespacerange <00> <80> <8140> <FEFE> endcodespacerange 1 begincidrange <8140> <FEFE> 100 endcidrange (unterminated \\"), []byte{0x81, 0x40, 0x41})
	f.Fuzz(func(t *testing.T, prog, s []byte) {
		m := parseCMap(prog)
		for len(s) > 0 {
			k, n := m.nextCode(s)
			if n <= 0 || n > len(s) {
				t.Fatalf("nextCode consumed %d of %d bytes", n, len(s))
			}
			m.lookup(k)
			m.cid(k)
			s = s[n:]
		}
	})
}

// FuzzGlyphRunes feeds the TrueType cmap reader font programs: the
// fixture's embedded font, cut and mangled.
func FuzzGlyphRunes(f *testing.F) {
	data, err := os.ReadFile("../../fixtures/pdf/fpdf-notice.pdf")
	if err != nil {
		f.Fatal(err)
	}
	if font := embeddedFont(f, data); font != nil {
		f.Add(font)
		f.Add(font[:len(font)/2])
		m := bytes.Clone(font)
		for i := 12; i < 200 && i < len(m); i += 7 {
			m[i] ^= 0xA5
		}
		f.Add(m)
	}
	f.Add([]byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\x00\x00\x00\x1c\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, font []byte) {
		glyphRunes(font)
	})
}

// embeddedFont returns the first FontFile2 program of a PDF.
func embeddedFont(tb testing.TB, data []byte) []byte {
	tb.Helper()
	r, err := lpdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		tb.Fatal(err)
	}
	fonts := r.Page(1).V.Key("Resources").Key("Font")
	for _, k := range fonts.Keys() {
		ff := fonts.Key(k).Key("DescendantFonts").Index(0).Key("FontDescriptor").Key("FontFile2")
		if ff.Kind() == lpdf.Stream {
			budget := int64(64 << 20)
			b, err := readStream(ff, &budget)
			if err != nil {
				tb.Fatal(err)
			}
			return b
		}
	}
	return nil
}
