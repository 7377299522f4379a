package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/render/jsonout"
)

const fixture = "../../../../fixtures/quanxin-2023-9-notice.txt"

func seed(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(fixture)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// seedDoc is the fixture as ingest reads it, before the audit.
func seedDoc(t testing.TB) *model.Document {
	t.Helper()
	doc, err := ingest.Read(context.Background(), "quanxin-2023-9-notice.txt", seed(t))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// reviewedDoc is the fixture as /api/convert and `kaoping convert` give it.
func reviewedDoc(t testing.TB) *model.Document {
	t.Helper()
	doc := seedDoc(t)
	if err := audit.Review(context.Background(), doc, audit.Options{}); err != nil {
		t.Fatal(err)
	}
	return doc
}

// multipartBody builds a multipart/form-data body with one part.
func multipartBody(t testing.TB, field, name string, data []byte) (string, *bytes.Buffer) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	w, err := mw.CreateFormFile(field, name)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = w.Write(data)
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), &buf
}

func do(t testing.TB, h http.Handler, method, target, ctype string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8765"
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	if s, ok := h.(*server); ok && method == http.MethodPost {
		r.Header.Set(TokenHeader, s.Token())
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func jsonBody(t testing.TB, v any) *bytes.Buffer {
	t.Helper()
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		t.Fatal(err)
	}
	return &buf
}

// apiErr decodes an error answer.
func apiErr(t testing.TB, w *httptest.ResponseRecorder) apiError {
	t.Helper()
	var e struct{ Error apiError }
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error.Code == "" {
		t.Fatalf("not an error answer (%v): %s", err, w.Body.String())
	}
	if e.Error.Message == "" || e.Error.MessageEn == "" {
		t.Errorf("error without both messages: %+v", e.Error)
	}
	return e.Error
}

func TestStatic(t *testing.T) {
	h := New(Config{})
	cases := []struct {
		method, path string
		status       int
		ctype, has   string
	}{
		{"GET", "/", 200, "text/html", `<script src="app.js">`},
		{"GET", "/app.js", 200, "javascript", "/api/view"},
		{"GET", "/app.css", 200, "text/css", "table.form"},
		{"HEAD", "/", 200, "text/html", ""},
		{"GET", "/nope.js", 404, "", ""},
		{"GET", "/go.mod", 404, "", ""},
		{"GET", "/../../go.mod", 307, "", ""}, // cleaned by the mux, then the 404 above
		{"GET", "/api/convert", 404, "application/json", "not-found"},
		{"POST", "/", 404, "application/json", "not-found"},
		{"DELETE", "/api/audit", 404, "application/json", "not-found"},
	}
	for _, c := range cases {
		t.Run(c.method+c.path, func(t *testing.T) {
			w := do(t, h, c.method, c.path, "", nil)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); c.ctype != "" && !strings.Contains(ct, c.ctype) {
				t.Errorf("Content-Type %q, want %q", ct, c.ctype)
			}
			if c.has != "" && !strings.Contains(w.Body.String(), c.has) {
				t.Errorf("body lacks %q", c.has)
			}
			if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("CSP %q", csp)
			}
		})
	}
}

// TestHostCheck: without Remote only requests addressed to this machine are
// answered (a rebound DNS name is refused); with Remote any host is.
func TestHostCheck(t *testing.T) {
	for _, c := range []struct {
		host   string
		remote bool
		status int
	}{
		{"127.0.0.1:8765", false, 200}, {"localhost:8765", false, 200}, {"LOCALHOST", false, 200}, {"[::1]:8765", false, 200},
		{"evil.example:8765", false, 403}, {"192.168.1.5:8765", false, 403}, {"", false, 403},
		{"192.168.1.5:8765", true, 200},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = c.host
		w := httptest.NewRecorder()
		New(Config{Remote: c.remote}).ServeHTTP(w, r)
		if w.Code != c.status {
			t.Errorf("Host %q remote=%v: status %d, want %d", c.host, c.remote, w.Code, c.status)
		}
	}
}

// TestAssetsSelfContained: the page references nothing outside the server
// (no CDN, no web font, no absolute URL).
func TestAssetsSelfContained(t *testing.T) {
	for _, name := range []string{"assets/index.html", "assets/app.js", "assets/app.css"} {
		b, err := assets.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, bad := range []string{"http://", "https://", "//cdn", "@import", "@font-face", "url("} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
	}
}

