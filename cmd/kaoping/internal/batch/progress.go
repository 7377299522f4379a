package batch

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// Progress draws a bar on a terminal: files done of the total, the rate and
// the time left. It is made only when stderr is a terminal (the command asks
// golang.org/x/term); a nil *Progress draws nothing, so a log or a pipe gets
// no carriage returns.
type Progress struct {
	w   io.Writer
	say func(zh, en string) string
	now func() time.Time

	mu           sync.Mutex
	total, done  int
	failed       int
	start, drawn time.Time
}

// NewProgress draws on w.
func NewProgress(w io.Writer, say func(zh, en string) string) *Progress {
	return &Progress{w: w, say: say, now: time.Now}
}

// Start begins the count.
func (p *Progress) Start(total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.start = total, p.now()
	p.draw(true)
}

// Tick counts one document done.
func (p *Progress) Tick(ok bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done++
	if !ok {
		p.failed++
	}
	p.draw(p.done == p.total)
}

// Stop ends the bar's line.
func (p *Progress) Stop() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw(true)
	_, _ = fmt.Fprintln(p.w)
}

// draw redraws the line at most ten times a second unless forced.
func (p *Progress) draw(force bool) {
	t := p.now()
	if !force && t.Sub(p.drawn) < 100*time.Millisecond {
		return
	}
	p.drawn = t
	_, _ = fmt.Fprint(p.w, "\r"+p.Line(t)+"\x1b[K")
}

// Line is the bar as it reads at time t.
func (p *Progress) Line(t time.Time) string {
	const width = 30
	fill := 0
	if p.total > 0 {
		fill = p.done * width / p.total
	}
	bar := strings.Repeat("█", fill) + strings.Repeat("░", width-fill)
	el := t.Sub(p.start).Seconds()
	rate, left := 0.0, "--:--"
	if el > 0 && p.done > 0 {
		rate = float64(p.done) / el
		left = clock(time.Duration(float64(p.total-p.done) / rate * float64(time.Second)))
	}
	s := fmt.Sprintf("%s %d/%d  %.1f %s  %s %s", bar, p.done, p.total, rate, p.say("个/秒", "files/s"), p.say("剩余", "left"), left)
	if p.failed > 0 {
		s += fmt.Sprintf("  %s %d", p.say("失败", "failed"), p.failed)
	}
	return s
}

func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
