package audit

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSpacedPrefilters: the scans that spare checkSpacedText its regexps
// never say no where the regexp would match, over 20,000 random strings of
// Han characters, both spaces, digits, Latin letters and punctuation, and
// the hand-picked cases.
func TestSpacedPrefilters(t *testing.T) {
	cases := []string{"重 点 工 作", "重点 工作", "重　点　工", "市委办公室 市政府办公室", "2023 年", "第 3 季度", "a b c", "重  点  工", " 重 点 工 ", "重 点", ""}
	alphabet := []rune("重点工作  \u3000\u300001ab，-")
	rng := rand.New(rand.NewPCG(17, 3))
	for range 20000 {
		rs := make([]rune, rng.IntN(12))
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		cases = append(cases, string(rs))
	}
	matched := 0
	for _, s := range cases {
		if reLetterSpaced().MatchString(s) {
			matched++
		}
		if got, want := letterSpaced(s), spacedRun(s); got != want {
			t.Errorf("%q: letterSpaced = %v, by the regexp alone %v", s, got, want)
		}
		if got, want := hanDigits(s), reHanDigit().FindAllString(s, -1); !slices.Equal(got, want) {
			t.Errorf("%q: hanDigits = %q, regexp %q", s, got, want)
		}
	}
	if matched < 100 {
		t.Fatalf("only %d strings letter-spaced: the test does not reach the case", matched)
	}
}