// TestConvertAnswer: /api/convert answers what ingest.Read, audit.Review and
// jsonout.Write make of the file, byte for byte (cmd/kaoping's TestServeSameAsCLI
// compares it with the CLI's output itself).
func TestConvertAnswer(t *testing.T) {
	var want bytes.Buffer
	if err := jsonout.Write(&want, reviewedDoc(t)); err != nil {
		t.Fatal(err)
	}
	ct, body := multipartBody(t, "file", "quanxin-2023-9-notice.txt", seed(t))
	w := do(t, New(Config{}), "POST", "/api/convert", ct, body)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if !bytes.Equal(w.Body.Bytes(), want.Bytes()) {
		t.Errorf("convert answer differs from ingest+review (%d vs %d bytes)", w.Body.Len(), want.Len())
	}
}

func TestConvertFix(t *testing.T) {
	count := func(target string) int {
		ct, body := multipartBody(t, "file", "a.txt", seed(t))
		w := do(t, New(Config{}), "POST", target, ct, body)
		var doc model.Document
		if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range doc.Findings {
			if f.Fixed {
				n++
			}
		}
		return n
	}
	plainDoc, fixedDoc := seedDoc(t), seedDoc(t)
	_ = audit.Review(context.Background(), plainDoc, audit.Options{})
	_ = audit.Review(context.Background(), fixedDoc, audit.Options{Fix: true})
	fixedIn := func(doc *model.Document) int {
		n := 0
		for _, f := range doc.Findings {
			if f.Fixed {
				n++
			}
		}
		return n
	}
	applied := fixedIn(fixedDoc) - fixedIn(plainDoc)
	if applied == 0 {
		t.Fatal("the seed has no certain fix; the test would prove nothing")
	}
	if plain, fixed := count("/api/convert"), count("/api/convert?fix=1"); fixed != plain+applied {
		t.Errorf("fixed findings: %d with fix=1, %d without; the review with Fix applies %d", fixed, plain, applied)
	}
}

// TestConvertBad: every bad upload gets a status and, for unreadable files,
// exactly the CLI's message (ingest.Error.Message) in both languages.
func TestConvertBad(t *testing.T) {
	zipJunk := append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0}, 64)...)
	cases := []struct {
		name   string
		ctype  string // "" for a multipart upload of data under field
		field  string
		data   []byte
		limit  int64
		status int
		code   string
	}{
		{name: "empty", field: "file", data: nil, status: 422, code: "unreadable"},
		{name: "blank", field: "file", data: []byte(" \n\t\n"), status: 422, code: "unreadable"},
		{name: "binary", field: "file", data: []byte{0, 1, 2, 3, 0xff, 0xfe, 0, 0, 7, 8, 0, 0}, status: 422, code: "unreadable"},
		{name: "zip-junk", field: "file", data: zipJunk, status: 422, code: "unreadable"},
		{name: "no-form", field: "file", data: []byte("关于开会的通知\n\n请准时参加。\n"), status: 422, code: "unreadable"},
		{name: "truncated", field: "file", data: seed(t)[:len(seed(t))*2/3], status: 0, code: ""},
		{name: "oversize", field: "file", data: bytes.Repeat([]byte("考评"), 4096), limit: 8 << 10, status: 413, code: "too-large"},
		{name: "no-file-part", field: "other", data: seed(t), status: 400, code: "bad-request"},
		{name: "json-instead", ctype: "application/json", data: []byte(`{}`), status: 415, code: "unsupported-media-type"},
		{name: "no-content-type", ctype: "-", data: seed(t), status: 415, code: "unsupported-media-type"},
		{name: "broken-multipart", ctype: "multipart/form-data; boundary=xyz", data: []byte("--xyz\r\nnot a part"), status: 400, code: "bad-request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := New(Config{MaxUpload: c.limit})
			var ct string
			var body io.Reader
			switch c.ctype {
			case "":
				var b *bytes.Buffer
				ct, b = multipartBody(t, c.field, c.name+".txt", c.data)
				body = b
			case "-":
				body = bytes.NewReader(c.data)
			default:
				ct, body = c.ctype, bytes.NewReader(c.data)
			}
			w := do(t, h, "POST", "/api/convert", ct, body)
			_, readErr := ingest.Read(context.Background(), c.name+".txt", c.data)
			if c.status == 0 { // whatever ingest says, the answer agrees with it
				if readErr == nil {
					if w.Code != 200 {
						t.Fatalf("ingest reads it but the server answers %d", w.Code)
					}
					return
				}
				c.status, c.code = 422, "unreadable"
			}
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			e := apiErr(t, w)
			if e.Code != c.code {
				t.Errorf("code %q, want %q", e.Code, c.code)
			}
			if c.code == "unreadable" {
				var ie *readerr.Error
				if !errors.As(readErr, &ie) {
					t.Fatalf("ingest gives %v, not a readerr.Error", readErr)
				}
				if e.Message != ie.Message("zh") || e.MessageEn != ie.Message("en") {
					t.Errorf("messages differ from the CLI's:\n got %q / %q\nwant %q / %q", e.Message, e.MessageEn, ie.Message("zh"), ie.Message("en"))
				}
			}
			if c.code == "too-large" && !strings.Contains(e.Message, "MB") {
				t.Errorf("the message does not state the limit: %q", e.Message)
			}
		})
	}
}

