package scan

import (
	"image"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/ocr"
)

// TestPunctWidths lays out one line of 30 px ems as a CJK font sets it and
// gives the recogniser's reading with the wrong widths.
func TestPunctWidths(t *testing.T) {
	const w, h, em = 1000, 60, 30
	for _, c := range []struct {
		name string
		// layout: per character its advance and ink span within it, in px
		layout []struct{ adv, x0, x1, y0, y1 int }
		read   string
		want   string
	}{
		{"full-width brackets and comma", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 标
			{em, 22, 27, 0, 30}, // （: ink at the right of its em
			{em, 1, 29, 0, 30},  // 二
			{em, 3, 8, 0, 30},   // ）: ink at the left
			{em, 3, 7, 24, 30},  // ，
			{em, 1, 29, 0, 30},  // 邀
		}, "标(二),邀", "标（二），邀"},
		{"half-width brackets", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30}, // 定
			{10, 3, 8, 0, 30},  // (
			{em, 1, 29, 0, 30}, // 泉
			{10, 2, 7, 0, 30},  // )
			{em, 1, 29, 0, 30}, // 等
		}, "定（泉）等", "定(泉)等"},
		{"half-width brackets after and before full-width marks", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 3, 10, 0, 30},  // 》: ink at the left of its em
			{10, 3, 8, 0, 30},   // (
			{em, 1, 29, 0, 30},  // 泉
			{10, 2, 7, 0, 30},   // )
			{em, 20, 27, 0, 30}, // 《: ink at the right
		}, "》（泉）《", "》(泉)《"},
		{"full-width brackets after and before full-width marks", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 3, 10, 0, 30},  // 》
			{em, 22, 27, 0, 30}, // （
			{em, 1, 29, 0, 30},  // 泉
			{em, 3, 8, 0, 30},   // ）
			{em, 20, 27, 0, 30}, // 《
		}, "》(泉)《", "》（泉）《"},
		{"o read for a full stop", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 设
			{em, 3, 10, 22, 29}, // 。
		}, "设o", "设。"},
		{"a letter o stays", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 设
			{16, 2, 14, 10, 30}, // o: as high as a lower-case letter
		}, "设o", "设o"},
	} {
		ink := make([]bool, w*h)
		var cs []ocr.Char
		x := 100
		var centres []int
		for _, l := range c.layout {
			for yy := 10 + l.y0; yy < 10+l.y1; yy++ {
				for xx := x + l.x0; xx < x+l.x1; xx++ {
					ink[yy*w+xx] = true
				}
			}
			centres = append(centres, x+(l.x0+l.x1)/2)
			x += l.adv
		}
		runes := []rune(c.read)
		for i, r := range runes {
			x0, x1 := 90, x+10
			if i > 0 {
				x0 = (centres[i-1] + centres[i]) / 2
			}
			if i+1 < len(runes) {
				x1 = (centres[i] + centres[i+1]) / 2
			}
			cs = append(cs, ocr.Char{Text: string(r), Box: image.Rect(x0, 5, x1, 45)})
		}
		var b strings.Builder
		for _, g := range punctWidths(cs, image.Rect(90, 5, x+10, 45), ink, w, 10, 40) {
			b.WriteString(g.Text)
		}
		if b.String() != c.want {
			t.Errorf("%s: %s → %s, want %s", c.name, c.read, b.String(), c.want)
		}
	}
}
