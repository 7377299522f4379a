package web

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/kaoping/kaoping/model"
)

// FuzzView: whatever a client posts to /api/view, /api/audit or /api/render,
// the server answers (no panic, no 500) with a status the README lists.
func FuzzView(f *testing.F) {
	doc := reviewedDoc(f)
	e := findItem(f, doc, "9-1")
	e.Column, e.Value = model.ColWeight, "6"
	seedReq, _ := json.Marshal(ViewRequest{Document: doc, Edits: []Edit{e}, Fix: true})
	f.Add(seedReq)
	small, _ := json.Marshal(ViewRequest{Document: &model.Document{Schema: model.Schema, Forms: []model.Form{{
		Columns:    []string{"weight", "extra:备注", "id"},
		Categories: []model.Category{{Name: "x", Indicators: []model.Indicator{{Items: []model.Item{{ID: "1", Weight: model.Float(1)}}}}}},
		Totals:     []model.Total{{Label: "合计", Categories: []string{"y"}}},
	}}}, Edits: []Edit{{Column: "deadline", Value: "13月底前"}}})
	f.Add(small)
	f.Add([]byte(`{"document":{"schema":"kaoping/v1","forms":[{"categories":[{"indicators":[]}],"totals":[{}]}]},"edits":[{"form":0}]}`))
	f.Add([]byte(`{"document":{"schema":"kaoping/v1","findings":[{"at":{"form":7,"row":"x"}}]}}`))
	f.Add([]byte(`null`))
	h := New(Config{MaxUpload: 1 << 20})
	ok := map[int]bool{200: true, 400: true, 413: true, 415: true, 422: true}
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, target := range []string{"/api/view", "/api/audit", "/api/render?to=json"} {
			w := do(t, h, "POST", target, "application/json", bytes.NewReader(body))
			if !ok[w.Code] {
				t.Fatalf("%s: status %d: %s", target, w.Code, w.Body.String())
			}
		}
		// the document inside a view request, rendered as a workbook
		var req ViewRequest
		if json.Unmarshal(body, &req) == nil && req.Document != nil {
			b, _ := json.Marshal(req.Document)
			if w := do(t, h, "POST", "/api/render?to=xlsx", "application/json", bytes.NewReader(b)); !ok[w.Code] {
				t.Fatalf("render xlsx: status %d: %s", w.Code, w.Body.String())
			}
		}
	})
}