// TestUploadNameNeverAPath: a client's file name is reduced to its last
// element and only used in messages and Source.File.
func TestUploadNameNeverAPath(t *testing.T) {
	ct, body := multipartBody(t, "file", `../../etc\evil/notice.txt`, seed(t))
	w := do(t, New(Config{}), "POST", "/api/convert", ct, body)
	var doc model.Document
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Source.File != "notice.txt" {
		t.Errorf("Source.File = %q", doc.Source.File)
	}
}

func TestAudit(t *testing.T) {
	want := reviewedDoc(t).Findings
	// the document as read, and as converted (already reviewed): the same answer
	for name, doc := range map[string]*model.Document{"read": seedDoc(t), "converted": reviewedDoc(t)} {
		t.Run(name, func(t *testing.T) {
			w := do(t, New(Config{}), "POST", "/api/audit", "application/json; charset=utf-8", jsonBody(t, doc))
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			var got auditResult
			if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
				t.Fatal(err)
			}
			if got.File != doc.Source.File || len(got.Findings) != len(want) {
				t.Fatalf("file %q, %d findings; want %q, %d (audit.Review)", got.File, len(got.Findings), doc.Source.File, len(want))
			}
			for i := range want {
				if got.Findings[i].Rule != want[i].Rule || got.Findings[i].Message != want[i].Message {
					t.Errorf("finding %d: %s %q, want %s %q", i, got.Findings[i].Rule, got.Findings[i].Message, want[i].Rule, want[i].Message)
				}
			}
		})
	}
}

// TestJSONBad covers the JSON endpoints' refusals.
func TestJSONBad(t *testing.T) {
	doc := jsonBody(t, seedDoc(t)).String()
	cases := []struct {
		name, target, ctype, body string
		limit                     int64
		status                    int
		code                      string
	}{
		{"audit-wrong-type", "/api/audit", "text/plain", doc, 0, 415, "unsupported-media-type"},
		{"audit-multipart", "/api/audit", "multipart/form-data; boundary=x", doc, 0, 415, "unsupported-media-type"},
		{"audit-bad-json", "/api/audit", "application/json", `{"schema": "kaoping/v1", "forms": [`, 0, 400, "bad-json"},
		{"audit-not-json", "/api/audit", "application/json", "泉芯管", 0, 400, "bad-json"},
		{"audit-wrong-schema", "/api/audit", "application/json", `{"schema": "other/v9"}`, 0, 400, "bad-document"},
		{"audit-null", "/api/audit", "application/json", `null`, 0, 400, "bad-document"},
		{"audit-wrong-shape", "/api/audit", "application/json", `{"schema": "kaoping/v1", "forms": 3}`, 0, 400, "bad-json"},
		{"audit-oversize", "/api/audit", "application/json", doc, 1 << 10, 413, "too-large"},
		{"render-no-to", "/api/render", "application/json", doc, 0, 400, "bad-format"},
		{"render-bad-to", "/api/render?to=docx", "application/json", doc, 0, 400, "bad-format"},
		{"render-path-to", "/api/render?to=../../etc/passwd", "application/json", doc, 0, 400, "bad-format"},
		{"render-wrong-type", "/api/render?to=pdf", "text/plain", doc, 0, 415, "unsupported-media-type"},
		{"render-oversize", "/api/render?to=xlsx", "application/json", doc, 1 << 10, 413, "too-large"},
		{"view-no-document", "/api/view", "application/json", `{"edits": []}`, 0, 400, "bad-document"},
		{"view-bad-type", "/api/view", "application/x-www-form-urlencoded", `a=b`, 0, 415, "unsupported-media-type"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, New(Config{MaxUpload: c.limit}), "POST", c.target, c.ctype, strings.NewReader(c.body))
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if e := apiErr(t, w); e.Code != c.code {
				t.Errorf("code %q, want %q", e.Code, c.code)
			}
		})
	}
}

