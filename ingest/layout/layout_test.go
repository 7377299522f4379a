package layout

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
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
		ls := Lines(gs, Extent, c.spaces)
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
	if ls := Lines([]page.Glyph{glyph(" ", 0, 0, 10)}, Extent, true); len(ls) != 1 || !math.IsInf(ls[0].Box.X0, 1) {
		t.Errorf("a line of one space: %+v", ls)
	}
}

// TestLinesOwnGlyphs: the lines share one copy of the glyphs (a run each),
// so a caller that appends to one line or edits its glyphs must change
// neither the next line nor the input.
func TestLinesOwnGlyphs(t *testing.T) {
	t.Parallel()
	gs := []page.Glyph{glyph("上", 10, 10, 10), glyph("一", 20, 10, 10), glyph("下", 10, 40, 10), glyph("二", 20, 40, 10)}
	ls := Lines(gs, Baseline, false)
	if len(ls) != 2 {
		t.Fatalf("%d lines, want 2", len(ls))
	}
	ls[0].Glyphs = append(ls[0].Glyphs, glyph("添", 30, 10, 10))
	ls[0].Glyphs[0].Text = "改"
	if got := texts(ls[1]); got != "下二" {
		t.Errorf("second line after an append to the first: %q, want 下二", got)
	}
	if gs[0].Text != "上" {
		t.Errorf("input changed: %q", gs[0].Text)
	}
}

// TestBaselineKeepsInterleavedCellsApart pins why a page is grouped by the
// Baseline rule: two cells side by side, each centred on its own, put their
// lines half a line apart. The Extent rule chains them into one line;
// the Baseline rule keeps each cell's lines.
func TestBaselineKeepsInterleavedCellsApart(t *testing.T) {
	t.Parallel()
	var gs []page.Glyph
	for i, s := range []string{"甲", "乙", "丙"} { // left cell, set solid
		gs = append(gs, glyph(s, 10, 10+10*float64(i), 10))
	}
	for i, s := range []string{"子", "丑"} { // right cell, centred: offset by half a line
		gs = append(gs, glyph(s, 40, 15+10*float64(i), 10))
	}
	if n := len(Lines(gs, Extent, false)); n != 1 {
		t.Errorf("Extent: %d lines, want the 1 chain this test is about", n)
	}
	var got []string
	for _, l := range Lines(gs, Baseline, false) {
		got = append(got, texts(l))
	}
	want := []string{"甲", "子", "乙", "丑", "丙"}
	if len(got) != len(want) {
		t.Fatalf("Baseline: %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Baseline: %q, want %q", got, want)
			break
		}
	}
	// A long line on a slope stays one line: the running mean follows it.
	var slope []page.Glyph
	for i := range 20 {
		slope = append(slope, glyph("字", 10+10*float64(i), 10+0.3*float64(i), 10))
	}
	if n := len(Lines(slope, Baseline, false)); n != 1 {
		t.Errorf("a sloped line: %d lines, want 1", n)
	}
}

func TestStacks(t *testing.T) {
	t.Parallel()
	// Two stacks: 工作 on the right (read first), 目标 on the left, given
	// in no order; a blank is dropped.
	gs := []page.Glyph{
		glyph("标", 10, 22, 10), glyph("作", 30, 22, 10), glyph(" ", 10, 34, 10),
		glyph("工", 30, 10, 10), glyph("目", 10, 10, 10),
	}
	for _, r := range []Rule{Extent, Baseline} {
		ls := Stacks(gs, r)
		if len(ls) != 2 || texts(ls[0]) != "工作" || texts(ls[1]) != "目标" {
			var got []string
			for _, l := range ls {
				got = append(got, texts(l))
			}
			t.Fatalf("rule %d: %q, want [工作 目标]", r, got)
		}
		if b := ls[0].Box; b.X0 != 30 || b.X1 != 40 || b.Y0 != 10 || b.Y1 != 32 {
			t.Errorf("rule %d: right stack box %+v", r, b)
		}
		if ls[0].Glyphs[0].Box != gs[3].Box {
			t.Errorf("rule %d: glyph box not restored: %+v", r, ls[0].Glyphs[0].Box)
		}
	}
}

