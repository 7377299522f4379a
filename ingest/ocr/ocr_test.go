package ocr

import (
	"errors"
	"image"
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
	l := ctcDecode(p, len(cols), c, append(keys, " "), image.Rect(0, 0, 80, 10), 10)
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
	for i := 1; i < len(l.Chars); i++ {
		if l.Chars[i].Box.Min.X < l.Chars[i-1].Box.Min.X {
			t.Errorf("char boxes out of order: %+v", l.Chars)
		}
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
