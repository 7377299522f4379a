package scan

import (
	"image"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitLines(t *testing.T) {
	g, ink := paper(600, 300)
	// Two lines of 28 px characters set solid: 3 blank rows between them;
	// the second line is short.
	for x := 20; x < 500; x += 32 {
		ink(x, 20, x+28, 48)
	}
	for x := 20; x < 200; x += 32 {
		ink(x, 51, x+28, 79)
	}
	// 二: two bars 28 px wide with blank rows between them, one line.
	ink(20, 120, 48, 124)
	ink(20, 142, 48, 146)
	// A line of one character 、 low in its band: still one line.
	ink(100, 120, 128, 146)
	ink(130, 140, 136, 146)
	const minLine = 14
	for _, c := range []struct {
		name string
		box  image.Rectangle
		hs   []ruling
		want []image.Rectangle
	}{
		{"two lines set solid", image.Rect(10, 12, 510, 86), nil,
			[]image.Rectangle{image.Rect(20-9, 20-7, 496+9, 48+1), image.Rect(20-9, 51-1, 208+9, 79+7)}},
		{"二 and a mark stay one line", image.Rect(10, 112, 150, 154), nil, []image.Rectangle{image.Rect(10, 112, 150, 154)}},
		{"one line", image.Rect(10, 12, 510, 46), nil, []image.Rectangle{image.Rect(10, 12, 510, 46)}},
		{"one line and the top of the next", image.Rect(10, 12, 510, 54), nil, []image.Rectangle{image.Rect(10, 20-7, 510, 50)}},
		{"the bottom of the line above and one line", image.Rect(10, 40, 510, 90), nil, []image.Rectangle{image.Rect(10, 49, 510, 79+7)}},
		{"cut at a rule between rows", image.Rect(10, 100, 510, 200),
			[]ruling{{horizontal: true, from: 0, to: 590, centre: 160, thickness: 2}},
			[]image.Rectangle{image.Rect(10, 100, 510, 159), image.Rect(10, 162, 510, 200)}},
		{"a rule short of the box's middle does not cut", image.Rect(10, 100, 510, 200),
			[]ruling{{horizontal: true, from: 0, to: 200, centre: 160, thickness: 2}},
			[]image.Rectangle{image.Rect(10, 100, 510, 200)}},
	} {
		got := splitLines(g, 128, c.box, c.hs, minLine)
		if diff := cmp.Diff(c.want, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", c.name, diff)
		}
	}
}

func TestDedupe(t *testing.T) {
	got := dedupe([]image.Rectangle{
		image.Rect(0, 50, 200, 80),   // line 2, cut from the box of line 1
		image.Rect(0, 0, 200, 30),    // line 1
		image.Rect(0, 48, 210, 82),   // line 2's own box
		image.Rect(100, 20, 300, 60), // overlaps both by less than 60%
	})
	want := []image.Rectangle{image.Rect(0, 0, 200, 30), image.Rect(0, 48, 210, 82), image.Rect(100, 20, 300, 60)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dedupe (-want +got):\n%s", diff)
	}
}

// paper is a blank w×h page and a func that inks a rectangle of it.
func paper(w, h int) (*image.Gray, func(x0, y0, x1, y1 int)) {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return g, func(x0, y0, x1, y1 int) {
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				g.Pix[y*w+x] = 20
			}
		}
	}
}