func TestSpace(t *testing.T) {
	t.Parallel()
	// pair places b gap ems right of a, both 10 pt.
	pair := func(a, b string, gap float64) (page.Glyph, page.Glyph) {
		return glyph(a, 0, 0, 10), glyph(b, 10+10*gap, 0, 10)
	}
	for _, c := range []struct {
		a, b  string
		gap   float64
		s     Spacing
		space bool
	}{
		{"a", "b", 0.1, Prose, false},
		{"a", "b", 0.2, Prose, true}, // a Latin word space
		{"a", "b", 0.2, Cell, false}, // cells are set loose
		{"a", "b", 0.3, Cell, true},
		{"发", "2", 0.2, Prose, false}, // Word's automatic Han–digit gap
		{"发", "2", 0.3, Prose, true},  // a typed space on top of it
		{"发", "2", 0.3, Cell, false},
		{"项", "目", 0.5, Prose, false}, // justified CJK
		{"项", "目", 1, Prose, true},    // a spaced list of names
		{"项", "目", 3, Cell, false},    // a letter-spaced header
		{"，", "a", 0.2, Prose, true},
		{"，", "a", 0.5, Cell, false},
		{"a", " ", 2, Prose, false}, // a drawn space prints itself
	} {
		a, b := pair(c.a, c.b, c.gap)
		if got := Space(a, b, c.s); got != c.space {
			t.Errorf("Space(%q, %q, %.2f em, %d) = %v, want %v", c.a, c.b, c.gap, c.s, got, c.space)
		}
	}
	// The em is the glyphs' own: the same gap is a space at 8 pt, not at 16.
	a, b := glyph("a", 0, 0, 8), glyph("b", 10, 0, 8)
	a2, b2 := glyph("a", 0, 0, 16), glyph("b", 18, 0, 16)
	if !Space(a, b, Prose) || Space(a2, b2, Prose) {
		t.Error("the space threshold does not follow the font size")
	}
	// No size: the box height is the em.
	a.Size, b.Size = 0, 0
	if !Space(a, b, Prose) {
		t.Error("a glyph without a size has no em")
	}
}

// TestByCenterIsStableSort: byCenter gives the order of a stable sort by
// vertical centre (blank glyphs dropped without spaces), for slices on
// both sides of smallSort, with ties, blanks and a NaN centre.
func TestByCenterIsStableSort(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	texts := []string{"a", "一", " ", "\u3000", "", "1"}
	for _, n := range []int{0, 1, 5, smallSort, smallSort + 1, 200, 3000} {
		gs := make([]page.Glyph, n)
		for i := range gs {
			y := float64(rng.IntN(40)) // few distinct centres: many ties
			gs[i] = page.Glyph{Text: texts[rng.IntN(len(texts))], Box: model.Box{X0: float64(i), Y0: y, X1: float64(i) + 1, Y1: y + float64(rng.IntN(3))}}
		}
		if n > 3 {
			gs[3].Box.Y0 = math.NaN()
		}
		// Centres of every sign and size, -0 and +0 (equal), infinities,
		// and fractions that share their high bytes.
		odd := []float64{0, math.Copysign(0, -1), -3.25, -1e-300, 1e300, math.Inf(1), math.Inf(-1), 841.89, 841.890000001, 5e-324}
		for i := 5; i < n; i += 7 {
			v := odd[rng.IntN(len(odd))]
			gs[i].Box.Y0, gs[i].Box.Y1 = v, v
		}
		for i := 6; i < n; i += 5 {
			gs[i].Box.Y0 = 700 + rng.Float64()*0.001
			gs[i].Box.Y1 = gs[i].Box.Y0 + 10
		}
		for _, spaces := range []bool{true, false} {
			want := slices.Clone(gs)
			if !spaces {
				want = slices.DeleteFunc(want, Blank)
			}
			slices.SortStableFunc(want, func(a, b page.Glyph) int { return cmp.Compare(CenterY(a), CenterY(b)) })
			buf := make([]page.Glyph, 7) // a used buffer, too short
			got, _ := byCenter(buf, gs, spaces)
			if !slices.EqualFunc(got, want, func(a, b page.Glyph) bool { return a.Text == b.Text && a.Box.X0 == b.Box.X0 }) {
				t.Errorf("n=%d spaces=%v: byCenter order differs from a stable sort", n, spaces)
			}
		}
	}
}
