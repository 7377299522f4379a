package linebreak

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLinesTable(t *testing.T) {
	m := Fixed(1)
	tests := []struct {
		in    string
		width float64
		want  []string
	}{
		{"统筹抓好全市", 3, []string{"统筹抓", "好全市"}},
		// the comma moves down with the character before it
		{"招商引资，完成", 4, []string{"招商引", "资，完成"}},
		// opening brackets stay with what follows
		{"完成（4分）任务", 3, []string{"完成", "（4", "分）任", "务"}},
		{"完成（分）任务", 3, []string{"完成", "（分）", "任务"}},
		// a number is not split when it fits
		{"签约投资额2023亿元", 6, []string{"签约投资额", "2023亿元"}},
		{"ab 12.5 cd", 3, []string{"ab ", "12.5 ", "cd"}},
		{"", 3, []string{""}},
		{"一\n二", 3, []string{"一", "二"}},
		// a word wider than the line is cut, nothing lost
		{"abcdefgh", 2, []string{"abcd", "efgh"}},
	}
	for _, tc := range tests {
		got := Lines(tc.in, tc.width, m)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Lines(%q, %v) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

var (
	hanzi   = []rune("统筹抓好全市半导体产业招商引资工作完成指标任务年度对接洽谈项目")
	closers = []rune("，。、；：？！）》”")
	openers = []rune("（《“")
	latin   = []string{"PDF", "2023", "12.5", "OFD", "a", "U", "1-1-1", "abcdef"}
)

// randText builds a string of CJK runes, Latin words, spaces and punctuation;
// closing punctuation comes at most twice in a row and opening brackets
// once, as in real text.
func randText(r *rand.Rand) string {
	var b strings.Builder
	n := r.IntN(60)
	run := 0
	for range n {
		switch k := r.IntN(10); {
		case k < 5:
			b.WriteRune(hanzi[r.IntN(len(hanzi))])
			run = 0
		case k < 7:
			b.WriteString(latin[r.IntN(len(latin))])
			run = 0
		case k < 8:
			b.WriteByte(' ')
			run = 0
		case k < 9 && run >= 0 && run < 2:
			b.WriteRune(closers[r.IntN(len(closers))])
			run++
		case run >= 0:
			// one opening bracket at a time
			b.WriteRune(openers[r.IntN(len(openers))])
			run = -1
		}
	}
	return b.String()
}

func width(s string, m measure) float64 {
	w := 0.0
	for _, r := range s {
		w += m(r)
	}
	return w
}

// TestLinesProperty checks on random text that no rune is lost or added, no
// line is wider than the width, and no line starts with closing punctuation.
func TestLinesProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	m := Fixed(10)
	for i := range 3000 {
		s := randText(r)
		// at least 4 em: a CJK rune with two closers and an opener must fit
		w := 40 + float64(r.IntN(200))
		lines := Lines(s, w, m)
		if got := strings.Join(lines, ""); got != s {
			t.Fatalf("case %d: joined %q != input %q", i, got, s)
		}
		for j, l := range lines {
			if lw := width(l, m); lw > w {
				t.Fatalf("case %d: line %q width %v > %v", i, l, lw, w)
			}
			if j > 0 && l != "" && noStart([]rune(l)[0]) {
				t.Fatalf("case %d: line %d %q starts with closing punctuation (input %q, width %v)", i, j, l, s, w)
			}
			if j < len(lines)-1 && l != "" && noEnd([]rune(l)[len([]rune(l))-1]) {
				t.Fatalf("case %d: line %d %q ends with opening punctuation (input %q, width %v)", i, j, l, s, w)
			}
			// Latin words that fit are not split
			if j > 0 {
				if word := splitWord(lines[j-1], l); word != "" && width(word, m) <= w {
					t.Fatalf("case %d: word %q split between %q and %q (width %v)", i, word, lines[j-1], l, w)
				}
			}
		}
	}
}

// splitWord returns the Latin word or number that the break between a and b
// cuts, with the closing punctuation glued to it, or "" when the break is not inside one.
func splitWord(a, b string) string {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 || len(rb) == 0 || !isWord(ra[len(ra)-1]) && !wordInner(ra[len(ra)-1]) || !isWord(rb[0]) && !wordInner(rb[0]) {
		return ""
	}
	i := len(ra)
	for i > 0 && (isWord(ra[i-1]) || wordInner(ra[i-1])) {
		i--
	}
	for i > 0 && noEnd(ra[i-1]) {
		i-- // opening brackets glued to the word
	}
	k := 0
	for k < len(rb) && (isWord(rb[k]) || wordInner(rb[k])) {
		k++
	}
	for k < len(rb) && noStart(rb[k]) {
		k++ // closing punctuation glued to the word
	}
	return string(ra[i:]) + string(rb[:k])
}

func FuzzLines(f *testing.F) {
	f.Add("统筹抓好全市半导体产业招商引资工作，完成招商指标任务（4分）", 35.0)
	f.Add("ab（c）。。", 1.0)
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if w != w || w < 0 || w > 1e6 || strings.Contains(s, "\n") || !utf8.ValidString(s) {
			return
		}
		m := Fixed(10)
		lines := Lines(s, w, m)
		if got := strings.Join(lines, ""); got != s {
			t.Fatalf("joined %q != %q", got, s)
		}
		for _, l := range lines {
			if lw := width(l, m); lw > w && len([]rune(l)) > 1 {
				t.Fatalf("line %q width %v > %v", l, lw, w)
			}
		}
	})
}

// TestUnpunct: no rune of closing or opening lies in unpunct's range, so
// noStart and noEnd answer as the lists do for every rune.
func TestUnpunct(t *testing.T) {
	for _, r := range closing + opening {
		if unpunct(r) {
			t.Errorf("%q (U+%04X) is in unpunct's range", r, r)
		}
	}
}

// TestASCIIPunct: noStart and noEnd answer an ASCII rune from their table as
// the lists do.
func TestASCIIPunct(t *testing.T) {
	for r := rune(0); r < 0x80; r++ {
		if got, want := noStart(r), strings.ContainsRune(closing, r); got != want {
			t.Errorf("noStart(%q) = %v, want %v", r, got, want)
		}
		if got, want := noEnd(r), strings.ContainsRune(opening, r); got != want {
			t.Errorf("noEnd(%q) = %v, want %v", r, got, want)
		}
	}
}
