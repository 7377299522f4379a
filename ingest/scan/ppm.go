package scan

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"io"
)

// decodePPM reads a binary PPM (P6, maxval 255), what pdftoppm writes by
// default: no compression to undo, so rendering a page costs only the
// rendering.
func decodePPM(data []byte) (*image.RGBA, error) {
	r := bufio.NewReader(bytes.NewReader(data))
	var magic string
	var w, h, maxv int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil {
		return nil, fmt.Errorf("ppm header: %w", err)
	}
	if magic != "P6" || maxv != 255 {
		return nil, fmt.Errorf("ppm: %s with maxval %d, want P6 255", magic, maxv)
	}
	if w <= 0 || h <= 0 || int64(w)*int64(h) > maxPixels {
		return nil, fmt.Errorf("%w: %d×%d", ErrTooLarge, w, h)
	}
	if _, err := r.ReadByte(); err != nil { // the one white space after maxval
		return nil, err
	}
	rgb := make([]byte, 3*w*h)
	if _, err := io.ReadFull(r, rgb); err != nil {
		return nil, fmt.Errorf("ppm pixels: %w", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, j := 0, 0; i < len(rgb); i, j = i+3, j+4 {
		img.Pix[j], img.Pix[j+1], img.Pix[j+2], img.Pix[j+3] = rgb[i], rgb[i+1], rgb[i+2], 255
	}
	return img, nil
}

var errNoPdftoppm = errors.New("pdftoppm not found")
