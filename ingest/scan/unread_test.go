package scan

import (
	"image"
	"testing"

	"github.com/kaoping/kaoping/ingest/ocr"
)

// TestUnreadInk: a 。 the detector's box stopped short of makes the line's
// last character doubtful; the same ink past a cell's border, or inside
// another line's box, or no ink, does not.
func TestUnreadInk(t *testing.T) {
	const w, h, em = 400, 60, 30
	for _, c := range []struct {
		name  string
		mark  bool // a 。 after the line
		rule  bool // a vertical rule between the line and the mark
		other bool // another line's box over the mark
		want  float64
	}{
		{"a mark the box missed", true, false, false, unreadConf},
		{"no ink", false, false, false, 0.99},
		{"ink past the cell's border", true, true, false, 0.99},
		{"ink another line read", true, false, true, 0.99},
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
		mark := 0
		if c.rule {
			mark = 6 // the 。 of the next cell sits past the rule
		}
		if c.mark {
			fill(163+mark, 31, 171+mark, 39) // 。
		}
		var vs []ruling
		if c.rule {
			fill(164, 0, 166, 60)
			vs = append(vs, ruling{from: 0, to: 59, centre: 165, thickness: 2})
		}
		own := image.Rect(95, 5, 162, 45)
		boxes := []image.Rectangle{own}
		if c.other {
			boxes = append(boxes, image.Rect(162, 5, 200, 45))
		}
		cs := []ocr.Char{{Text: "建", Box: image.Rect(95, 5, 130, 45), Conf: 0.99}, {Text: "设", Box: image.Rect(130, 5, 162, 45), Conf: 0.99}}
		got := unreadInk(cs, own, boxes, vs, ink, w, 10, 40)
		if got[1].Conf != c.want || got[0].Conf != 0.99 {
			t.Errorf("%s: confidences %.2f %.2f, want 0.99 %.2f", c.name, got[0].Conf, got[1].Conf, c.want)
		}
	}
}
