package ingest

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

func scanPNGBytes(t testing.TB) []byte {
	img := image.NewGray(image.Rect(0, 0, 40, 40))
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
