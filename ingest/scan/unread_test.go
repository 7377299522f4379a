package scan

import (
	"image"
	"testing"

	"github.com/kaoping/kaoping/ingest/ocr"
)

// TestUnreadInk: a 。 the detector's box stopped short of makes the line's
// last character doubtful; ink past a cell's border (even one the last
// character's box reaches over), ink inside another line's box, the rule
// itself, or no ink, does not.
func TestUnreadInk(t *testing.T) {
	const w, h = 400, 60
	for _, c := range []struct {
		name  string
		mark  int // x of a 。 after the line, 0 for none
		rule  int // x of a vertical rule, 0 for none
		next  bool
		other bool // another line's box over the mark
		want  float64
	}{
		{"a mark the box missed", 163, 0, false, false, unreadConf},
		{"no ink", 0, 0, false, false, 0.99},
		{"a mark past the cell's border", 169, 164, false, false, 0.99},
		{"the next cell's text past a border the box reaches over", 0, 160, true, false, 0.99},
		{"ink another line read", 163, 0, false, true, 0.99},
	} {
		ink := make([]bool, w*h)
		fill := func(x0, y0, x1, y1 int) {
			for y := y0; y < y1; y++ {
				for x := x0; x < x1; x++ {
					ink[y*w+x] = true
				}
			}
		}
		fill(101, 10, 129, 40) // 建
		fill(131, 10, 159, 40) // 设
		if c.mark > 0 {
			fill(c.mark, 31, c.mark+8, 39) // 。
		}
		var vs []ruling
		if c.rule > 0 {
			fill(c.rule, 0, c.rule+2, 60)
			vs = append(vs, ruling{from: 0, to: 59, centre: float64(c.rule) + 0.5, thickness: 2,
				runs: []run{{c.rule, 0, 59}, {c.rule + 1, 0, 59}}})
		}
		if c.next {
			fill(c.rule+6, 10, c.rule+34, 40)
		}
		own := image.Rect(95, 5, 162, 45)
		boxes := []image.Rectangle{own}
		if c.other {
			boxes = append(boxes, image.Rect(162, 5, 200, 45))
		}
		cs := []ocr.Char{{Text: "建", Box: image.Rect(95, 5, 130, 45), Conf: 0.99}, {Text: "设", Box: image.Rect(130, 5, 162, 45), Conf: 0.99}}
		got := unreadInk(cs, own, boxes, vs, ink, ruleMask(w, h, vs), w, 10, 40)
		if got[1].Conf != c.want || got[0].Conf != 0.99 {
			t.Errorf("%s: confidences %.2f %.2f, want 0.99 %.2f", c.name, got[0].Conf, got[1].Conf, c.want)
		}
	}
}

// TestLostChars: a character the recogniser half saw in the blank between
// two it read (项目竣工 read 项目工, 工 an em and a half past 目) makes both
// doubtful; between two full-width characters an em apart there is no room
// for one (the 丨 of 引 seen again), beside a digit the widths are not known
// and the recogniser's probability tells.
func TestLostChars(t *testing.T) {
	const em = 30.0
	line := func(xs []float64, texts []string, lost float64) []ocr.Char {
		cs := make([]ocr.Char, len(xs))
		for i := range xs {
			cs[i] = ocr.Char{Text: texts[i], X: xs[i], Conf: 0.99}
		}
		cs[len(cs)-1].Lost = lost
		return cs
	}
	for _, c := range []struct {
		name  string
		xs    []float64
		texts []string
		lost  float64
		want  []float64
	}{
		{"room for one", []float64{0, 30, 77}, []string{"项", "目", "工"}, 0.5, []float64{0.99, 0.5, 0.5}},
		{"an em apart", []float64{0, 30, 62}, []string{"招", "引", "龙"}, 0.24, []float64{0.99, 0.99, 0.99}},
		{"beside a digit", []float64{0, 30, 50}, []string{"超", "4", "家"}, 0.3, []float64{0.99, 0.7, 0.7}},
		{"nothing lost", []float64{0, 30, 77}, []string{"项", "目", "工"}, 0, []float64{0.99, 0.99, 0.99}},
	} {
		got := lostChars(line(c.xs, c.texts, c.lost), em)
		for i, g := range got {
			if g.Conf < c.want[i]-1e-9 || g.Conf > c.want[i]+1e-9 {
				t.Errorf("%s: %s confidence %.3f, want %.2f", c.name, g.Text, g.Conf, c.want[i])
			}
		}
	}
}
