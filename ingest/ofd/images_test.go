package ofd

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/kaoping/kaoping/ingest/ofd/ofdtest"
	"github.com/kaoping/kaoping/ingest/raster"
	"github.com/kaoping/kaoping/ingest/readerr"
)

// TestImagePages: an ImageObject's picture lands in its Boundary, whatever
// the page's origin, and an image-only OFD is Scanned for Read.
func TestImagePages(t *testing.T) {
	black := image.NewGray(image.Rect(0, 0, 10, 10))
	var b bytes.Buffer
	if err := png.Encode(&b, black); err != nil {
		t.Fatal(err)
	}
	data, err := ofdtest.Write([]ofdtest.Page{
		{Images: []ofdtest.Image{{X: 20, Y: 30, W: 100, H: 60, Data: b.Bytes(), Format: "PNG"}}},
		{Images: []ofdtest.Image{{X: 0, Y: 0, W: 210, H: 297, Data: b.Bytes(), Format: "PNG"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Read(context.Background(), "scan.ofd", data); readerr.KindOf(err) != readerr.Scanned {
		t.Fatalf("Read: %v, want Scanned", err)
	}
	var pages []ImagePage
	err = ImagePages(context.Background(), "scan.ofd", data, func(ip ImagePage) error {
		pages = append(pages, ip)
		return nil
	})
	if err != nil || len(pages) != 2 || pages[0].Total != 2 || len(pages[0].Images) != 1 {
		t.Fatalf("%d pages (%+v), %v", len(pages), pages, err)
	}
	// 72 dpi: one pixel a point; the box is 56.7…340.2 × 85.0…255.1 pt.
	canvas, _ := raster.Compose(pages[0].Width, pages[0].Height, 72, pages[0].Images)
	for _, c := range []struct {
		x, y int
		ink  bool
	}{{60, 90, true}, {335, 250, true}, {50, 90, false}, {60, 80, false}, {345, 250, false}, {335, 260, false}} {
		if got := canvas.RGBAAt(c.x, c.y).R < 128; got != c.ink {
			t.Errorf("pixel (%d, %d): ink %v, want %v", c.x, c.y, got, c.ink)
		}
	}
	full, _ := raster.Compose(pages[1].Width, pages[1].Height, 72, pages[1].Images)
	if full.RGBAAt(1, 1) != (color.RGBA{0, 0, 0, 255}) || full.RGBAAt(594, 840) != (color.RGBA{0, 0, 0, 255}) {
		t.Errorf("a page-sized image does not fill the page: %v %v", full.RGBAAt(1, 1), full.RGBAAt(594, 840))
	}
	// an image format not read here is named
	data, _ = ofdtest.Write([]ofdtest.Page{{Images: []ofdtest.Image{{X: 0, Y: 0, W: 210, H: 297, Data: []byte("\x97JB2\r\n\x1a\n junk"), Format: "JBIG2"}}}})
	err = ImagePages(context.Background(), "jbig2.ofd", data, func(ImagePage) error { return nil })
	if readerr.KindOf(err) != readerr.Unsupported {
		t.Errorf("a JBIG2 page image: %v, want Unsupported", err)
	}
}
