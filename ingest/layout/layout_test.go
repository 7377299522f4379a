package layout

import (
	"math"
	"testing"

	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

func glyph(text string, x, y, size float64) page.Glyph {
	return page.Glyph{Text: text, Size: size, Box: model.Box{X0: x, Y0: y, X1: x + size, Y1: y + size}}
}

func texts(l Line) string {
	s := ""
	for _, g := range l.Glyphs {
		s += g.Text
	}
	return s
}

func TestLines(t *testing.T) {
	t.Parallel()
	gs := []page.Glyph{
		glyph("行", 30, 40, 10), glyph("二", 20, 41, 10), // second line, out of order
		glyph("第", 10, 10, 10), glyph("一", 20, 10, 10),
		glyph("注", 30, 13, 5),  // smaller, centre inside the first line's extent
		glyph(" ", 40, 18, 10), // a drawn space, its centre under half a line below the first
	}
	for _, c := range []struct {
		spaces bool
		want   []string
	}{{false, []string{"第一注", "二行"}}, {true, []string{"第一注 ", "二行"}}} {
		ls := Lines(gs, c.spaces)
		if len(ls) != len(c.want) {
			t.Fatalf("spaces %v: %d lines, want %d", c.spaces, len(ls), len(c.want))
		}
		for i, l := range ls {
			if texts(l) != c.want[i] {
				t.Errorf("spaces %v: line %d %q, want %q", c.spaces, i, texts(l), c.want[i])
			}
		}
		// The horizontal extent is the printing glyphs' only.
		if ls[0].Box.X0 != 10 || ls[0].Box.X1 != 35 {
			t.Errorf("spaces %v: first line box %+v", c.spaces, ls[0].Box)
		}
	}
	if ls := Lines([]page.Glyph{glyph(" ", 0, 0, 10)}, true); len(ls) != 1 || !math.IsInf(ls[0].Box.X0, 1) {
		t.Errorf("a line of one space: %+v", ls)
	}
}
