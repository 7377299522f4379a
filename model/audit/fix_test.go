package audit

import (
	"math/rand/v2"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// TestApplyFixes plants each fixable error, applies the fixes and checks the
// finding is recorded as fixed with the original value and is gone from a
// fresh audit.
func TestApplyFixes(t *testing.T) {
	for _, name := range []string{"traditional-char", "repeated-word", "half-width-punct", "spaced-text", "list-separator", "merged-cell-misplaced"} {
		t.Run(name, func(t *testing.T) {
			var m mutator
			for _, x := range mutators {
				if x.name == name {
					m = x
				}
			}
			doc := seedShaped()
			want, _, ok := m.plant(rand.New(rand.NewPCG(3, 4)), doc)
			if !ok {
				t.Fatal("nothing planted")
			}
			fixed := auditFix(doc)
			var got *model.Finding
			for i := range fixed {
				if keyOf(fixed[i]) == want {
					got = &fixed[i]
				}
			}
			if got == nil {
				t.Fatalf("%s not fixed; fixed: %v", want, keys(fixed))
			}
			if !got.Fixed || got.Fix.From == "" || got.Fix.From == got.Fix.To {
				t.Errorf("fixed finding %+v", got)
			}
			if hasKey(auditRun(doc, Options{}), want) {
				t.Errorf("%s still reported after the fix", want)
			}
			if len(doc.Findings) != len(fixed) {
				t.Errorf("doc.Findings has %d, want the %d fixed", len(doc.Findings), len(fixed))
			}
		})
	}
	// The category-total fix of the catalogue: 文明创建 weight 20 → 6.
	doc := seedShaped()
	doc.Forms[0].Categories[3].Indicators[0].Items[0].Weight = f(20)
	doc.Forms[0].Totals[2].Stated = f(50)
	fixed := auditFix(doc)
	if len(fixed) != 1 || fixed[0].Rule != model.RuleCategoryTotal || fixed[0].Fix.From != "20" || fixed[0].Fix.To != "6" {
		t.Fatalf("fixed %+v", fixed)
	}
	if w := *doc.Forms[0].Categories[3].Indicators[0].Items[0].Weight; w != 6 {
		t.Errorf("weight %v after fix", w)
	}
	// A clean document is left alone.
	if got := auditFix(seedShaped()); len(got) != 0 {
		t.Errorf("clean document fixed: %v", keys(got))
	}
}
