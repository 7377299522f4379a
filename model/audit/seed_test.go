package audit_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// review is fixtures/quanxin-2023-9.review.json: what a reviewer finds in
// the seed and where kaoping must report it.
type review struct {
	Problems []struct {
		What    string `json:"what"`
		Rule    string `json:"rule"`
		Row     string `json:"row"`
		Column  string `json:"column"`
		Element string `json:"element"`
		Line    int    `json:"line"`
		By      string `json:"by"`
		Caught  bool   `json:"caught"`
		Why     string `json:"why"`
	} `json:"problems"`
}

// TestSeedReview reads the seed as ingest reads it (readSeed) and checks that every problem
// the review marks as caught is reported at its place, by ingest or by the
// audit as the review says, and that every miss says why.
func TestSeedReview(t *testing.T) {
	root := filepath.Join("..", "..", "fixtures")
	doc := readSeed(t)
	ingested := len(doc.Findings)
	reviewed := *doc
	reviewed.Findings = slices.Clone(doc.Findings)
	if err := audit.Review(context.Background(), &reviewed, audit.Options{}); err != nil {
		t.Fatal(err)
	}
	var audited []model.Finding
	for _, f := range reviewed.Findings {
		if f.Origin == model.OriginAudit {
			audited = append(audited, f)
		}
	}
	raw, err := os.ReadFile(filepath.Join(root, "quanxin-2023-9.review.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rv review
	if err := json.Unmarshal(raw, &rv); err != nil {
		t.Fatal(err)
	}
	caught, missed := 0, 0
	for _, p := range rv.Problems {
		if !p.Caught {
			missed++
			if p.Why == "" {
				t.Errorf("%q: a miss must say why", p.What)
			}
			continue
		}
		caught++
		found := false
		var pool []model.Finding
		if p.By == "ingest" {
			pool = doc.Findings[:ingested]
		} else {
			pool = audited
		}
		for _, f := range pool {
			if f.Rule != p.Rule || f.At.Row != p.Row || f.At.Column != p.Column || f.At.Element != p.Element {
				continue
			}
			if p.Line != 0 && (f.At.Line == nil || *f.At.Line != p.Line) {
				continue
			}
			found = true
		}
		if !found {
			t.Errorf("not reported: %s at row %q column %q element %q line %d (%s)", p.Rule, p.Row, p.Column, p.Element, p.Line, p.What)
		}
	}
	t.Logf("seed review: %d problems caught at their place, %d not caught (reasons in the fixture)", caught, missed)
}
