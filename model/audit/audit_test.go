package audit

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/kaoping/kaoping/model"
)

func TestCleanDocuments(t *testing.T) {
	for name, doc := range map[string]*model.Document{"seed": seedShaped(), "other": otherShaped()} {
		for _, fd := range auditRun(doc, Options{}) {
			if fd.Severity.Rank() >= model.SevWarning.Rank() {
				b, _ := json.Marshal(fd)
				t.Errorf("%s: unexpected finding %s", name, b)
			}
		}
	}
}

func TestReadings(t *testing.T) {
	has := func(vs []float64, v float64) bool {
		for _, x := range vs {
			if almostEqual(x, v) {
				return true
			}
		}
		return false
	}
	for _, c := range []struct {
		s    string
		want []float64
		not  []float64
	}{
		{"8", []float64{3, 0.0 + 6, 9}, []float64{8, 1}},
		{"15", []float64{1.5, 1, 5, 16, 75}, []float64{15, 2.5}},
		{"1.5", []float64{15, 7.5, 1.6}, []float64{1.5}},
	} {
		got := readings(c.s)
		for _, w := range c.want {
			if !has(got, w) {
				t.Errorf("readings(%s) = %v lacks %v", c.s, got, w)
			}
		}
		for _, n := range c.not {
			if has(got, n) {
				t.Errorf("readings(%s) = %v has %v", c.s, got, n)
			}
		}
	}
}

// auditRun, auditAll and auditFix are run, all and applyFixes without a
// deadline, for the tests.
func auditRun(doc *model.Document, opts Options) []model.Finding {
	fs, _ := run(context.Background(), doc, opts)
	return fs
}

func auditAll(doc *model.Document, opts Options) []model.Finding {
	fs, _ := all(context.Background(), doc, opts)
	return fs
}

func auditFix(doc *model.Document) []model.Finding {
	fs, _ := applyFixes(context.Background(), doc)
	return fs
}
