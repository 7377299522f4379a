package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGuard: a request another site makes the clerk's browser send is refused
// (403, with the reason in both languages) whatever it posts, and so is a POST
// without this run's token; the page's own requests and scripts with the token
// are served.
func TestGuard(t *testing.T) {
	s := New(Config{})
	const host = "127.0.0.1:8765"
	convert := func() (string, io.Reader) { return multipartBody(t, "file", "seed.txt", seed(t)) }
	cases := []struct {
		name    string
		method  string
		path    string
		headers map[string]string
		token   bool
		status  int
		code    string
	}{
		{"the page's own upload", "POST", "/api/convert", map[string]string{"Origin": "http://" + host, "Sec-Fetch-Site": "same-origin"}, true, 200, ""},
		{"a script (no Origin, no Sec-Fetch-*)", "POST", "/api/convert", nil, true, 200, ""},
		{"another site's Origin", "POST", "/api/convert", map[string]string{"Origin": "https://evil.example.com"}, true, 403, "cross-origin"},
		{"Origin: null", "POST", "/api/convert", map[string]string{"Origin": "null"}, true, 403, "cross-origin"},
		{"Sec-Fetch-Site: cross-site", "POST", "/api/convert", map[string]string{"Sec-Fetch-Site": "cross-site"}, true, 403, "cross-origin"},
		{"Sec-Fetch-Site: same-site (another port)", "POST", "/api/convert", map[string]string{"Sec-Fetch-Site": "same-site"}, true, 403, "cross-origin"},
		{"same host, another port", "POST", "/api/convert", map[string]string{"Origin": "http://127.0.0.1:9999"}, true, 403, "cross-origin"},
		{"an Origin with a path", "POST", "/api/convert", map[string]string{"Origin": "http://" + host + "/x"}, true, 403, "cross-origin"},
		{"no token", "POST", "/api/convert", map[string]string{"Origin": "http://" + host}, false, 403, "bad-token"},
		{"the token from a GET elsewhere is asked for", "GET", "/api/token", map[string]string{"Sec-Fetch-Site": "cross-site"}, false, 403, "cross-origin"},
		{"the page reads its token", "GET", "/api/token", map[string]string{"Sec-Fetch-Site": "same-origin"}, false, 200, ""},
		{"a link to the page from elsewhere", "GET", "/", map[string]string{"Sec-Fetch-Site": "cross-site"}, false, 200, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var body io.Reader
			ctype := ""
			if c.method == "POST" {
				ctype, body = convert()
			}
			r := httptest.NewRequest(c.method, c.path, body)
			r.Host = host
			if ctype != "" {
				r.Header.Set("Content-Type", ctype)
			}
			for k, v := range c.headers {
				r.Header.Set(k, v)
			}
			if c.token {
				r.Header.Set(TokenHeader, s.Token())
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d: %s", w.Code, c.status, w.Body.String())
			}
			if c.code != "" {
				if e := apiErr(t, w); e.Code != c.code {
					t.Errorf("error code %q, want %q", e.Code, c.code)
				}
			}
			if c.path == "/api/token" && c.status == 200 && w.Body.String() != s.Token() {
				t.Errorf("GET /api/token: %q", w.Body.String())
			}
		})
	}
	// a wrong token, and the token of another run, are refused
	for _, tok := range []string{"x", strings.Repeat("0", 32), New(Config{}).Token()} {
		w := doWith(t, s, map[string]string{TokenHeader: tok}, "POST", "/api/audit", "application/json", strings.NewReader(`{}`))
		if w.Code != http.StatusForbidden {
			t.Errorf("token %q: status %d", tok, w.Code)
		}
	}
	if a, b := New(Config{}).Token(), New(Config{}).Token(); a == b || len(a) != 32 {
		t.Errorf("tokens of two runs: %q, %q", a, b)
	}
}

// doWith is do with headers of the caller's own (and no token unless given).
func doWith(t testing.TB, h http.Handler, headers map[string]string, method, target, ctype string, body io.Reader) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8765"
	if ctype != "" {
		r.Header.Set("Content-Type", ctype)
	}
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestSameOrigin(t *testing.T) {
	for _, c := range []struct {
		origin, host string
		want         bool
	}{
		{"http://127.0.0.1:8765", "127.0.0.1:8765", true},
		{"http://LOCALHOST:8765", "localhost:8765", true},
		{"https://127.0.0.1:8765", "127.0.0.1:8765", true},
		{"http://[::1]:8765", "[::1]:8765", true},
		{"null", "127.0.0.1:8765", false},
		{"", "127.0.0.1:8765", false},
		{"http://127.0.0.1:8765, http://evil", "127.0.0.1:8765", false},
		{"file://", "127.0.0.1:8765", false},
		{"http://user@127.0.0.1:8765", "127.0.0.1:8765", false},
		{"http://127.0.0.1", "127.0.0.1:8765", false},
	} {
		if got := sameOrigin(c.origin, c.host); got != c.want {
			t.Errorf("sameOrigin(%q, %q) = %v", c.origin, c.host, got)
		}
	}
}

// TestPickerListsEveryType: the file chooser offers every type kaoping reads,
// so a clerk's .doc or .et is not greyed out in the dialog.
func TestPickerListsEveryType(t *testing.T) {
	page, err := assets.ReadFile("assets/index.html")
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(page), `accept="`)
	if i < 0 {
		t.Fatal("the file input has no accept list")
	}
	accept := string(page[i+len(`accept="`):])
	accept = accept[:strings.Index(accept, `"`)]
	for _, ext := range []string{".txt", ".pdf", ".xlsx", ".docx", ".ofd", ".doc", ".wps", ".et", ".xls", ".odt", ".ods", ".json", ".jpg", ".png", ".tif"} {
		if !strings.Contains(","+accept+",", ","+ext+",") {
			t.Errorf("the picker does not list %s: %s", ext, accept)
		}
	}
}
