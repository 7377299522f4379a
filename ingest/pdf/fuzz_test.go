package pdf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
)

// FuzzPages feeds the walker whole files: the fixtures, truncated copies,
// copies with bytes flipped inside streams and xref, and the hand-built
// PDFs of the unit tests. It must return pages or an *Error, never
// panic or hang.
func FuzzPages(f *testing.F) {
	for _, file := range fixtures(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 64<<10 {
			// keep the corpus fast: the head, with a fake end, of the big ones
			f.Add(append(bytes.Clone(data[:64<<10]), "\nstartxref\n0\n%%EOF\n"...))
		} else {
			f.Add(data)
		}
		f.Add(data[:len(data)/3])
		f.Add(data[:len(data)-10])
		for _, at := range []int{len(data) / 7, len(data) / 2, len(data) - 200} {
			m := bytes.Clone(data)
			for i := at; i < at+16 && i < len(m); i++ {
				m[i] ^= 0x5A
			}
			f.Add(m)
		}
	}
	res := "/Resources << /Font << /F1 5 0 R >> >>"
	f.Add(onePage("BT /F1 10 Tf 10 20 Td [(A) -1000 (B)] TJ ET", res, helv))
	f.Add(onePage("BT /F1 10 Tf 10 20 Td [(A) -1000 (B) TJ ET", res, helv))
	f.Add(onePage("q q q 1 0 0 1 0 0 cm BI /W 1 /H 1 ID \x00\xff) EI Q", res, helv))
	f.Add(onePage("BT /F1 1e308 Tf 1e308 1e308 Td (AB) Tj ET 1e308 0 0 1e308 0 0 cm 0 0 m 1 1 l S", res, helv))
	f.Add(onePage("<< /a [ (unterminated", res, helv))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := Limits{MaxPages: 50, MaxObjects: 100000, MaxBytes: 8 << 20, MaxOps: 200000, MaxGlyphs: 100000}
		pages, err := PagesLimits(context.Background(), "fuzz.pdf", data, lim)
		if err != nil {
			var pe *Error
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
	})
}
