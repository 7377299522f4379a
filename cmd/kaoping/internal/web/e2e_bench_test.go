package web

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/kaoping/kaoping/model"
)

// BenchmarkBrowser times the page in Chromium against the bare API call in
// the same run: upload → table drawn (page-upload vs api-convert) and one
// edit → table redrawn (page-edit vs api-view), for the seed and a 6-page
// PDF (the first six pages of fixtures/pdf/tables/seed-form.pdf, cut with
// qpdf). The page's times are measured in the page (performance.now, until
// the frame after the table is in the DOM) and reported as page-ms/op next
// to ns/op, which adds the DevTools round trip.
//
//	go test ./cmd/kaoping/internal/web -run - -bench Browser -benchtime 10x
func BenchmarkBrowser(b *testing.B) {
	chromium(b)
	s := New(Config{})
	srv := httptest.NewServer(s)
	defer srv.Close()
	inputs := []struct{ name, path string }{{"seed", absFixture(b)}}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		src, _ := filepath.Abs("../../../../fixtures/pdf/tables/seed-form.pdf")
		six := filepath.Join(b.TempDir(), "six-pages.pdf")
		if out, err := exec.Command(qpdf, src, "--pages", src, "1-6", "--", six).CombinedOutput(); err != nil {
			b.Fatalf("qpdf: %v: %s", err, out)
		}
		inputs = append(inputs, struct{ name, path string }{"pdf6", six})
	} else {
		b.Log("no qpdf: the 6-page PDF is left out")
	}
	ctx := newBrowser(b, 10*time.Minute)
	if err := chromedp.Run(ctx, chromedp.EmulateViewport(1366, 768), chromedp.Navigate(srv.URL),
		chromedp.WaitVisible("#drop", chromedp.ByQuery)); err != nil {
		b.Fatal(err)
	}
	eval := func(expr string, out any) {
		b.Helper()
		if err := chromedp.Run(ctx, chromedp.Evaluate(expr, out, func(e *runtime.EvaluateParams) *runtime.EvaluateParams {
			return e.WithAwaitPromise(true)
		})); err != nil {
			b.Fatal(err)
		}
	}
	for _, in := range inputs {
		data, err := os.ReadFile(in.path)
		if err != nil {
			b.Fatal(err)
		}
		eval(fmt.Sprintf(`(() => { const b = atob(%q); const u = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) u[i] = b.charCodeAt(i);
			window.__file = new File([u], %q); })()`, base64.StdEncoding.EncodeToString(data), filepath.Base(in.path)), nil)

		b.Run("page-upload/"+in.name, func(b *testing.B) {
			var total float64
			for b.Loop() {
				var ms float64
				eval(`(async () => { const t0 = performance.now(); const n = entries.length; addFiles([window.__file]); const e = entries[n];
					await new Promise((res, rej) => { const ok = () => e.view && e.node.querySelector('table.form');
						if (ok()) return res(); const mo = new MutationObserver(() => { if (e.error) rej(e.error.message); if (ok()) { mo.disconnect(); res(); } });
						mo.observe(e.node, { childList: true, subtree: true }); });
					await new Promise(requestAnimationFrame);
					const ms = performance.now() - t0; closeEntry(e); return ms; })()`, &ms)
				total += ms
			}
			b.ReportMetric(total/float64(b.N), "page-ms/op")
		})
		b.Run("api-convert/"+in.name, func(b *testing.B) {
			for b.Loop() {
				ct, body := multipartBody(b, "file", filepath.Base(in.path), data)
				if code, _ := post(b, srv.URL+"/api/convert", ct, s.Token(), body); code != 200 {
					b.Fatal(code)
				}
			}
		})

		// one edit of the first weight cell, alternating 6 and 7 so each is a change
		eval(`(async () => { addFiles([window.__file]); const e = entries[entries.length - 1];
			while (!(e.view && e.node.querySelector('td[data-edit-column=weight]'))) await new Promise((r) => setTimeout(r, 20)); })()`, nil)
		b.Run("page-edit/"+in.name, func(b *testing.B) {
			var total float64
			i := 0
			for b.Loop() {
				i++
				var ms float64
				eval(fmt.Sprintf(`(async () => { const e = active; const c = e.node.querySelector('td[data-edit-column=weight]');
					const edit = Object.assign(JSON.parse(c.dataset.edit), { value: '%d', was: c.dataset.text });
					const t0 = performance.now(); await commitEdit(e, edit); await new Promise(requestAnimationFrame);
					const ms = performance.now() - t0; e.edits.pop(); return ms; })()`, 6+i%2), &ms)
				total += ms
			}
			b.ReportMetric(total/float64(b.N), "page-ms/op")
		})
		b.Run("api-view/"+in.name, func(b *testing.B) {
			ct, body := multipartBody(b, "file", filepath.Base(in.path), data)
			code, converted := post(b, srv.URL+"/api/convert", ct, s.Token(), body)
			if code != 200 {
				b.Fatal(code)
			}
			var doc model.Document
			if err := json.Unmarshal(converted, &doc); err != nil {
				b.Fatal(err)
			}
			e := firstWeight(b, &doc)
			i := 0
			for b.Loop() {
				i++
				e.Value = fmt.Sprint(6 + i%2)
				req, _ := json.Marshal(viewRequest{Document: &doc, Edits: []edit{e}})
				if code, _ := post(b, srv.URL+"/api/view", "application/json", s.Token(), bytes.NewReader(req)); code != 200 {
					b.Fatal(code)
				}
			}
		})
		eval(`closeEntry(active)`, nil)
	}
}

// firstWeight is an edit of the first item's weight.
func firstWeight(b *testing.B, doc *model.Document) edit {
	for fi, f := range doc.Forms {
		for ci, c := range f.Categories {
			for ii, ind := range c.Indicators {
				if len(ind.Items) > 0 {
					return edit{Form: fi, Category: ci, Ind: ii, Item: 0, ID: ind.Items[0].ID, Column: model.ColWeight}
				}
			}
		}
	}
	b.Fatal("no item")
	return edit{}
}

// post is a script's POST with the session token.
func post(b testing.TB, url, ctype, token string, body io.Reader) (int, []byte) {
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, url, body)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set(TokenHeader, token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, out
}
