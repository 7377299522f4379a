package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/web"
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
	// the token printed is the one the server asks for, and GET /api/token gives
	tok := token(t, url)
	if !strings.Contains(stderr.String(), tok) {
		t.Errorf("the session token %q is not on stderr: %q", tok, stderr.String())
	}
	// --max-upload reaches the handlers
	res, err = post(t, url+"api/audit", "application/json", strings.NewReader(`{"schema":"kaoping/v1","x":"`+strings.Repeat("长", 1000)+`"}`))
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

// token reads the session token as a script does: GET /api/token.
func token(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url + "api/token")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || len(b) == 0 {
		t.Fatalf("GET /api/token: %d %q", res.StatusCode, b)
	}
	return string(b)
}

// post is http.Post with the session token, as a script sends it.
func post(t *testing.T, url, ctype string, body io.Reader) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set(web.TokenHeader, token(t, url[:strings.Index(url, "/api/")+1]))
	return http.DefaultClient.Do(req)
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

// cli runs kaoping with args and returns its stdout.
func cli(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, strings.NewReader(""), &out, &errb); code > exitFindings {
		t.Fatalf("kaoping %v: exit %d: %s", args, code, errb.String())
	}
	return out.Bytes()
}

// TestServeSameAsCLI: the page's API answers what the CLI prints for the same
// file — convert, convert --fix, audit --format json — so the two share one
// code path in effect, not only in intent.
func TestServeSameAsCLI(t *testing.T) {
	const seed = "../../fixtures/quanxin-2023-9-notice.txt"
	data, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	url, _ := startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "50MB", timeout: time.Minute, jobs: 2})
	upload := func(query string) []byte {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		w, _ := mw.CreateFormFile("file", filepath.Base(seed))
		_, _ = w.Write(data)
		_ = mw.Close()
		res, err := post(t, url+"api/convert"+query, mw.FormDataContentType(), &body)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("convert%s: %d %s", query, res.StatusCode, b)
		}
		return b
	}
	post := func(path string, body []byte) []byte {
		res, err := post(t, url+path, "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 {
			t.Fatalf("%s: %d %s", path, res.StatusCode, b)
		}
		return b
	}
	doc := upload("")
	if want := cli(t, "convert", seed); !bytes.Equal(doc, want) {
		t.Errorf("/api/convert differs from kaoping convert (%d vs %d bytes)", len(doc), len(want))
	}
	if got, want := upload("?fix=1"), cli(t, "convert", "--fix", seed); !bytes.Equal(got, want) {
		t.Errorf("/api/convert?fix=1 differs from kaoping convert --fix (%d vs %d bytes)", len(got), len(want))
	}
	if got := post("api/render?to=json", doc); !bytes.Equal(got, doc) {
		t.Errorf("/api/render?to=json of the converted document is not that document (%d vs %d bytes)", len(got), len(doc))
	}
	var api, cmd struct {
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(post("api/audit", doc), &api); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(cli(t, "audit", "--format", "json", seed), &cmd); err != nil {
		t.Fatal(err)
	}
	if len(api.Findings) != len(cmd.Findings) || len(cmd.Findings) == 0 {
		t.Fatalf("/api/audit: %d findings, kaoping audit: %d", len(api.Findings), len(cmd.Findings))
	}
	for i := range cmd.Findings {
		if !bytes.Equal(compact(t, api.Findings[i]), compact(t, cmd.Findings[i])) {
			t.Errorf("finding %d differs:\n api %s\n cli %s", i, api.Findings[i], cmd.Findings[i])
		}
	}
}

func compact(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
