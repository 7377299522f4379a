package batch

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestProgressLine: done of total, the rate, the time left at that rate.
func TestProgressLine(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var w bytes.Buffer
	p := NewProgress(&w, func(zh, _ string) string { return zh })
	p.now = func() time.Time { return t0 }
	p.Start(40)
	for range 10 {
		p.Tick(true)
	}
	p.Tick(false)
	got := p.Line(t0.Add(11 * time.Second))
	for _, want := range []string{"11/40", "1.0 个/秒", "剩余 0:29", "失败 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("line %q lacks %q", got, want)
		}
	}
	if !strings.HasPrefix(w.String(), "\r") {
		t.Errorf("the bar is not redrawn in place: %q", w.String())
	}
	var nilBar *Progress
	nilBar.Start(3) // quiet when stderr is no terminal
	nilBar.Tick(true)
	nilBar.Stop()
}
