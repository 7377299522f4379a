package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// startServe runs `kaoping serve` with o until the test ends and returns its URL.
func startServe(t *testing.T, o serveOpts) (string, *bytes.Buffer) {
	t.Helper()
	var stderr bytes.Buffer
	a := &app{stdout: io.Discard, stderr: &stderr, lang: "zh"}
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	o.ready = func(u string) { urls <- u }
	errc := make(chan error, 1)
	go func() { errc <- a.serve(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-errc:
			if err != nil {
				t.Errorf("serve returned %v after the context ended", err)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
	})
	select {
	case u := <-urls:
		return u, &stderr
	case err := <-errc:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	return "", nil
}

// TestServeRuns: the command serves the page and the API on loopback and
// stops cleanly when its context ends (Ctrl+C).
func TestServeRuns(t *testing.T) {
	url, stderr := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "1KB", timeout: 5 * time.Second, jobs: 1})
	if !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.Contains(stderr.String(), url) {
		t.Errorf("url %q, stderr %q", url, stderr.String())
	}
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Contains(page, []byte("app.js")) {
		t.Errorf("GET /: %d %q", res.StatusCode, page)
	}
	// --max-upload reaches the handlers
	res, err = http.Post(url+"api/audit", "application/json", strings.NewReader(`{"schema":"kaoping/v1","x":"`+strings.Repeat("长", 1000)+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("a 3 KB body with --max-upload 1KB: status %d", res.StatusCode)
	}
}

// TestServeRemoteWarns: with --allow-remote a non-loopback address is served
// with a warning on stderr.
func TestServeRemoteWarns(t *testing.T) {
	_, stderr := startServe(t, serveOpts{addr: "0.0.0.0:0", allowRemote: true, maxUpload: "50MB", timeout: time.Second, jobs: 1})
	if !strings.Contains(stderr.String(), "警告") {
		t.Errorf("no warning: %q", stderr.String())
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"50MB": 50 << 20, "50mb": 50 << 20, "512KB": 512 << 10, "1G": 1 << 30, "1.5M": 3 << 19, "2048": 2048, " 10 MB ": 10 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1MB", "0", "lots", "1TBB", "9999999GB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
}
