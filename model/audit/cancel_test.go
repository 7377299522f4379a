package audit

import (
	"context"
	"errors"
	"testing"
)

// countdown is a context that ends at the n-th look at Err: a deadline
// that passes at a chosen point of the work, with no clock involved.
type countdown struct {
	context.Context
	n, looks int
}

func (c *countdown) Err() error {
	c.looks++
	if c.looks >= c.n {
		return context.Canceled
	}
	return nil
}

// TestReviewHonoursContext: a review whose context has ended returns its
// error; one that ends inside a rule stops there (one rule selected, so
// the only looks after the first are the rule's own, every stopEvery
// rows); and with a context that never ends it completes.
func TestReviewHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Review(ctx, bigForm(100), Options{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled before: err %v", err)
	}
	for _, rule := range []string{"missing-cell", "duplicate-text", "near-duplicate-text", "reading-doubt", "id-format", "traditional-char"} {
		doc := bigForm(4000)
		cd := &countdown{Context: context.Background(), n: 2}
		if err := Review(cd, doc, Options{Only: []string{rule}}); !errors.Is(err, context.Canceled) {
			t.Errorf("%s: ended inside the rule, err %v", rule, err)
		}
		if cd.looks != 2 {
			t.Errorf("%s: %d looks at the context, want 2 (it went on after the end)", rule, cd.looks)
		}
	}
	cd := &countdown{Context: context.Background(), n: 1 << 30}
	doc := bigForm(400)
	if err := Review(cd, doc, Options{Fix: true}); err != nil || len(doc.Findings) == 0 {
		t.Fatalf("err %v, %d findings", err, len(doc.Findings))
	}
	if cd.looks < 400/stopEvery {
		t.Errorf("%d looks at the context over 400 rows and every rule", cd.looks)
	}
}
