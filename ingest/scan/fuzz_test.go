package scan

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"testing"

	"golang.org/x/image/tiff"

	"github.com/kaoping/kaoping/ingest/ocr"
)

// lineRecognizer stands in for the networks: every box it is given is one
// line of text "一二三" with a character per third of the box. It makes the
// pure-Go stages (seals, light, deskew, binarisation, rulings, assembly)
// run on what the fuzzer decodes; the recogniser has its own tests.
type lineRecognizer struct{}

func (lineRecognizer) Detect(_ context.Context, img *image.Gray) ([]image.Rectangle, error) {
	b := img.Bounds()
	return []image.Rectangle{b.Inset(b.Dx() / 8)}, nil
}

func (lineRecognizer) Read(_ context.Context, _ *image.Gray, boxes []image.Rectangle) ([]ocr.Line, error) {
	var out []ocr.Line
	for _, b := range boxes {
		l := ocr.Line{Box: b, Text: "一二三", Conf: 0.95}
		w := b.Dx() / 3
		for i, ch := range []string{"一", "二", "三"} {
			l.Chars = append(l.Chars, ocr.Char{Text: ch, Box: image.Rect(b.Min.X+i*w, b.Min.Y, b.Min.X+(i+1)*w, b.Max.Y), Conf: 0.95})
		}
		out = append(out, l)
	}
	return out, nil
}

// fuzzMaxPixels keeps an exec short: larger images decode (and are
// refused above maxPixels) in the unit tests.
const fuzzMaxPixels = 1 << 18

// FuzzDecode: any bytes decode to an image or fail with an error, never a
// panic, and an image is cleaned and assembled into a page with finite
// boxes. The seeds are tiny pages (a ruled cell, a red seal, grey paper) in
// each format, cut, and headers that claim a huge image (a decompression
// bomb: refused before the pixels are allocated).
func FuzzDecode(f *testing.F) {
	img := image.NewRGBA(image.Rect(0, 0, 96, 64))
	for i := range img.Pix {
		img.Pix[i] = 0xe8
	}
	for x := 8; x < 88; x++ {
		img.Set(x, 10, color.Black)
		img.Set(x, 50, color.Black)
	}
	for y := 10; y <= 50; y++ {
		img.Set(8, y, color.Black)
		img.Set(87, y, color.Black)
	}
	for y := 20; y < 40; y++ {
		for x := 60; x < 80; x++ {
			if (x-70)*(x-70)+(y-30)*(y-30) < 90 {
				img.Set(x, y, color.RGBA{0xd0, 0x20, 0x20, 0xff})
			}
		}
	}
	var p, j, t bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		f.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, &jpeg.Options{Quality: 50}); err != nil {
		f.Fatal(err)
	}
	if err := tiff.Encode(&t, img, &tiff.Options{Compression: tiff.Deflate}); err != nil {
		f.Fatal(err)
	}
	for _, b := range [][]byte{p.Bytes(), j.Bytes(), t.Bytes()} {
		f.Add(b)
		f.Add(b[:len(b)/2])
	}
	// a PNG header of 100,000 × 100,000 pixels and no data
	bomb := bytes.Clone(p.Bytes()[:33])
	copy(bomb[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})
	f.Add(bomb)
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err == nil && cfg.Width > 0 && cfg.Height > 0 && int64(cfg.Width)*int64(cfg.Height) <= maxPixels && cfg.Width*cfg.Height > fuzzMaxPixels {
			return
		}
		img, err := Decode(data)
		if err != nil {
			return
		}
		pg, err := Page(context.Background(), lineRecognizer{}, img, 1, 0)
		if err != nil {
			t.Fatalf("page: %v", err)
		}
		for _, g := range pg.Glyphs {
			for _, v := range []float64{g.Box.X0, g.Box.Y0, g.Box.X1, g.Box.Y1} {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("glyph box %+v", g.Box)
				}
			}
		}
	})
}
