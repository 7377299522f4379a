package audit_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// readSeed returns the seed notice as ingest reads it: its golden model,
// which ingest's TestGolden holds equal to a read of the text, ingest's
// findings included. Reading the golden and not the text keeps ingest (every
// reader, excelize, the PDF and OCR stacks) out of this test binary: under
// -fuzz every package linked in is instrumented and FuzzAudit's worker
// snapshots and compares all their coverage counters after each exec, which
// with ingest linked was about a third of its time (1,080 → 1,485 execs per
// CPU-second without it).
func readSeed(t *testing.T) *model.Document {
	t.Helper()
	data, err := os.ReadFile("../../fixtures/quanxin-2023-9-notice.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc model.Document
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

// TestReviewAgain: reviewing a reviewed document gives the same findings
// (the audit's earlier ones are dropped, ingest's kept), and after an edit
// the audit judges the new value.
func TestReviewAgain(t *testing.T) {
	doc := readSeed(t)
	ingested := len(doc.Findings)
	audit.Review(context.Background(), doc, audit.Options{})
	first := append([]model.Finding(nil), doc.Findings...)
	if len(first) <= ingested {
		t.Fatalf("review added nothing: %d findings, ingest had %d", len(first), ingested)
	}
	for _, f := range first {
		if f.Origin != model.OriginIngest && f.Origin != model.OriginAudit {
			t.Fatalf("finding without origin: %+v", f)
		}
	}
	audit.Review(context.Background(), doc, audit.Options{})
	if d := cmp.Diff(first, doc.Findings); d != "" {
		t.Errorf("second review differs (-first +second):\n%s", d)
	}
	// With no rule selected, the review leaves ingest's findings alone.
	audit.Review(context.Background(), doc, audit.Options{Only: []string{"none"}})
	if len(doc.Findings) != ingested {
		t.Errorf("unreviewed: %d findings, ingest recorded %d", len(doc.Findings), ingested)
	}
	// Edit 文明创建 9-1 from 20 to its stated 6 points: its category-total
	// finding goes away.
	has := func(rule, row string) bool {
		for _, f := range doc.Findings {
			if f.Rule == rule && f.At.Row == row && !f.Fixed {
				return true
			}
		}
		return false
	}
	audit.Review(context.Background(), doc, audit.Options{})
	if !has(model.RuleCategoryTotal, "9-1") {
		t.Fatal("no category-total on 9-1 before the edit")
	}
	for ci := range doc.Forms[0].Categories {
		c := &doc.Forms[0].Categories[ci]
		if c.Name == "文明创建" {
			c.Indicators[0].Items[0].Weight = model.Float(6)
		}
	}
	audit.Review(context.Background(), doc, audit.Options{})
	if has(model.RuleCategoryTotal, "9-1") {
		t.Error("category-total on 9-1 after the weight was set to 6")
	}
}
