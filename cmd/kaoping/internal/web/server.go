// Package web is `kaoping serve`: a page for the clerk, embedded in the binary,
// and the small JSON API it calls. The page works offline — every asset is in
// assets/ and nothing is fetched from elsewhere — because office machines
// often are. The handlers only decode, call the pipeline the CLI uses (ingest,
// model/audit, render) and encode; uploads stay in memory and nothing is kept
// after a response.
package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kaoping/kaoping/ingest"
)

//go:embed assets
var assets embed.FS

// Config sets the limits of a server.
type Config struct {
	// MaxUpload is the largest request body accepted, in bytes.
	MaxUpload int64
	// Timeout bounds the work of one request (reading, auditing, rendering);
	// a conversion read by OCR has it anew for each page (progress.go).
	Timeout time.Duration
	// MaxJobs is how many conversions, audits and renders run at once; more
	// wait for a slot until their timeout.
	MaxJobs int
	// Remote accepts requests addressed to any host name. Without it only
	// localhost and loopback addresses are answered, so a web page elsewhere
	// cannot reach this server by pointing a name of its own at 127.0.0.1
	// (DNS rebinding).
	Remote bool
	// Read reads an upload; nil means ingest.Read in this process. serve
	// passes an isolated reader, so a file that kills its reader costs a
	// worker process and not the server.
	Read readFunc
}

// Defaults: 50 MB uploads, a minute per request, one job per core.
const (
	defaultMaxUpload = 50 << 20
	DefaultTimeout   = time.Minute
)

// server serves the page and the API.
type server struct {
	cfg  Config
	jobs chan struct{} // the semaphore bounding concurrent jobs
	// held is the bytes of the uploads being read, waiting or running
	// (their declared lengths); one that would take it past
	// 4×MaxUpload is refused before its body is read.
	mu   sync.Mutex
	held int64
	mux  *http.ServeMux
	// token is this run's session token, required on every POST (guard.go).
	token string
	// board is the OCR progress of the conversions running (progress.go).
	board progressBoard
}

// New builds a server; zero fields of cfg take the defaults.
func New(cfg Config) *server {
	if cfg.MaxUpload <= 0 {
		cfg.MaxUpload = defaultMaxUpload
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxJobs <= 0 {
		cfg.MaxJobs = runtime.NumCPU()
	}
	if cfg.Read == nil {
		cfg.Read = ingest.Read
	}
	s := &server{cfg: cfg, jobs: make(chan struct{}, cfg.MaxJobs), mux: http.NewServeMux(), token: newToken()}
	static, err := fs.Sub(assets, "assets")
	if err != nil {
		panic(err) // the embedded tree always has assets/; a build without it is a programming error
	}
	files := http.FileServerFS(static)
	s.mux.HandleFunc("GET /api/token", s.handleToken)
	s.mux.HandleFunc("POST /api/convert", s.handleConvert)
	s.mux.HandleFunc("GET /api/progress", s.handleProgress)
	s.mux.HandleFunc("POST /api/audit", s.handleAudit)
	s.mux.HandleFunc("POST /api/render", s.handleRender)
	s.mux.HandleFunc("POST /api/view", s.handleView)
	s.mux.HandleFunc("POST /api/join", s.handleJoin)
	s.mux.HandleFunc("POST /api/pair", s.handlePair)
	s.mux.HandleFunc("POST /api/diff", s.handleDiff)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			s.handleNotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
	return s
}

// ServeHTTP applies the limits every request shares, then routes it.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// The page loads nothing from elsewhere; the browser is told to refuse it too.
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-src blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cache-Control", "no-store")
	if !s.cfg.Remote && !loopbackHost(r.Host) {
		fail(w, http.StatusForbidden, "forbidden-host", "此服务只接受发往本机的请求", "this server answers requests addressed to this machine only")
		return
	}
	if !s.guard(w, r) {
		return
	}
	defer func() {
		// A document crafted to trip a renderer must not take the server
		// down; the clerk gets an error, the next request a working server.
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			fail(w, http.StatusInternalServerError, "internal", fmt.Sprintf("内部错误：%v", p), fmt.Sprintf("internal error: %v", p))
		}
	}()
	ctx, cancel := withStretchableTimeout(r.Context(), s.cfg.Timeout)
	defer cancel()
	r = r.WithContext(ctx)
	// The body must arrive within the timeout too: a client trickling a
	// JSON document or an upload would otherwise keep its connection and
	// its share of the upload budget for as long as it likes. (Not every
	// ResponseWriter has a connection: tests' recorders do not.)
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.Timeout))
	if r.Body != nil {
		r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUpload)
	}
	s.mux.ServeHTTP(w, r)
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errBusy: no job slot came free before the request's time ran out.
var errBusy = errors.New("busy")

// acquire takes a job slot, waiting until ctx ends. A request whose time is
// already up is told so (a timeout), one that waited in vain that the server
// is busy.
func (s *server) acquire(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case s.jobs <- struct{}{}:
		return nil
	case <-ctx.Done():
		return errBusy
	}
}

func (s *server) release() { <-s.jobs }

// admit reserves memory for an upload of n bytes (its Content-Length, or
// MaxUpload when it has none) without waiting; false means the uploads
// already held would pass the budget, and this one must be refused before
// its body is read: sixteen 49 MB uploads buffered only to be told "busy"
// cost 2.3 GB. Many small files dropped at once all get in.
func (s *server) admit(n int64) bool {
	if n < 0 || n > s.cfg.MaxUpload {
		n = s.cfg.MaxUpload
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held > 0 && s.held+n > 4*s.cfg.MaxUpload {
		return false
	}
	s.held += n
	return true
}

func (s *server) unadmit(n int64) {
	if n < 0 || n > s.cfg.MaxUpload {
		n = s.cfg.MaxUpload
	}
	s.mu.Lock()
	s.held -= n
	s.mu.Unlock()
}

// job runs fn in a job slot. The slot is given back however fn ends, a panic
// included, so a bad document cannot leave the server with fewer slots.
func (s *server) job(ctx context.Context, fn func() error) error {
	if err := s.acquire(ctx); err != nil {
		return err
	}
	defer s.release()
	return fn()
}
