package web

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
	"github.com/kaoping/kaoping/render/output"
)

// diffRequest is the body of POST /api/diff: two versions of a form, each
// as /api/convert returned it (whatever format each file was).
type diffRequest struct {
	Old *model.Document `json:"old"`
	New *model.Document `json:"new"`
}

// handleDiff: POST /api/diff, {old, new} → {"changes": […]} as `kaoping diff
// --format json` prints them; with ?to=xlsx|pdf, the new form with the
// changes marked, as `kaoping diff -o`.
func (s *server) handleDiff(w http.ResponseWriter, r *http.Request) {
	var req diffRequest
	if !s.decodeJSON(w, r, &req) || !checkDoc(w, req.Old) || !checkDoc(w, req.New) {
		return
	}
	to := r.URL.Query().Get("to")
	var f output.Format
	if to != "" {
		var ok bool
		if f, ok = output.Lookup(to); !ok || !f.File {
			fail(w, http.StatusBadRequest, "bad-format", "to 应为 xlsx 或 pdf", "to must be xlsx or pdf")
			return
		}
	}
	var res diff.Result
	var buf bytes.Buffer
	if err := s.job(r.Context(), func() error {
		res = diff.Compare(req.Old, req.New)
		if to == "" {
			return nil
		}
		ov, marks := diff.Overlay(req.Old, req.New, res)
		return f.Write(r.Context(), &buf, ov, output.Options{Clean: true, Diff: marks})
	}); err != nil {
		s.failErr(w, err)
		return
	}
	if to == "" {
		writeJSON(w, res)
		return
	}
	name := "变更-" + fileName(req.New, f)
	w.Header().Set("Content-Type", f.MIME)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, asciiName(name, f.Ext), url.PathEscape(name)))
	_, _ = w.Write(buf.Bytes())
}
