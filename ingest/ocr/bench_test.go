package ocr

import (
	"fmt"
	"image"
	"testing"
)

// BenchmarkCTCDecode decodes one line of a notice's width (256 columns, a
// character every fourth, the rest blank) over PP-OCRv4's 6,625 classes.
func BenchmarkCTCDecode(b *testing.B) {
	const t, c = 256, 6625
	keys := make([]string, c-1)
	for i := range keys {
		keys[i] = fmt.Sprint(i)
	}
	keys[len(keys)-1] = " "
	p := make([]float32, t*c)
	for j := range t {
		row := p[j*c : (j+1)*c]
		for k := range row {
			row[k] = 0.01 / (c - 1)
		}
		if j%4 == 2 {
			row[1+j%(c-2)] = 0.99
		} else {
			row[0] = 0.99
		}
	}
	spaces := spaceClasses(keys)
	for b.Loop() {
		ctcDecode(p, t, c, keys, spaces, image.Rect(0, 0, 1024, 48), 4)
	}
}
