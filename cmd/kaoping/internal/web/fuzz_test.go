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

// FuzzConvert: whatever body a client posts to /api/convert as multipart
// (a broken boundary, parts without names, a file of any bytes), the
// server answers with a status the README lists, never a panic or 500.
func FuzzConvert(f *testing.F) {
	for _, data := range [][]byte{seed(f), []byte("序号\t二级指标\t权重\n1\tx\t2\n"), []byte("%PDF-1.7\n"), nil} {
		_, body := multipartBody(f, "file", "a.txt", data)
		f.Add(body.Bytes())
	}
	_, other := multipartBody(f, "other", "a.txt", []byte("x"))
	f.Add(other.Bytes())
	f.Add([]byte("--" + fuzzBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x\"\r\n\r\nabc"))
	f.Add([]byte("--" + fuzzBoundary + "--\r\n"))
	h := New(Config{MaxUpload: 1 << 20})
	ok := map[int]bool{200: true, 400: true, 413: true, 422: true, 503: true}
	f.Fuzz(func(t *testing.T, body []byte) {
		// the bodies above were written with a random boundary; use one
		// fixed boundary so that fuzzed bodies can keep to it
		body = bytes.ReplaceAll(body, []byte("--"+boundaryOf(body)), []byte("--"+fuzzBoundary))
		w := do(t, h, "POST", "/api/convert", "multipart/form-data; boundary="+fuzzBoundary, bytes.NewReader(body))
		if !ok[w.Code] {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
	})
}

const fuzzBoundary = "kaopingfuzz"

// boundaryOf is the boundary a multipart body starts with, or a string
// that is not in it.
func boundaryOf(body []byte) string {
	if !bytes.HasPrefix(body, []byte("--")) {
		return "\x00none"
	}
	line, _, _ := bytes.Cut(body[2:], []byte("\r\n"))
	if len(line) == 0 {
		return "\x00none"
	}
	return string(line)
}
