package web

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	sampledoc "github.com/kaoping/kaoping/fixtures/sample"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/pdf/pdftest"
	"github.com/kaoping/kaoping/ingest/xlsx/xlsxtest"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
)

// FuzzView: whatever a client posts to /api/view, /api/audit or /api/render,
// the server answers (no panic, no 500) with a status the README lists.
//
// The document is the tiny sample, reviewed (sample.Tiny): the reviewed
// fixture is 100 KB of JSON, and each exec audited, drew and wrote it as a
// workbook several times.
func FuzzView(f *testing.F) {
	doc := sampledoc.Tiny()
	_ = audit.Review(context.Background(), doc, audit.Options{})
	e := findItem(f, doc, "1-1-2")
	e.Column, e.Value = model.ColWeight, "6"
	seedReq, _ := json.Marshal(viewRequest{Document: doc, Edits: []edit{e}, Fix: true})
	f.Add(seedReq)
	small, _ := json.Marshal(viewRequest{Document: &model.Document{Schema: model.Schema, Forms: []model.Form{{
		Columns:    []string{"weight", "extra:备注", "id"},
		Categories: []model.Category{{Name: "x", Indicators: []model.Indicator{{Items: []model.Item{{ID: "1", Weight: model.Float(1)}}}}}},
		Totals:     []model.Total{{Label: "合计", Categories: []string{"y"}}},
	}}}, Edits: []edit{{Column: "deadline", Value: "13月底前"}}})
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
		var req viewRequest
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
// The files are small ones of each reader (a text dump, a ruled PDF table,
// a workbook, a notice-only dump), not the 24 KB fixture; the server reads
// in-process with an OCR engine that is missing, so an image or a PDF
// without text is refused at once instead of opening the engine per exec.
func FuzzConvert(f *testing.F) {
	dump := []byte("附件\n\n考评表\n\n序号\t二级指标\t权重\t完成时限\n1-1\t签约项目。\t2\t6月底前\n1-2\t对接会。\t3\t全年\n合计\t\t5\t\n")
	pdfTable := pdftest.Table("考评表", [][]string{{"序号", "二级指标", "权重"}, {"1", "x", "2"}})
	for _, file := range []struct {
		name string
		data []byte
	}{
		{"a.txt", dump}, {"b.txt", []byte("序号\t二级指标\t权重\n1\tx\t2\n")}, {"c.pdf", pdfTable}, {"d.xlsx", xlsxtest.Honest()},
		{"e.txt", []byte("某某局文件\n\n某发〔2024〕3号\n\n关于印发的通知\n\n各科室：\n\n某某局\n\n2024年3月5日\n")},
		{"f.pdf", pdftest.ObjStm(4, false)}, {"g.txt", nil},
	} {
		_, body := multipartBody(f, "file", file.name, file.data)
		f.Add(body.Bytes())
	}
	_, other := multipartBody(f, "other", "a.txt", []byte("x"))
	f.Add(other.Bytes())
	f.Add([]byte("--" + fuzzBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../x\"\r\n\r\nabc"))
	f.Add([]byte("--" + fuzzBoundary + "--\r\n"))
	noOCR := &ingest.OCR{Dir: f.TempDir()}
	h := New(Config{MaxUpload: 1 << 20, Read: func(ctx context.Context, name string, data []byte) (*model.Document, error) {
		return ingest.Read(ingest.WithOCR(ctx, noOCR), name, data)
	}})
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
