package cell

import (
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPeople(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []Person
	}{
		{"王伟、李建国", []Person{{"王伟", ""}, {"李建国", ""}}},
		{"王　伟", []Person{{"王伟", "王　伟"}}},
		{"王 建国、李  强", []Person{{"王建国", "王 建国"}, {"李强", "李  强"}}},
		{"王 伟 李强", []Person{{"王伟", "王 伟"}, {"李强", ""}}},
		{"戴庆加 林嘉达", []Person{{"戴庆加", ""}, {"林嘉达", ""}}},
		{"阿依古丽•买买提", []Person{{"阿依古丽·买买提", "阿依古丽•买买提"}}},
		{"阿依古丽．买买提、艾力・吐尔逊", []Person{{"阿依古丽·买买提", "阿依古丽．买买提"}, {"艾力·吐尔逊", "艾力・吐尔逊"}}},
		{"阿依古丽·买买提", []Person{{"阿依古丽·买买提", ""}}},
		// letter-spaced text is not a list of padded names
		{"重 点 工 作", []Person{{"重", ""}, {"点", ""}, {"工", ""}, {"作", ""}}},
		{"", nil},
	} {
		if d := cmp.Diff(tc.want, People(tc.in)); d != "" {
			t.Errorf("People(%q):\n%s", tc.in, d)
		}
	}
}

func TestSplitColumn(t *testing.T) {
	for _, tc := range []struct {
		col, in string
		want    []string
		raw     bool
	}{
		{"leaders", "王　伟", []string{"王伟"}, true},
		{"leaders", "王伟", []string{"王伟"}, false},
		{"owners", "王伟 李强", []string{"王伟", "李强"}, true},
		{"departments", "综合 办公室", []string{"综合", "办公室"}, true},
		{"departments", "", []string{}, false},
	} {
		got, raw := SplitColumn(tc.col, tc.in)
		if d := cmp.Diff(tc.want, got); d != "" || raw != tc.raw {
			t.Errorf("SplitColumn(%s, %q) = %v, %v, want %v, %v", tc.col, tc.in, got, raw, tc.want, tc.raw)
		}
	}
}

// TestCouldBePeople: where couldBePeople says no, splitPeople is never all
// personal names, on random texts of names, dots, spaces, separators,
// parentheses and other marks; and it says no to most of them, so Classify
// skips the split there.
func TestCouldBePeople(t *testing.T) {
	holdsPrecheck(t, "王伟李建国欧阳丽买提局科　 \t、，,；;/·•．.・（）()1a。：", 1, 14, couldBePeople, func(s string) bool {
		toks := splitPeople(s)
		return len(toks) > 0 && allOf(toks, IsPersonName)
	})
	for _, s := range []string{"王伟、李建国", "王　伟", "阿依古丽•买买提", "欧阳建国"} {
		if !couldBePeople(s) {
			t.Errorf("couldBePeople(%q) is false", s)
		}
	}
}

// randomText is 1 to most runes drawn from alphabet, for the tests that
// hold a pre-check to the check it spares.
func randomText(rng *rand.Rand, alphabet []rune, most int) string {
	r := make([]rune, 1+rng.IntN(most))
	for i := range r {
		r[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(r)
}

// holdsPrecheck draws 200,000 random texts of up to most runes of alphabet:
// where pre says no, full must say no too; and pre must say no to at least
// half of them, or it spares nothing.
func holdsPrecheck(t *testing.T, alphabet string, seed uint64, most int, pre, full func(string) bool) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed+1))
	runes := []rune(alphabet)
	pruned := 0
	const n = 200000
	for range n {
		s := randomText(rng, runes, most)
		if !pre(s) {
			pruned++
			if full(s) {
				t.Fatalf("the pre-check says no to %q, the full check yes", s)
			}
		}
	}
	if pruned < n/2 {
		t.Errorf("the pre-check said no to %d of %d texts", pruned, n)
	}
}
