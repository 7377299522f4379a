package web

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// BenchmarkReadReview is the baseline: what `kaoping convert` does for the seed.
func BenchmarkReadReview(b *testing.B) {
	data := seed(b)
	for b.Loop() {
		doc, err := ingest.Read(context.Background(), "seed.txt", data)
		if err != nil {
			b.Fatal(err)
		}
		_ = audit.Review(context.Background(), doc, audit.Options{})
	}
}

// BenchmarkConvertHandler is the same through /api/convert (multipart in, JSON out).
func BenchmarkConvertHandler(b *testing.B) {
	h := New(Config{})
	data := seed(b)
	for b.Loop() {
		ct, body := multipartBody(b, "file", "seed.txt", data)
		if w := do(b, h, "POST", "/api/convert", ct, body); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkViewEdit is one edit on the page: the seed document with a changed
// weight sent to /api/view, un-reviewed, edited, reviewed and laid out.
func BenchmarkViewEdit(b *testing.B) {
	h := New(Config{})
	doc := reviewedDoc(b)
	e := findItem(b, doc, "9-1")
	e.Column, e.Value = model.ColWeight, "6"
	req, err := json.Marshal(viewRequest{Document: doc, Edits: []edit{e}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(req)))
	for b.Loop() {
		if w := do(b, h, "POST", "/api/view", "application/json", bytes.NewReader(req)); w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