func TestRender(t *testing.T) {
	doc := reviewedDoc(t)
	doc.Source.File = `C:\公文\..\泉芯管9号.txt`
	doc.Forms[0].Title = "" // the file's name names the download when the form has no title
	for _, to := range []string{"xlsx", "pdf", "json"} {
		t.Run(to, func(t *testing.T) {
			w := do(t, New(Config{}), "POST", "/api/render?to="+to, "application/json", jsonBody(t, doc))
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			if ct := w.Header().Get("Content-Type"); ct != mustFormat(t, to).MIME {
				t.Errorf("Content-Type %q", ct)
			}
			cd := w.Header().Get("Content-Disposition")
			if !strings.Contains(cd, `filename="kaoping.`+to+`"`) || !strings.Contains(cd, "filename*=UTF-8''%E6%B3%89%E8%8A%AF%E7%AE%A19%E5%8F%B7."+to) {
				t.Errorf("Content-Disposition %q", cd)
			}
			b := w.Body.Bytes()
			switch to {
			case "pdf":
				if !bytes.HasPrefix(b, []byte("%PDF-")) {
					t.Errorf("not a PDF: %q", b[:min(len(b), 16)])
				}
			case "json":
				var got model.Document
				if err := json.Unmarshal(b, &got); err != nil {
					t.Fatal(err)
				}
				if len(got.Findings) != len(doc.Findings) {
					t.Errorf("JSON download has %d findings, the document %d", len(got.Findings), len(doc.Findings))
				}
			case "xlsx":
				f, err := excelize.OpenReader(bytes.NewReader(b))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if len(f.GetSheetList()) == 0 {
					t.Error("no sheet")
				}
			}
		})
	}
}

// findRow returns the position of the item with id in doc.
func findItem(t testing.TB, doc *model.Document, id string) edit {
	t.Helper()
	for fi, f := range doc.Forms {
		for ci, c := range f.Categories {
			for ii, ind := range c.Indicators {
				for ti, it := range ind.Items {
					if it.ID == id {
						return edit{Form: fi, Category: ci, Ind: ii, Item: ti}
					}
				}
			}
		}
	}
	t.Fatalf("no item %s", id)
	return edit{}
}

func postView(t testing.TB, h http.Handler, req viewRequest) (*docView, *httptest.ResponseRecorder) {
	t.Helper()
	w := do(t, h, "POST", "/api/view", "application/json", jsonBody(t, req))
	if w.Code != 200 {
		return nil, w
	}
	var v docView
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	return &v, w
}

func categoryTotal(v *docView, name string) int {
	n := 0
	for _, f := range v.Document.Findings {
		if f.Rule == model.RuleCategoryTotal && strings.Contains(f.Message, name) {
			n++
		}
	}
	return n
}

