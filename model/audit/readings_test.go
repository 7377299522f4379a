package audit

import (
	"testing"

	"github.com/mozillazg/go-pinyin"
)

// TestReadingsMatchGoPinyin checks the generated reading table against
// go-pinyin, the source it was generated from, for every code point up to
// past the table's end: two characters share a reading number exactly when
// pinyin.SinglePinyin gives them the same first toneless reading, and a
// character go-pinyin has no reading for has none. A go-pinyin upgrade that
// changes a reading fails here until `go generate ./model/audit` is run.
func TestReadingsMatchGoPinyin(t *testing.T) {
	args := pinyin.Args{Style: pinyin.Normal}
	byName := map[string]uint16{}
	byID := map[uint16]string{}
	for r := rune(0); r <= readingLast+0x1000; r++ {
		want := pinyin.SinglePinyin(r, args)
		got := reading(r)
		if len(want) == 0 {
			if got != 0 {
				t.Errorf("%U %c: reading %d, go-pinyin has none", r, r, got)
			}
			continue
		}
		if got == 0 {
			t.Errorf("%U %c: no reading, go-pinyin reads %q", r, r, want[0])
			continue
		}
		if id, ok := byName[want[0]]; ok && id != got {
			t.Errorf("%U %c reads %q: number %d, other characters so read have %d", r, r, want[0], got, id)
		}
		if name, ok := byID[got]; ok && name != want[0] {
			t.Errorf("%U %c reads %q: number %d, which stands for %q", r, r, want[0], got, name)
		}
		byName[want[0]], byID[got] = got, want[0]
	}
	if len(byName) < 400 {
		t.Errorf("%d readings, want the 400-odd syllables of Mandarin", len(byName))
	}
}

func TestSameSound(t *testing.T) {
	for _, c := range []struct {
		a, b rune
		want bool
	}{
		{'伟', '玮', true}, // wei, a pinyin slip
		{'伟', '卫', true}, // wěi / wèi: tones ignored
		{'国', '囯', true}, // guo
		{'王', '玉', false},
		{'英', '央', false}, // 英 is ying; its rare reading yang does not count
		{'a', 'a', false}, // no reading
		{'张', 'x', false},
	} {
		if got := sameSound(c.a, c.b); got != c.want {
			t.Errorf("sameSound(%c, %c) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
