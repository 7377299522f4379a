package ocr

import (
	"errors"
	"image"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDBDecode(t *testing.T) {
	const w, h = 100, 40
	prob := make([]float32, w*h)
	fill := func(r image.Rectangle, v float32) {
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				prob[y*w+x] = v
			}
		}
	}
	fill(image.Rect(10, 10, 50, 20), 0.9) // a text kernel
	fill(image.Rect(60, 10, 90, 20), 0.5) // above the threshold, below the box score
	fill(image.Rect(5, 30, 7, 32), 0.9)   // too small
	got := dbDecode(prob, w, h)
	// 40×10 kernel: unclip distance 400·1.5/100 = 6.
	want := []image.Rectangle{image.Rect(4, 4, 56, 26)}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("boxes (-want +got):\n%s", diff)
	}
}

func TestCTCDecode(t *testing.T) {
	keys := []string{"一", "二", "三"}
	const c = 5 // blank, 一, 二, 三, space
	// Columns: 一 一 blank 一 二 space 三 blank.
	cols := []struct {
		class int
		p     float32
	}{{1, 0.9}, {1, 0.95}, {0, 0.99}, {1, 0.7}, {2, 0.8}, {4, 0.9}, {3, 0.6}, {0, 0.9}}
	p := make([]float32, len(cols)*c)
	for j, col := range cols {
		for k := range c {
			p[j*c+k] = (1 - col.p) / (c - 1)
		}
		p[j*c+col.class] = col.p
	}
	p[6*c+2] = 0.3 // the 三 column's runner-up is 二
	keys = append(keys, " ")
	l := ctcDecode(p, len(cols), c, keys, spaceClasses(keys), image.Rect(0, 0, 80, 10), 10)
	if l.Text != "一一二 三" {
		t.Errorf("text %q, want 一一二 三", l.Text)
	}
	if len(l.Chars) != 4 {
		t.Fatalf("%d chars, want 4 (spaces are not glyphs)", len(l.Chars))
	}
	if l.Conf < 0.599 || l.Conf > 0.601 {
		t.Errorf("line confidence %v, want the lowest character's 0.6", l.Conf)
	}
	if c0 := l.Chars[0]; c0.Conf < 0.949 || c0.Box.Min.X != 5 && c0.Box.Min.X != 10 {
		t.Errorf("first char %+v: confidence is its run's best, box starts near its columns", c0)
	}
	if c0 := l.Chars[0]; c0.X != 10 {
		t.Errorf("first char's middle %v, want 10: its columns 0 and 1, 10 px each", c0.X)
	}
	if c3 := l.Chars[3]; c3.Alt != "二" || c3.AltConf < 0.299 || c3.AltConf > 0.301 {
		t.Errorf("last char %+v: its runner-up is 二 at 0.3", c3)
	}
	for i := 1; i < len(l.Chars); i++ {
		if l.Chars[i].Box.Min.X < l.Chars[i-1].Box.Min.X {
			t.Errorf("char boxes out of order: %+v", l.Chars)
		}
	}
}

// TestCTCDecodeLost: a character the recogniser half saw between two it
// read, lost where the blank won by a little, leaves its probability as
// the Lost of the character after the blank; a blank whose runner-up is a neighbour's
// character (the run's edge) or a space loses none, nor one before the
// first character or after the last (the box's cut edge).
func TestCTCDecodeLost(t *testing.T) {
	keys := []string{"项", "目", "竣", "工", " "}
	const c = 6 // blank, 项, 目, 竣, 工, space
	type col struct {
		class int
		p     float32
		alt   int // the runner-up
		ap    float32
	}
	decode := func(cols []col) Line {
		p := make([]float32, len(cols)*c)
		for j, col := range cols {
			rest := 1 - col.p - col.ap
			for k := range c {
				p[j*c+k] = rest / (c - 2)
			}
			p[j*c+col.class], p[j*c+col.alt] = col.p, col.ap
		}
		return ctcDecode(p, len(cols), c, keys, spaceClasses(keys), image.Rect(0, 0, 10*len(cols), 10), 10)
	}
	blank := col{0, 0.999, 5, 0.0005}
	cases := []struct {
		name string
		cols []col
		text string
		lost []float64 // per character, ±0.01
	}{
		{"lost between", []col{{1, 0.999, 0, 0}, blank, {2, 0.999, 0, 0}, {0, 0.5, 3, 0.49}, {4, 0.996, 0, 0}, blank},
			"项目工", []float64{0, 0, 0.49}},
		{"run's edge", []col{{1, 0.999, 0, 0}, {0, 0.5, 1, 0.49}, {2, 0.999, 0, 0}, blank},
			"项目", []float64{0, 0}},
		{"space", []col{{1, 0.999, 0, 0}, {0, 0.5, 5, 0.49}, {2, 0.999, 0, 0}, blank},
			"项目", []float64{0, 0}},
		{"merged repeat", []col{{4, 0.999, 0, 0}, {0, 0.6, 4, 0.39}, {4, 0.999, 0, 0}, blank},
			"工工", []float64{0, 0.4}},
		{"the box's ends", []col{{0, 0.6, 3, 0.39}, {1, 0.999, 0, 0}, blank, {2, 0.999, 0, 0}, blank, {0, 0.7, 3, 0.29}},
			"项目", []float64{0, 0}},
	}
	for _, tc := range cases {
		l := decode(tc.cols)
		if l.Text != tc.text || len(l.Chars) != len(tc.lost) {
			t.Errorf("%s: read %q (%d chars), want %q", tc.name, l.Text, len(l.Chars), tc.text)
			continue
		}
		for i, ch := range l.Chars {
			if ch.Lost < tc.lost[i]-0.01 || ch.Lost > tc.lost[i]+0.01 {
				t.Errorf("%s: %s lost %.3f before it, want %.2f", tc.name, ch.Text, ch.Lost, tc.lost[i])
			}
		}
	}
}

