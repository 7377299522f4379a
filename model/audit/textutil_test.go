package audit

import "testing"

// TestTradPairsSorted: the table's lookup is a binary search, so tradPairs
// must list its traditional characters in increasing order, each once; and
// every character, in the plane the bitset covers or not, is found as the
// map of the pairs finds it.
func TestTradPairsSorted(t *testing.T) {
	tr := trad()
	if len(tr.from) == 0 || len(tr.from) != len(tr.to) {
		t.Fatalf("%d traditional, %d simplified characters", len(tr.from), len(tr.to))
	}
	m := map[rune]rune{}
	for i, r := range tr.from {
		if i > 0 && tr.from[i-1] >= r {
			t.Fatalf("tradPairs out of order at %q after %q", r, tr.from[i-1])
		}
		m[r] = tr.to[i]
	}
	astral := false
	for r := rune(0); r <= 0x3ffff; r++ {
		got, ok := tr.simplified(r)
		want, wantOK := m[r]
		if ok != wantOK || got != want {
			t.Fatalf("simplified(%q) = %q, %v; the pairs say %q, %v", r, got, ok, want, wantOK)
		}
		astral = astral || ok && r >= 1<<16
	}
	if !astral {
		t.Error("no pair outside the basic plane: the path past the bitset is not tested")
	}
}
