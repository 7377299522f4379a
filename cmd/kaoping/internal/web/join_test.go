package web

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/jsonout"
)

var updateJoin = flag.Bool("update", false, "rewrite testdata/join-*.json from the join")

// joinGolden is `kaoping convert notice.docx form.xlsx --as-one` as printed;
// cmd/kaoping/testdata/script/convert_as_one.txtar checks the CLI against
// the same file (and join-g006.json, the family generator's 正文 and 附件),
// so the page's join and the CLI's cannot drift apart.
const joinGolden = "testdata/join-notice-form.json"

// convertFixture is a fixture as /api/convert answers it.
func convertFixture(t *testing.T, s *server, path string) *model.Document {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctype, body := multipartBody(t, "file", filepath.Base(path), data)
	w := do(t, s, "POST", "/api/convert", ctype, body)
	if w.Code != http.StatusOK {
		t.Fatalf("convert %s: %d %s", path, w.Code, w.Body)
	}
	var doc model.Document
	if err := json.Unmarshal(w.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	return &doc
}

// TestJoinAsCLI: a 附件 and its 正文 converted one by one, as the page
// does, and joined by /api/join, are the document convert --as-one prints,
// whatever order they come in; the view draws the form.
func TestJoinAsCLI(t *testing.T) {
	for _, c := range []struct{ name, golden, main, part string }{
		{"docx", joinGolden, "../../../../fixtures/docx/notice.docx", "../../../../fixtures/docx/form.xlsx"},
		{"generated", "testdata/join-g006.json", "../../../../fixtures/gen/sample/g006-seed-apart-正文.docx",
			"../../../../fixtures/gen/sample/g006-seed-apart-附件1.xlsx"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := New(Config{})
			form := convertFixture(t, s, c.part)
			notice := convertFixture(t, s, c.main)
			w := do(t, s, "POST", "/api/join", "application/json", jsonBody(t, joinRequest{Documents: []*model.Document{form, notice}}))
			if w.Code != http.StatusOK {
				t.Fatalf("join: %d %s", w.Code, w.Body)
			}
			var res joinView
			if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]int{1, 0}, res.Order); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
			if len(res.Forms) != 1 || len(res.Forms[0].Cells) == 0 || res.Document.Notice == nil {
				t.Fatalf("forms drawn: %d, notice %v", len(res.Forms), res.Document.Notice)
			}
			var got bytes.Buffer
			if err := jsonout.Write(&got, res.Document); err != nil {
				t.Fatal(err)
			}
			if *updateJoin {
				if err := os.WriteFile(c.golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(c.golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("/api/join differs from convert --as-one (-want +got):\n%s", diff)
			}
		})
	}
}

// TestJoinRefuses: fewer than two documents, or one that is not a kaoping
// document, is a 400; a cross-site join is refused like every POST.
func TestJoinRefuses(t *testing.T) {
	s := New(Config{})
	doc := reviewedDoc(t)
	for name, body := range map[string]any{
		"one":     joinRequest{Documents: []*model.Document{doc}},
		"none":    map[string]any{},
		"not-doc": map[string]any{"documents": []any{doc, map[string]any{"schema": "x"}}},
	} {
		w := do(t, s, "POST", "/api/join", "application/json", jsonBody(t, body))
		if w.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", name, w.Code)
		}
	}
	r := jsonBody(t, joinRequest{Documents: []*model.Document{doc, doc}})
	req, _ := http.NewRequest("POST", "/api/join", r)
	req.Host = "127.0.0.1:8765"
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set(TokenHeader, s.Token())
	req.Header.Set("Origin", "https://evil.example.com")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusForbidden {
		t.Errorf("cross-origin join: %d, want 403", rec.Code)
	}
}

// TestPairAsCLI: /api/pair groups converted documents as convert and batch
// group the files: the 正文 with the 附件 its 附件说明 names, in that order;
// a form it does not name alone.
func TestPairAsCLI(t *testing.T) {
	s := New(Config{})
	dir := "../../../../fixtures/gen/sample/"
	var docs []*model.Document
	for _, f := range []string{"g078-seed-apart-附件2.xlsx", "g006-seed-apart-附件1.xlsx", "g078-seed-apart-正文.docx", "g078-seed-apart-附件1.xlsx", "g078-seed-apart-附件3.docx"} {
		docs = append(docs, convertFixture(t, s, dir+f))
	}
	w := do(t, s, "POST", "/api/pair", "application/json", jsonBody(t, joinRequest{Documents: docs}))
	if w.Code != http.StatusOK {
		t.Fatalf("pair: %d %s", w.Code, w.Body)
	}
	var res pairView
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	want := []batch.Group{{Main: 1}, {Main: 2, Parts: []int{3, 0, 4}}}
	if diff := cmp.Diff(want, res.Groups); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
}