// TestViewEdit: the acceptance path on the API: 文明创建's 9-1 weight 20 → 6
// removes its category-total finding and the grand total follows.
func TestViewEdit(t *testing.T) {
	h := New(Config{})
	doc := seedDoc(t)
	before, w := postView(t, h, viewRequest{Document: reviewedDoc(t)})
	if before == nil {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if categoryTotal(before, "文明创建") != 1 {
		t.Fatalf("the seed should have one category-total finding on 文明创建, has %d", categoryTotal(before, "文明创建"))
	}
	e := findItem(t, doc, "9-1")
	e.Column, e.Value = model.ColWeight, " 6 "
	after, w := postView(t, h, viewRequest{Document: reviewedDoc(t), Edits: []edit{e}})
	if after == nil {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	if n := categoryTotal(after, "文明创建"); n != 0 {
		t.Errorf("after the edit %d category-total findings on 文明创建 remain", n)
	}
	it := after.Document.Forms[0].Categories[e.Category].Indicators[e.Ind].Items[e.Item]
	if it.Weight == nil || *it.Weight != 6 {
		t.Errorf("weight %v", it.Weight)
	}
	grand := func(v *docView) float64 {
		for _, tt := range v.Document.Forms[0].Totals {
			if len(tt.Categories) == 0 {
				return tt.Computed
			}
		}
		t.Fatal("no grand total")
		return 0
	}
	if g0, g1 := grand(before), grand(after); g1 != g0-14 {
		t.Errorf("grand total computed %v → %v, want −14", g0, g1)
	}
	// the page's cell for 9-1 weight names the same item
	found := false
	for _, c := range after.Forms[0].Cells {
		if c.Edit != nil && *c.Edit == (edit{Form: 0, Category: e.Category, Ind: e.Ind, Item: e.Item, ID: "9-1", Column: model.ColWeight}) {
			found = c.Text == "6"
		}
	}
	if !found {
		t.Error("no editable weight cell showing 6 for 9-1")
	}
}

func TestViewFix(t *testing.T) {
	h := New(Config{})
	fixed := func(v *docView) int {
		n := 0
		for _, f := range v.Document.Findings {
			if f.Fixed {
				n++
			}
		}
		return n
	}
	off, _ := postView(t, h, viewRequest{Document: reviewedDoc(t)})
	on, _ := postView(t, h, viewRequest{Document: reviewedDoc(t), Fix: true})
	if off == nil || on == nil {
		t.Fatal("view failed")
	}
	if fixed(on) <= fixed(off) {
		t.Errorf("fix switch: %d fixed findings on, %d off", fixed(on), fixed(off))
	}
}

func TestViewBadEdits(t *testing.T) {
	h := New(Config{})
	good := findItem(t, seedDoc(t), "1-1-1")
	cases := map[string]edit{
		"form":      {Form: 3, Column: "weight"},
		"category":  {Category: -1, Column: "weight"},
		"indicator": {Ind: 999, Column: "weight"},
		"item":      {Category: good.Category, Ind: good.Ind, Item: 99, Column: "weight"},
		"column":    {Category: good.Category, Ind: good.Ind, Item: good.Item, Column: "category"},
		"long":      {Category: good.Category, Ind: good.Ind, Item: good.Item, Column: "item", Value: strings.Repeat("长", maxEditRunes+1)},
	}
	for name, e := range cases {
		t.Run(name, func(t *testing.T) {
			v, w := postView(t, h, viewRequest{Document: reviewedDoc(t), Edits: []edit{e}})
			if v != nil || w.Code != 400 {
				t.Fatalf("status %d, want 400", w.Code)
			}
			if e := apiErr(t, w); e.Code != "bad-edit" && e.Code != "bad-json" {
				t.Errorf("code %q", e.Code)
			}
		})
	}
}

// TestConcurrent: many uploads at once with two job slots all succeed with
// the same answer; a request that cannot get a slot before its timeout is
// told the server is busy.
func TestConcurrent(t *testing.T) {
	t.Parallel()
	s := New(Config{MaxJobs: 2})
	srv := httptest.NewServer(s)
	defer srv.Close()
	data := seed(t)
	const n = 8
	bodies := make([][]byte, n)
	codes := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			ct, body := multipartBody(t, "file", "seed.txt", data)
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/convert", body)
			if err != nil {
				t.Error(err)
				return
			}
			req.Header.Set("Content-Type", ct)
			req.Header.Set(TokenHeader, s.Token())
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			codes[i] = res.StatusCode
			bodies[i], _ = io.ReadAll(res.Body)
		})
	}
	wg.Wait()
	for i := range n {
		if codes[i] != 200 || !bytes.Equal(bodies[i], bodies[0]) {
			t.Errorf("request %d: status %d, %d bytes (first: %d)", i, codes[i], len(bodies[i]), len(bodies[0]))
		}
	}
	if len(s.jobs) != 0 {
		t.Errorf("%d job slots still held", len(s.jobs))
	}

	// a request whose time is up before it starts is told it timed out
	ct, body := multipartBody(t, "file", "seed.txt", data)
	if w := do(t, New(Config{Timeout: time.Nanosecond}), "POST", "/api/convert", ct, body); w.Code != http.StatusGatewayTimeout || apiErr(t, w).Code != "timeout" {
		t.Errorf("expired request: status %d", w.Code)
	}

	// The wait must outlast decoding the seed document on a loaded machine
	// (CI with LibreOffice running beside it): with 50 ms the time ran out
	// before the slot was asked for, and the answer was a 504, not a 503.
	// The four endpoints wait for the slot at once, each its own timeout.
	busy := New(Config{MaxJobs: 1, Timeout: 750 * time.Millisecond})
	busy.jobs <- struct{}{} // a conversion that never ends
	for _, target := range []string{"/api/convert", "/api/audit", "/api/render?to=json", "/api/view"} {
		t.Run(strings.TrimPrefix(target, "/api/"), func(t *testing.T) {
			t.Parallel()
			busyRequest(t, busy, target, data)
		})
	}
}

