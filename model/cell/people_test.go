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
	alphabet := []rune("王伟李建国欧阳丽买提局科　 \t、，,；;/·•．.・（）()1a。：")
	rng := rand.New(rand.NewPCG(1, 2))
	pruned := 0
	const n = 200000
	for range n {
		s := randomText(rng, alphabet, 14)
		toks := splitPeople(s)
		all := len(toks) > 0 && allOf(toks, IsPersonName)
		if !couldBePeople(s) {
			pruned++
			if all {
				t.Fatalf("couldBePeople(%q) is false, but splitPeople gives the names %q", s, toks)
			}
		}
	}
	for _, s := range []string{"王伟、李建国", "王　伟", "阿依古丽•买买提", "欧阳建国"} {
		if !couldBePeople(s) {
			t.Errorf("couldBePeople(%q) is false", s)
		}
	}
	if pruned < n/2 {
		t.Errorf("couldBePeople pruned %d of %d texts", pruned, n)
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
