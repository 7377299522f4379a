//go:build unix

package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/render/jsonout"
)

// bigDoc is the seed's form with its categories repeated until it has
// about n rows, without findings: a document whose review costs many
// CPU-seconds (0.5 ms a row) and whose JSON decodes in a fraction of that.
func bigDoc(t testing.TB, n int) *model.Document {
	t.Helper()
	doc := seedDoc(t)
	doc.Findings = []model.Finding{}
	f := &doc.Forms[0]
	base := f.Categories
	rows := 0
	for _, c := range base {
		for _, ind := range c.Indicators {
			rows += len(ind.Items)
		}
	}
	for k := 1; len(f.Categories)/len(base)*rows < n; k++ {
		for _, c := range base {
			c.Name = fmt.Sprintf("%s%d", c.Name, k)
			f.Categories = append(f.Categories, c)
		}
	}
	return doc
}

// countdown is a context that ends at the n-th look at Err: a deadline at a
// chosen point of the work, with no clock.
type countdown struct {
	context.Context
	n, looks int
}

func (c *countdown) Err() error {
	if c.looks++; c.looks >= c.n {
		return context.DeadlineExceeded
	}
	return nil
}

// TestPipelineHonoursContext: the work behind /api/audit, /api/view and
// /api/join stops when its context ends in the middle (deterministically:
// the context ends at its third look, inside the review).
func TestPipelineHonoursContext(t *testing.T) {
	doc := bigDoc(t, 2000)
	if _, err := auditDoc(&countdown{Context: context.Background(), n: 3}, doc); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Audit: err %v", err)
	}
	if _, err := buildView(&countdown{Context: context.Background(), n: 3}, viewRequest{Document: clone(t, doc)}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("BuildView: err %v", err)
	}
	if _, _, err := join(&countdown{Context: context.Background(), n: 3}, []*model.Document{clone(t, doc), seedDoc(t)}); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Join: err %v", err)
	}
}

// TestTimeoutEndsWork: with one job slot and a 1.5 s --timeout, a document
// whose review costs several CPU-seconds (20,000 rows; at least twice the
// timeout, checked below) posted to /api/audit, /api/view and
// /api/render gets 504 instead of its answer, and the slot is free for
// the next request at once. Without the audit honouring its context the
// answer would be a 200 after the whole review. A body that does not
// arrive within the timeout gets 504 too.
func TestTimeoutEndsWork(t *testing.T) {
	if testing.Short() {
		t.Skip("reviews a 20,000-row document; runs without -short")
	}
	doc := bigDoc(t, 20000)
	var body bytes.Buffer
	if err := jsonout.Write(&body, doc); err != nil {
		t.Fatal(err)
	}
	view, err := json.Marshal(viewRequest{Document: doc})
	if err != nil {
		t.Fatal(err)
	}
	// The review really is longer than the timeout: a quarter of it, with
	// no deadline, takes over half the timeout of this process's CPU, so
	// the whole takes twice the timeout or more (it is linear in the rows).
	const timeout = 1500 * time.Millisecond
	quarter := bigDoc(t, 5000)
	cpu0 := cpuTime(t)
	if _, err := auditDoc(context.Background(), quarter); err != nil {
		t.Fatal(err)
	}
	if d := cpuTime(t) - cpu0; d < timeout/2 {
		t.Skipf("a 5,000-row review took only %v of CPU: 20,000 rows may fit in the timeout on this machine", d)
	}
	s := New(Config{Timeout: timeout, MaxJobs: 1})
	srv := httptest.NewServer(s)
	defer srv.Close()
	post := func(path, ctype string, b io.Reader) (int, string, time.Duration) {
		req, err := http.NewRequest("POST", srv.URL+path, b)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", ctype)
		req.Header.Set(TokenHeader, s.Token())
		start := time.Now()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		out, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(out), time.Since(start)
	}
	small := func() {
		var b bytes.Buffer
		if err := jsonout.Write(&b, seedDoc(t)); err != nil {
			t.Fatal(err)
		}
		if code, out, _ := post("/api/audit", "application/json", &b); code != http.StatusOK {
			t.Fatalf("the next request: %d %s (the slot was not freed)", code, out)
		}
	}
	for _, c := range []struct{ path, body string }{
		{"/api/audit", body.String()},
		{"/api/view", string(view)},
		{"/api/render?to=pdf", body.String()},
	} {
		code, out, took := post(c.path, "application/json", strings.NewReader(c.body))
		t.Logf("%s: %d after %v (timeout %v)", c.path, code, took.Round(time.Millisecond), timeout)
		if code != http.StatusGatewayTimeout || !strings.Contains(out, `"timeout"`) {
			t.Errorf("%s: %d %.200s, want 504 timeout", c.path, code, out)
		}
		if took > timeout+20*time.Second {
			t.Errorf("%s: answered after %v: the work went on past the timeout", c.path, took)
		}
		small()
	}

	// A body that stops arriving: the read deadline ends it.
	pr, pw := io.Pipe()
	go func() {
		_, _ = pw.Write([]byte(`{"schema": "kaoping/v2", "forms": [`))
		time.Sleep(timeout + 3*time.Second)
		pw.Close()
	}()
	code, out, took := post("/api/audit", "application/json", pr)
	t.Logf("stalled body: %d after %v", code, took.Round(time.Millisecond))
	if code != http.StatusGatewayTimeout {
		t.Errorf("stalled body: %d %.200s, want 504", code, out)
	}
	small()
}

// cpuTime is this process's CPU time so far, user and system.
func cpuTime(t testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
