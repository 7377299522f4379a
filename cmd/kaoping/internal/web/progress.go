package web

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/kaoping/kaoping/ingest"
)

// JobHeader names a conversion, so that the page can ask how far it got
// (GET /api/progress?job=ID) while the POST is still running.
const JobHeader = "X-Kaoping-Job"

// progressBoard holds the OCR progress of the conversions running now,
// by the job names the page gave them; an entry lives as long as its
// request.
type progressBoard struct {
	mu   sync.Mutex
	jobs map[string]pageProgress
}

// pageProgress is page Page of Pages being read by OCR; zero before the
// first page (or for a file that needs no OCR).
type pageProgress struct {
	Page  int `json:"page"`
	Pages int `json:"pages"`
}

// validJob accepts the names the page makes: up to 64 letters, digits and
// hyphens.
func validJob(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func (b *progressBoard) start(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.jobs == nil {
		b.jobs = map[string]pageProgress{}
	}
	b.jobs[id] = pageProgress{}
}

func (b *progressBoard) set(id string, p pageProgress) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.jobs[id]; ok {
		b.jobs[id] = p
	}
}

func (b *progressBoard) end(id string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.jobs, id)
}

func (b *progressBoard) get(id string) (pageProgress, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p, ok := b.jobs[id]
	return p, ok
}

// withPageProgress returns the context a conversion reads with: each page
// it starts to read by OCR is posted on the board under job (when the page
// named one) and gets a full --timeout of its own — the request's deadline,
// and its response's write deadline, move to that far from now.
func (s *server) withPageProgress(ctx context.Context, w http.ResponseWriter, job string) context.Context {
	rc := http.NewResponseController(w)
	return ingest.WithProgress(ctx, func(page, pages int) {
		if sc, ok := ctx.Value(stretchKey{}).(*stretchable); ok {
			until := sc.extend(s.cfg.Timeout)
			_ = rc.SetWriteDeadline(until.Add(writeSlack))
		}
		if job != "" {
			s.board.set(job, pageProgress{Page: page, Pages: pages})
		}
	})
}

// writeSlack is how long after its work's deadline a response may still
// be written (serve's http.Server has WriteTimeout = --timeout + this).
const writeSlack = 10 * time.Second

// handleProgress: GET /api/progress?job=ID → {"page": k, "pages": n} of the
// conversion named ID, 404 when none by that name is running.
func (s *server) handleProgress(w http.ResponseWriter, r *http.Request) {
	p, ok := s.board.get(r.URL.Query().Get("job"))
	if !ok {
		fail(w, http.StatusNotFound, "no-job", "没有正在进行的这项转换", "no conversion of that name is running")
		return
	}
	writeJSON(w, p)
}
