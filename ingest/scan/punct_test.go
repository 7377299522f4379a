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
		right  int // the line box's end past the last advance; 10 if 0
	}{
		{"full-width brackets and comma", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 标
			{em, 22, 27, 0, 30}, // （: ink at the right of its em
			{em, 1, 29, 0, 30},  // 二
			{em, 3, 8, 0, 30},   // ）: ink at the left
			{em, 3, 7, 24, 30},  // ，
			{em, 1, 29, 0, 30},  // 邀
		}, "标(二),邀", "标（二），邀", 0},
		{"half-width brackets", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30}, // 定
			{10, 3, 8, 0, 30},  // (
			{em, 1, 29, 0, 30}, // 泉
			{10, 2, 7, 0, 30},  // )
			{em, 1, 29, 0, 30}, // 等
		}, "定（泉）等", "定(泉)等", 0},
		{"half-width brackets after and before full-width marks", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 3, 10, 0, 30},  // 》: ink at the left of its em
			{10, 3, 8, 0, 30},   // (
			{em, 1, 29, 0, 30},  // 泉
			{10, 2, 7, 0, 30},   // )
			{em, 20, 27, 0, 30}, // 《: ink at the right
		}, "》（泉）《", "》(泉)《", 0},
		{"full-width brackets after and before full-width marks", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 3, 10, 0, 30},  // 》
			{em, 22, 27, 0, 30}, // （
			{em, 1, 29, 0, 30},  // 泉
			{em, 3, 8, 0, 30},   // ）
			{em, 20, 27, 0, 30}, // 《
		}, "》(泉)《", "》（泉）《", 0},
		{"o read for a full stop", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 设
			{em, 3, 10, 22, 29}, // 。
		}, "设o", "设。", 0},
		{"a letter o stays", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 设
			{16, 2, 14, 10, 30}, // o: as high as a lower-case letter
		}, "设o", "设o", 0},
		{"a closing bracket at the box's edge is as wide as its opening one", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30},  // 台
			{em, 22, 27, 0, 30}, // （
			{em, 1, 29, 0, 30},  // 分
			{em, 3, 8, 0, 30},   // ）, its blank cut by the box
		}, "台(分)", "台（分）", -em + 10},
		{"a half-width pair at the box's edge", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30}, // 定
			{10, 3, 8, 0, 30},  // (
			{em, 1, 29, 0, 30}, // 号
			{10, 2, 7, 0, 30},  // )
		}, "定（号）", "定(号)", -2},
		{"a comma at the box's edge after Han", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30}, // 目
			{em, 3, 7, 24, 30}, // ，
		}, "目,", "目，", -em + 10},
		{"a half-width bracket after 》 keeps its width", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 1, 29, 0, 30}, // 定
			{em, 3, 13, 0, 30}, // 》: ink in the left half
			{10, 3, 8, 0, 30},  // (
			{em, 1, 29, 0, 30}, // 泉
			{10, 2, 7, 0, 30},  // )
			{em, 1, 29, 0, 30}, // 加
		}, "定》（泉）加", "定》(泉)加", 0},
		{"a full-width bracket after 》", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 3, 13, 0, 30},  // 》
			{em, 22, 27, 0, 30}, // （
			{em, 1, 29, 0, 30},  // 泉
			{em, 3, 8, 0, 30},   // ）
			{em, 1, 29, 0, 30},  // 加
		}, "》(泉)加", "》（泉）加", 0},
		{"a page number's dashes", []struct{ adv, x0, x1, y0, y1 int }{
			{em, 2, 28, 14, 16}, // —
			{15, 2, 13, 0, 30},  // 1
			{em, 2, 28, 14, 16}, // —
		}, "-1-", "—1—", 0},
		{"hyphens between digits stay", []struct{ adv, x0, x1, y0, y1 int }{
			{15, 2, 13, 0, 30}, // 1
			{10, 1, 9, 14, 16}, // -
			{15, 2, 13, 0, 30}, // 2
		}, "1—2", "1-2", 0},
		{"a hyphen blurred into the digits beside it", []struct{ adv, x0, x1, y0, y1 int }{
			{15, 2, 15, 0, 30},  // 1, its foot reaching the hyphen
			{10, 0, 10, 14, 16}, // -
			{15, 0, 13, 0, 30},  // 4, its stroke reaching back
		}, "1—4", "1-4", 0},
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
		right := c.right
		if right == 0 {
			right = 10
		}
		runes := []rune(c.read)
		for i, r := range runes {
			x0, x1 := 90, x+right
			if i > 0 {
				x0 = (centres[i-1] + centres[i]) / 2
			}
			if i+1 < len(runes) {
				x1 = (centres[i] + centres[i+1]) / 2
			}
			cs = append(cs, ocr.Char{Text: string(r), Box: image.Rect(x0, 5, x1, 45)})
		}
		var b strings.Builder
		for _, g := range punctWidths(cs, image.Rect(90, 5, x+right, 45), ink, w, 10, 40) {
			b.WriteString(g.Text)
		}
		if b.String() != c.want {
			t.Errorf("%s: %s → %s, want %s", c.name, c.read, b.String(), c.want)
		}
	}
}

// TestPunctConfidence: where the blank around a comma tells its width,
// the recogniser's doubt between ， and , is settled, and the probability
// it put on the other width counts for the mark; where the blank cannot be
// read (the box's edge), the doubt stays.
func TestPunctConfidence(t *testing.T) {
	const w, h, em = 400, 60, 30
	ink := make([]bool, w*h)
	for y := 10; y < 40; y++ {
		for x := 101; x < 129; x++ { // 目
			ink[y*w+x] = true
		}
	}
	for y := 34; y < 40; y++ {
		for x := 133; x < 137; x++ { // ，
			ink[y*w+x] = true
		}
	}
	for y := 10; y < 40; y++ {
		for x := 161; x < 189; x++ { // 标
			ink[y*w+x] = true
		}
	}
	cs := func() []ocr.Char {
		return []ocr.Char{
			{Text: "目", Box: image.Rect(90, 5, 130, 45), Conf: 0.99},
			{Text: ",", Box: image.Rect(130, 5, 160, 45), Conf: 0.56, Alt: "，", AltConf: 0.43},
			{Text: "标", Box: image.Rect(160, 5, 200, 45), Conf: 0.99},
		}
	}
	got := punctWidths(cs(), image.Rect(90, 5, 200, 45), ink, w, 10, 40)
	if got[1].Text != "，" || got[1].Conf < 0.98 {
		t.Errorf("measured: %q at %.2f, want ， at 0.99", got[1].Text, got[1].Conf)
	}
	// The box ends at the comma: its width is a guess, its doubt stays.
	got = punctWidths(cs()[:2], image.Rect(90, 5, 138, 45), ink, w, 10, 40)
	if got[1].Text != "，" || got[1].Conf != 0.56 {
		t.Errorf("at the box's edge: %q at %.2f, want ， at 0.56", got[1].Text, got[1].Conf)
	}
}
