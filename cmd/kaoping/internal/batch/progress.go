package batch

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// Progress draws a bar on a terminal: files done of the total, the rate and
// the time left, and for each file being read by OCR the page it is on
// (「正在识别 扫描.pdf 第 2 / 4 页」, as serve's page shows it): a scan takes
// seconds a page, and a bar that stands still for a minute looks hung. It
// is made only when stderr is a terminal (the command asks
// golang.org/x/term); a nil *Progress draws nothing, so a log or a pipe gets
// no carriage returns. Exported as NewProgress's result, whose methods the
// command calls.
type Progress struct {
	w   io.Writer
	say func(zh, en string) string
	now func() time.Time

	mu           sync.Mutex
	total, done  int
	failed       int
	start, drawn time.Time
	ocr          map[string][2]int // file → page, pages, while OCR reads it
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

// Page tells that file's page of pages is about to be read by OCR; page 0
// that the file's reading is over.
func (p *Progress) Page(file string, page, pages int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if page <= 0 {
		if _, ok := p.ocr[file]; !ok {
			return
		}
		delete(p.ocr, file)
	} else {
		if p.ocr == nil {
			p.ocr = map[string][2]int{}
		}
		p.ocr[file] = [2]int{page, pages}
	}
	p.draw(true)
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
	files := make([]string, 0, len(p.ocr))
	for f := range p.ocr {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		pg := p.ocr[f]
		s += "  " + fmt.Sprintf(p.say("正在识别 %s 第 %d / %d 页", "OCR %s page %d / %d"), f, pg[0], pg[1])
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