func TestSpaceClasses(t *testing.T) {
	if got := spaceClasses([]string{"一", "\u3000", "二", " "}); !slices.Equal(got, []int{2, 4}) {
		t.Errorf("space classes %v, want [2 4] (the ideographic space and the space, blank at 0)", got)
	}
}

func TestMergeLines(t *testing.T) {
	got := mergeLines([]image.Rectangle{
		image.Rect(200, 100, 260, 160), // 文
		image.Rect(100, 102, 160, 160), // 件: 40 px away, same line
		image.Rect(100, 300, 400, 330), // another line
		image.Rect(500, 300, 700, 330), // far to the right of it: stays apart
		image.Rect(410, 280, 470, 350), // close but more than 1.6 times as high
	})
	want := []image.Rectangle{
		image.Rect(100, 100, 260, 160),
		image.Rect(100, 300, 400, 330),
		image.Rect(410, 280, 470, 350),
		image.Rect(500, 300, 700, 330),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
}

func TestOpenNotInstalled(t *testing.T) {
	_, err := Open(t.TempDir())
	if !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("Open(empty dir) = %v, want ErrNotInstalled", err)
	}
}

func TestDir(t *testing.T) {
	t.Setenv(EnvDir, "/x/ocr")
	if d := Dir(""); d != "/x/ocr" {
		t.Errorf("Dir with %s = %q", EnvDir, d)
	}
	if d := Dir("/y"); d != "/y" {
		t.Errorf("Dir(/y) = %q", d)
	}
	t.Setenv(EnvDir, "")
	t.Setenv("XDG_CACHE_HOME", "/c")
	if d := Dir(""); d != "/c/kaoping/ocr" {
		t.Errorf("Dir default = %q, want /c/kaoping/ocr (the install script's)", d)
	}
}

func TestPieces(t *testing.T) {
	// A line 48 px high: characters are 40 px ink blocks 44 px apart, with
	// one wide gap at x = 900–940 and none from 2200 on (ink throughout).
	const w, h = 4000, 48
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for x := range w {
		if (x < 2200 && x%44 >= 40) || (x >= 900 && x < 940) {
			continue
		}
		for y := 10; y < 38; y++ {
			g.Pix[y*w+x] = 0
		}
	}
	b := image.Rect(0, 0, w, h)
	got := pieces(g, b)
	if len(got) < 4 {
		t.Fatalf("%d pieces of a %d-column line, want ≥ 4: %v", len(got), w, got)
	}
	for i, p := range got {
		if p.Dx() > pieceCols {
			t.Errorf("piece %v is %d columns, more than %d", p, p.Dx(), pieceCols)
		}
		if i > 0 && p.Min.X != got[i-1].Max.X {
			t.Errorf("pieces %v and %v leave a hole or overlap", got[i-1], p)
		}
		if p.Max.X < 2200 && p.Max.X < w {
			if x := p.Max.X; x%44 < 40 && (x < 900 || x >= 940) {
				t.Errorf("cut at %d goes through a character", x)
			}
		}
	}
	if got[0].Min.X != 0 || got[len(got)-1].Max.X != w {
		t.Errorf("pieces %v do not cover the line", got)
	}
	// The widest gap in the last third of the first piece is taken.
	if got[0].Max.X != 920 {
		t.Errorf("first cut at %d, want 920 (the middle of the wide gap)", got[0].Max.X)
	}
	if short := pieces(g, image.Rect(0, 0, 900, h)); len(short) != 1 {
		t.Errorf("a line under %d columns cut: %v", pieceCols, short)
	}
}

func TestJoinPieces(t *testing.T) {
	l := joinPieces([]Line{
		{Box: image.Rect(0, 0, 10, 5), Text: "一二", Chars: []Char{{Text: "一", Conf: 0.9}, {Text: "二", Conf: 0.8}}, Conf: 0.8},
		{Box: image.Rect(10, 0, 15, 5)}, // read as nothing
		{Box: image.Rect(15, 0, 20, 6), Text: "三", Chars: []Char{{Text: "三", Conf: 0.95}}, Conf: 0.95},
	})
	if l.Text != "一二三" || len(l.Chars) != 3 || l.Conf != 0.8 || l.Box != image.Rect(0, 0, 20, 6) {
		t.Errorf("joined %+v", l)
	}
}
