package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
)

// pagedRead stands for a reader that OCRs pages pages, each taking per:
// it reports each page as ingest does, then gives the fixture's document.
// seen, when set, is called after each report with the page, so a test
// can look at the board meanwhile.
func pagedRead(t *testing.T, pages int, per time.Duration, seen func(page int)) readFunc {
	doc := seedDoc(t)
	return func(ctx context.Context, name string, data []byte) (*model.Document, error) {
		report := ingest.ProgressFrom(ctx)
		for k := 1; k <= pages; k++ {
			if report != nil {
				report(k, pages)
			}
			if seen != nil {
				seen(k)
			}
			select {
			case <-time.After(per):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		return doc, nil
	}
}

// TestTimeoutPerOCRPage: --timeout holds per page for a read by OCR. Four
// pages of 0.2 s each under a 0.6 s timeout finish (1.3× the timeout in
// all, with 0.4 s after the last page for the rest of the conversion on a
// loaded machine: 0.2 s was not always enough); the same work without page
// reports is cut off at the timeout. The test sleeps more than it works,
// so it runs beside the others.
func TestTimeoutPerOCRPage(t *testing.T) {
	t.Parallel()
	const timeout, per = 600 * time.Millisecond, 200 * time.Millisecond
	ct, body := multipartBody(t, "file", "scan.pdf", []byte("%PDF-1.4"))
	h := New(Config{Timeout: timeout, Read: pagedRead(t, 4, per, nil)})
	start := time.Now()
	if w := do(t, h, "POST", "/api/convert", ct, body); w.Code != http.StatusOK {
		t.Fatalf("a 4-page scan of %v a page under a %v timeout: %d %s", per, timeout, w.Code, w.Body.String())
	}
	if took := time.Since(start); took < 4*per {
		t.Fatalf("took %v: the fake did not do its pages", took)
	}
	// one page that takes longer than the timeout is still cut off
	ct, body = multipartBody(t, "file", "scan.pdf", []byte("%PDF-1.4"))
	h = New(Config{Timeout: timeout, Read: pagedRead(t, 2, timeout+per, nil)})
	if w := do(t, h, "POST", "/api/convert", ct, body); w.Code != http.StatusGatewayTimeout || apiErr(t, w).Code != "timeout" {
		t.Fatalf("a page over the timeout: %d %s, want 504 timeout", w.Code, w.Body.String())
	}
	// and work that reports no pages has the timeout once
	ct, body = multipartBody(t, "file", "a.txt", []byte("x"))
	slow := func(ctx context.Context, _ string, _ []byte) (*model.Document, error) {
		select {
		case <-time.After(3 * timeout):
			return seedDoc(t), nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	h = New(Config{Timeout: timeout, Read: slow})
	if w := do(t, h, "POST", "/api/convert", ct, body); w.Code != http.StatusGatewayTimeout {
		t.Fatalf("slow work without pages: %d, want 504", w.Code)
	}
}

// TestProgress: while a conversion named by X-Kaoping-Job runs,
// GET /api/progress?job= gives the page OCR is on; after it, or for
// another name, 404.
func TestProgress(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []pageProgress
	var h *server
	look := func(page int) {
		w := do(t, h, "GET", "/api/progress?job=scan-1", "", nil)
		var p pageProgress
		if w.Code != http.StatusOK || json.Unmarshal(w.Body.Bytes(), &p) != nil {
			t.Errorf("page %d: GET /api/progress: %d %s", page, w.Code, w.Body.String())
		}
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
	}
	h = New(Config{Read: pagedRead(t, 2, 10*time.Millisecond, look)})
	ct, body := multipartBody(t, "file", "scan.pdf", []byte("%PDF-1.4"))
	r := httptest.NewRequest("POST", "/api/convert", body)
	r.Host = "127.0.0.1:8765"
	r.Header.Set("Content-Type", ct)
	r.Header.Set(TokenHeader, h.Token())
	r.Header.Set(JobHeader, "scan-1")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("convert: %d %s", w.Code, w.Body.String())
	}
	if want := []pageProgress{{1, 2}, {2, 2}}; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("progress seen %v, want %v", got, want)
	}
	if w := do(t, h, "GET", "/api/progress?job=scan-1", "", nil); w.Code != http.StatusNotFound {
		t.Errorf("after the conversion: %d, want 404", w.Code)
	}
	for _, bad := range []string{"", "../x", "a b", string(make([]byte, 65))} {
		if validJob(bad) {
			t.Errorf("job name %q accepted", bad)
		}
	}
}

// TestWriteDeadlinePerOCRPage: behind an http.Server whose WriteTimeout
// is --timeout plus a little (as kaoping serve runs it), a scan that takes
// longer than that still gets its answer: each page moves the response's
// write deadline too. Pages of 0.2 s under a 0.6 s timeout leave 0.4 s
// after the last one for the conversion: 0.15 s gave 504s at load 45.
func TestWriteDeadlinePerOCRPage(t *testing.T) {
	t.Parallel()
	const timeout = 600 * time.Millisecond
	h := New(Config{Timeout: timeout, Read: pagedRead(t, 4, 200*time.Millisecond, nil)})
	srv := httptest.NewUnstartedServer(h)
	srv.Config.WriteTimeout = timeout + 100*time.Millisecond
	srv.Start()
	defer srv.Close()
	ct, body := multipartBody(t, "file", "scan.pdf", []byte("%PDF-1.4"))
	req, err := http.NewRequest("POST", srv.URL+"/api/convert", body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ct)
	req.Header.Set(TokenHeader, h.Token())
	res, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("a 0.8 s scan behind a %v write timeout: %v", srv.Config.WriteTimeout, err)
	}
	defer res.Body.Close()
	var doc map[string]any
	if res.StatusCode != http.StatusOK || json.NewDecoder(res.Body).Decode(&doc) != nil || doc["forms"] == nil {
		t.Fatalf("status %d, document %v", res.StatusCode, doc != nil)
	}
}