// busyRequest posts to target on a server whose one slot is taken: the
// answer is 503 busy.
func busyRequest(t *testing.T, busy *server, target string, data []byte) {
	var ct string
	var body io.Reader
	if target == "/api/convert" {
		var b *bytes.Buffer
		ct, b = multipartBody(t, "file", "seed.txt", data)
		body = b
	} else if target == "/api/view" {
		ct, body = "application/json", jsonBody(t, viewRequest{Document: seedDoc(t)})
	} else {
		ct, body = "application/json", jsonBody(t, seedDoc(t))
	}
	w := do(t, busy, "POST", target, ct, body)
	if w.Code != http.StatusServiceUnavailable || apiErr(t, w).Code != "busy" {
		t.Errorf("%s with no free slot: status %d", target, w.Code)
	}
}

// TestConvertRendered: a workbook and a PDF (here the seed as our renderers
// write them) are read by whatever reader ingest.Read has for them, as the
// CLI does.
func TestConvertRendered(t *testing.T) {
	for _, to := range []string{"xlsx", "pdf"} {
		t.Run(to, func(t *testing.T) {
			var file bytes.Buffer
			if err := render(context.Background(), &file, mustFormat(t, to), reviewedDoc(t), true); err != nil {
				t.Fatal(err)
			}
			ct, body := multipartBody(t, "file", "考评表."+to, file.Bytes())
			w := do(t, New(Config{}), "POST", "/api/convert", ct, body)
			if w.Code != 200 {
				t.Fatalf("status %d: %s", w.Code, w.Body.String())
			}
			var doc model.Document
			if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Source.Format != to || len(doc.Forms) != 1 || len(doc.Forms[0].Categories) == 0 {
				t.Errorf("format %q, %d forms", doc.Source.Format, len(doc.Forms))
			}
		})
	}
}

// TestJobSlotAfterPanic: a job that panics gives its slot back.
func TestJobSlotAfterPanic(t *testing.T) {
	s := New(Config{MaxJobs: 1})
	func() {
		defer func() { _ = recover() }()
		_ = s.job(context.Background(), func() error { panic("a renderer tripped") })
	}()
	if len(s.jobs) != 0 {
		t.Fatal("the slot of a panicking job is still held")
	}
	if err := s.job(context.Background(), func() error { return nil }); err != nil {
		t.Errorf("next job: %v", err)
	}
}

// TestConvertNoFilePart: an upload without a "file" part is told so in
// Chinese, without Go's English error text in the Chinese message.
func TestConvertNoFilePart(t *testing.T) {
	ct, body := multipartBody(t, "other", "a.txt", []byte("x"))
	w := do(t, New(Config{}), "POST", "/api/convert", ct, body)
	e := apiErr(t, w)
	if w.Code != 400 || e.Code != "bad-request" {
		t.Fatalf("status %d code %q", w.Code, e.Code)
	}
	if e.Message != "上传内容中没有名为 file 的文件" {
		t.Errorf("message %q", e.Message)
	}
	if !strings.Contains(e.MessageEn, `"file"`) {
		t.Errorf("messageEn %q", e.MessageEn)
	}
}

// TestUploadsRefusedUnread: with the upload budget (4×MaxUpload) held, a
// further upload is told the server is busy without its body being read,
// and the budget is given back when the uploads end.
func TestUploadsRefusedUnread(t *testing.T) {
	s := New(Config{MaxUpload: 1 << 20})
	for range 4 {
		if !s.admit(1 << 20) {
			t.Fatal("refused within the budget")
		}
	}
	body := &countingReader{r: bytes.NewReader(make([]byte, 512<<10))}
	r := httptest.NewRequest("POST", "/api/convert", body)
	r.Host = "127.0.0.1:8765"
	r.Header.Set("Content-Type", "multipart/form-data; boundary=x")
	r.Header.Set(TokenHeader, s.Token())
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	if w.Code != http.StatusServiceUnavailable || apiErr(t, w).Code != "busy" {
		t.Fatalf("status %d", w.Code)
	}
	if body.n != 0 {
		t.Fatalf("%d bytes of the refused body were read", body.n)
	}
	for range 4 {
		s.unadmit(1 << 20)
	}
	if s.held != 0 || !s.admit(1<<20) {
		t.Fatalf("budget not given back: %d held", s.held)
	}
}

type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
