package scan

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // registers JPEG with image.Decode
	_ "image/png"  // registers PNG

	_ "golang.org/x/image/tiff" // registers TIFF

	"github.com/kaoping/kaoping/model"
)

// Detect names the image format of data from its first bytes, as
// Source.Format does (model.FormatJPEG, FormatPNG, FormatTIFF), "" when it
// is not an image kaoping reads.
func Detect(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return model.FormatJPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return model.FormatPNG
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return model.FormatTIFF
	}
	return ""
}

// maxPixels bounds a decoded image: an A4 page at 600 dpi is 35 Mpx.
const maxPixels = 60_000_000

// ErrTooLarge is returned for an image over maxPixels.
var ErrTooLarge = errors.New("image too large")

// Decode decodes a JPEG, PNG or TIFF image into RGBA, checking its size
// before the pixels are allocated.
func Decode(data []byte) (*image.RGBA, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return nil, fmt.Errorf("%w: %d×%d", ErrTooLarge, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return toRGBA(img), nil
}

func toRGBA(img image.Image) *image.RGBA {
	if r, ok := img.(*image.RGBA); ok && r.Rect.Min == (image.Point{}) {
		return r
	}
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Rect, img, b.Min, draw.Src)
	return out
}
