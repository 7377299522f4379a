package cjk

import "testing"

func TestWide(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		r    rune
		want bool
	}{
		{'考', true}, {'𠀋', true}, {'　', true}, {'，', true}, {'（', true}, {'《', true},
		{'“', true}, {'—', true}, {'…', true}, {'·', false}, {'ア', true}, {'한', true}, {'１', true},
		{'a', false}, {'1', false}, {'(', false}, {' ', false}, {'ｱ', false}, {'-', false},
	} {
		if got := Wide(c.r); got != c.want {
			t.Errorf("Wide(%q) = %v, want %v", c.r, got, c.want)
		}
	}
}

func TestIdeograph(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		r    rune
		want bool
	}{{'考', true}, {'ア', true}, {'한', true}, {'，', false}, {'Ａ', false}, {'a', false}} {
		if got := Ideograph(c.r); got != c.want {
			t.Errorf("Ideograph(%q) = %v, want %v", c.r, got, c.want)
		}
	}
}

func TestFolds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ f, in, want string }{
		{"squash", " 重 点\u3000工\t作\n", "重点工作"},
		{"narrow", "１２．５分（二）", "12.5分（二）"},
		{"join", "  管委会 2023 年度  ", "管委会2023年度"},
		{"join", "项 目", "项目"},
		{"join", "Key   Task 一", "Key Task一"},
		{"join", "“ 十四五 ” 规划", "“十四五”规划"},
	} {
		var got string
		switch c.f {
		case "squash":
			got = Squash(c.in)
		case "narrow":
			got = NarrowDigits(c.in)
		case "join":
			got = Join(c.in)
		}
		if got != c.want {
			t.Errorf("%s(%q) = %q, want %q", c.f, c.in, got, c.want)
		}
	}
}

// TestWideFastPaths: Wide's two ranges answered without the property trie
// give the property's answer, for every rune.
func TestWideFastPaths(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= 0x10FFFF; r++ {
		if got, want := Wide(r), wide(r); got != want {
			t.Fatalf("Wide(%U) = %v, the property says %v", r, got, want)
		}
	}
}
