package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
)

// The server runs LibreOffice and holds conversion slots for whoever asks,
// so a page on another site the clerk happens to visit must not be able to
// ask. The host check (loopbackHost) stops DNS rebinding; the guard here
// stops the other two ways a browser can be made to post to 127.0.0.1:
//
//   - a cross-site request: refused by its Origin (another site's, or "null"
//     from a sandboxed frame or a file:// page) or by Sec-Fetch-Site, which
//     the browser sets and a page cannot forge;
//   - a request from a browser too old to send either: refused for want of
//     the session token, which only a reader of GET /api/token has, and that
//     answer another origin cannot read.
//
// Scripts (curl) send neither header and read the token first.

// TokenHeader carries the session token on every POST.
const TokenHeader = "X-Kaoping-Token"

// newToken is a fresh random session token: 128 bits, hex.
func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// Token is the session token the page and scripts send in TokenHeader.
func (s *server) Token() string { return s.token }

// guard answers 403 and reports false for a cross-site request or a POST
// without the session token. Static GETs are not guarded: following a link
// to the page from elsewhere is harmless, and the page holds no secret.
func (s *server) guard(w http.ResponseWriter, r *http.Request) bool {
	static := (r.Method == http.MethodGet || r.Method == http.MethodHead) && !strings.HasPrefix(r.URL.Path, "/api/")
	if static {
		return true
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
		fail(w, http.StatusForbidden, "cross-origin",
			"拒绝跨站请求：此接口只接受本页面自己发出的请求（Sec-Fetch-Site: "+site+"）",
			"cross-site request refused: the API answers the page's own requests only (Sec-Fetch-Site: "+site+")")
		return false
	}
	if o, ok := r.Header["Origin"]; ok && !sameOrigin(strings.Join(o, ","), r.Host) {
		shown := strings.Join(o, ",")
		if len(shown) > 100 {
			shown = shown[:100] + "…"
		}
		fail(w, http.StatusForbidden, "cross-origin",
			"拒绝跨站请求：此接口只接受本页面自己发出的请求（Origin: "+shown+"）",
			"cross-site request refused: the API answers the page's own requests only (Origin: "+shown+")")
		return false
	}
	if r.Method == http.MethodPost {
		got := r.Header.Get(TokenHeader)
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
			fail(w, http.StatusForbidden, "bad-token",
				"缺少会话令牌或令牌不对：请刷新页面；脚本请先 GET /api/token，再把它放在请求头 "+TokenHeader+" 中",
				"missing or wrong session token: reload the page; scripts GET /api/token first and send it in the "+TokenHeader+" header")
			return false
		}
	}
	return true
}

// sameOrigin reports whether an Origin header names the server the request
// was sent to: http(s) and exactly the Host header. "null" (sandboxed frames,
// file:// pages, some redirects) is never the page's own.
func sameOrigin(origin, host string) bool {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.User != nil {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

// handleToken: GET /api/token → the session token as text, for the page and
// for scripts. Another origin is refused by guard before this runs, and could
// not read the answer anyway (no CORS headers are ever sent).
func (s *server) handleToken(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte(s.token))
}
