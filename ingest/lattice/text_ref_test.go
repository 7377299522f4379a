package lattice

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/kaoping/kaoping/ingest/layout"
	"github.com/kaoping/kaoping/ingest/page"
	"github.com/kaoping/kaoping/model"
)

// lineTextRef and joinLinesRef are lineText and joinLines as first written
// (strings joined, then white space collapsed by strings.Fields and
// trimmed): the reference the byte-building versions must agree with.
func lineTextRef(l textLine) string {
	var b strings.Builder
	for i, g := range l.Glyphs {
		if i > 0 && layout.Space(l.Glyphs[i-1], g, layout.Cell) {
			b.WriteByte(' ')
		}
		b.WriteString(g.Text)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func joinLinesRef(ls []textLine, box model.Box, pad float64) string {
	inner := box.X1 - box.X0 - 2*pad
	var b strings.Builder
	for i, l := range ls {
		t := lineTextRef(l)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			pt := b.String()
			switch {
			case !wraps(ls[i-1], l, inner):
				b.WriteByte('\n')
			case cjkEnd(pt) || cjkStart(t):
			case strings.HasSuffix(pt, "-") != strings.HasPrefix(t, "-"):
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
	}
	return strings.TrimSpace(b.String())
}

// TestCellTextMatchesReference reads random cells (CJK, Latin, hyphens,
// every kind of white space, invalid UTF-8, gaps wide and narrow, lines
// full and short) with cellText, one TextBuf reused for all of them, and
// with the reference.
func TestCellTextMatchesReference(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(12, 7))
	texts := []string{"中", "文", "（", "，", "a", "b", "-", "1", " ", "\u3000", "\u00a0", "\u0085", "\t", "\n", "\xff", "ab c", " x ", "\u2003y", ""}
	var tb TextBuf
	for n := range 3000 {
		var gs []page.Glyph
		lines, x := 1+rng.IntN(4), 0.0
		for l := range lines {
			x = 10 + rng.Float64()*20
			for range rng.IntN(12) {
				w := 5 + rng.Float64()*6
				y := 10 + float64(l)*14 + rng.Float64()
				gs = append(gs, page.Glyph{Text: texts[rng.IntN(len(texts))], Box: model.Box{X0: x, Y0: y, X1: x + w, Y1: y + 10}, Size: 10})
				x += w + rng.Float64()*rng.Float64()*12
			}
		}
		box := model.Box{X0: 5, Y0: 5, X1: 40 + rng.Float64()*120, Y1: 80}
		ls := groupLines(gs)
		for _, l := range ls {
			if got, want := string(appendLineText([]byte("keep"), l)[4:]), lineTextRef(l); got != want {
				t.Fatalf("cell %d: line text %q, reference %q", n, got, want)
			}
		}
		if vertical(gs, ls) {
			continue
		}
		if got, want := cellText(&tb, gs, box, 1), joinLinesRef(ls, box, 1); got != want {
			t.Fatalf("cell %d: text %q, reference %q", n, got, want)
		}
	}
}
