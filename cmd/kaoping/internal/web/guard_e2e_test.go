package web

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserCrossSite: a page on another site, open in the clerk's browser,
// tries the three ways a browser lets it post to the local server — a fetch
// (Origin: its own, Sec-Fetch-Site: cross-site), a sandboxed frame's fetch
// (Origin: null) and a plain form submission — and every one is refused
// before it reaches a handler, while the page's own upload in the same
// browser works.
func TestBrowserCrossSite(t *testing.T) {
	s := New(Config{})
	type hit struct {
		origin, site string
		status       int
	}
	var mu sync.Mutex
	var hits []hit
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusWriter{ResponseWriter: w, status: 200}
		s.ServeHTTP(rec, r)
		if r.Method == http.MethodPost {
			mu.Lock()
			hits = append(hits, hit{r.Header.Get("Origin"), r.Header.Get("Sec-Fetch-Site"), rec.status})
			mu.Unlock()
		}
	}))
	defer srv.Close()
	target := srv.URL + "/api/convert"
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><title>elsewhere</title>
<script>
const fd = () => { const f = new FormData(); f.append('file', new Blob(['x']), 'a.txt'); return f; };
fetch(%[1]q, { method: 'POST', mode: 'no-cors', body: fd() }).catch(() => {});
</script>
<iframe sandbox="allow-scripts" srcdoc="<script>const f = new FormData(); f.append('file', new Blob(['x']), 'a.txt'); fetch('%[1]s', { method: 'POST', mode: 'no-cors', body: f }).catch(() => {});</script>"></iframe>
<iframe name="sink"></iframe>
<form id="f" method="post" enctype="multipart/form-data" action=%[1]q target="sink"><input type="hidden" name="file" value="x"></form>
<script>document.getElementById('f').submit();</script>`, target)
	}))
	defer evil.Close()
	// Another site: the same machine under another name, so the browser
	// sees a different site (an IP address is a site of its own).
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)

	bctx := newBrowser(t, 60*time.Second)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		if err := chromedp.Run(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	count := func() (own, refused map[string]int) {
		mu.Lock()
		defer mu.Unlock()
		own, refused = map[string]int{}, map[string]int{}
		for _, h := range hits {
			if h.origin == srv.URL && h.site == "same-origin" {
				own[fmt.Sprint(h.status)]++
				continue
			}
			key := "Origin " + h.origin + ", Sec-Fetch-Site " + h.site
			if h.status != http.StatusForbidden {
				t.Errorf("a request from elsewhere (%s) was answered %d", key, h.status)
			}
			refused[key]++
		}
		return own, refused
	}
	run("visit the other site", chromedp.Navigate(evilURL))
	// the fetch, the frame's fetch and the form: three posts
	var sawOther, sawNull, sawCrossSite bool
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		mu.Lock()
		n := len(hits)
		for _, h := range hits {
			sawOther = sawOther || strings.HasPrefix(h.origin, "http://localhost:")
			sawNull = sawNull || h.origin == "null"
			sawCrossSite = sawCrossSite || h.site == "cross-site"
		}
		mu.Unlock()
		if n >= 3 {
			break
		}
	}
	_, refused := count()
	t.Logf("refused: %v", refused)
	if !sawOther || !sawNull || !sawCrossSite {
		t.Errorf("the browser did not send all three forms (another Origin %v, Origin null %v, cross-site %v): %v", sawOther, sawNull, sawCrossSite, refused)
	}

	fixtureAbs := absFixture(t)
	run("the page's own upload",
		chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#drop", chromedp.ByQuery),
		chromedp.SetUploadFiles("#file", []string{fixtureAbs}, chromedp.ByQuery),
		chromedp.WaitVisible("table.form", chromedp.ByQuery),
	)
	own, _ := count()
	if own["200"] < 2 || len(own) != 1 {
		t.Errorf("the page's own requests: %v, want only 200s (convert and view)", own)
	}
}

// statusWriter records the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
