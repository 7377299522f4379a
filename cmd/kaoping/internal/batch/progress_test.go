package batch

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch/batchtest"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
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

// TestProgressPages: while OCR reads a file the bar says which page of
// which file; when its reading is over that goes.
func TestProgressPages(t *testing.T) {
	var w bytes.Buffer
	p := NewProgress(&w, func(zh, _ string) string { return zh })
	p.Start(2)
	p.Page("单位A/扫描.pdf", 2, 4)
	if got := p.Line(time.Now()); !strings.Contains(got, "正在识别 单位A/扫描.pdf 第 2 / 4 页") {
		t.Errorf("line %q does not say the page OCR reads", got)
	}
	p.Page("单位A/扫描.pdf", 0, 0)
	if got := p.Line(time.Now()); strings.Contains(got, "正在识别") {
		t.Errorf("line %q still names a file read", got)
	}
}

// TestRunReportsPages: Run hands each read a context whose OCR progress
// reaches the bar, as ingest's scan reader reports it.
func TestRunReportsPages(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	batchtest.Corpus(t, in, 1)
	docs := Pair(Collect([]string{in}, out, ingestLimits()).Sources)
	var w bytes.Buffer
	var reads atomic.Int32
	cfg := config(out, &reads, 0, nil)
	cfg.Jobs = 1
	cfg.Progress = NewProgress(&w, func(zh, _ string) string { return zh })
	read := cfg.Read
	cfg.Read = func(ctx context.Context, name string, data []byte) (*model.Document, error) {
		if f := ingest.ProgressFrom(ctx); f != nil {
			f(1, 2)
			f(2, 2)
		}
		return read(ctx, name, data)
	}
	if _, err := Run(context.Background(), docs, cfg); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"第 1 / 2 页", "第 2 / 2 页"} {
		if !strings.Contains(w.String(), want) {
			t.Errorf("the bar never said %s: %q", want, w.String())
		}
	}
	if last := w.String()[strings.LastIndex(w.String(), "\r"):]; strings.Contains(last, "正在识别") {
		t.Errorf("the last bar still names a file read: %q", last)
	}
}
