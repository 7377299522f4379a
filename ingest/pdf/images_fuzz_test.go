package pdf

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"testing"

	"github.com/kaoping/kaoping/ingest/internal/scantest"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// FuzzImagePages feeds the image decoder pages of small tiles in every
// encoding, with bytes flipped in their streams: it must give pages (to
// compose or to render) or an error, never panic, and never a page image
// larger than the limits allow.
func FuzzImagePages(f *testing.F) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			img.SetRGBA(x, y, color.RGBA{uint8(6 * x), uint8(8 * y), uint8(3 * (x + y)), 255})
		}
	}
	var pages []scantest.TilePage
	for _, enc := range append(scantest.Encodings, scantest.Unsupported) {
		pages = append(pages, scantest.TilePage{Img: img, Encs: []scantest.Encoding{enc}})
	}
	all, err := scantest.TilesPDF(pages, 72, 16, 16)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(all)
	for _, at := range []int{len(all) / 5, len(all) / 3, len(all) / 2, 2 * len(all) / 3} {
		m := bytes.Clone(all)
		for i := at; i < at+8 && i < len(m); i++ {
			m[i] ^= 0xA5
		}
		f.Add(m)
	}
	f.Add(onePage("q 1e9 0 0 1e9 0 0 cm /Im0 Do Q", "/Resources << /XObject << /Im0 5 0 R >> >>",
		"<< /Type /XObject /Subtype /Image /Width 100000 /Height 100000 /BitsPerComponent 8 /ColorSpace /DeviceGray /Length 0 >>\nstream\n\nendstream"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lim := limits{MaxPages: 50, MaxObjects: 100000, MaxBytes: 8 << 20, MaxOps: 200000, MaxGlyphs: 100000}
		err := imagePages(context.Background(), "fuzz.pdf", data, lim, func(ip ImagePage) error {
			for _, p := range ip.Images {
				if b := p.Img.Bounds(); b.Dx()*b.Dy() > maxImagePixels {
					t.Fatalf("image of %v", b)
				}
			}
			return nil
		})
		var pe *readerr.Error
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("untyped error: %v", err)
		}
	})
}
