package web

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/diff"
)

// TestDiff: the changes between two documents, as `kaoping diff --format
// json`; the marked workbook with ?to=xlsx; a bad body refused.
func TestDiff(t *testing.T) {
	old := reviewedDoc(t)
	nw := reviewedDoc(t)
	it := &nw.Forms[0].Categories[0].Indicators[0].Items[0]
	it.Weight = model.Float(*it.Weight + 1)
	w := do(t, New(Config{}), "POST", "/api/diff", "application/json", jsonBody(t, diffRequest{Old: old, New: nw}))
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body.String())
	}
	var res diff.Result
	if err := json.Unmarshal(w.Body.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Changes) != 1 || res.Changes[0].Kind != diff.Changed || res.Changes[0].Field != diff.FieldWeight || res.Changes[0].Row != it.ID {
		t.Errorf("changes %+v", res.Changes)
	}
	w = do(t, New(Config{}), "POST", "/api/diff?to=xlsx", "application/json", jsonBody(t, diffRequest{Old: old, New: nw}))
	if w.Code != 200 || !bytes.HasPrefix(w.Body.Bytes(), []byte("PK")) {
		t.Errorf("?to=xlsx: status %d, %q", w.Code, w.Body.Bytes()[:min(w.Body.Len(), 8)])
	}
	for _, body := range []any{diffRequest{Old: old}, map[string]string{"old": "x"}} {
		if w := do(t, New(Config{}), "POST", "/api/diff", "application/json", jsonBody(t, body)); w.Code != 400 {
			t.Errorf("%v: status %d", body, w.Code)
		}
	}
	if w := do(t, New(Config{}), "POST", "/api/diff?to=json", "application/json", jsonBody(t, diffRequest{Old: old, New: nw})); w.Code != 400 {
		t.Errorf("?to=json: status %d", w.Code)
	}
}
