package batch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"io"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/batch/batchtest"
	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/zipsafe"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/audit"
	"github.com/kaoping/kaoping/model/summary"
	"github.com/kaoping/kaoping/render/jsonout"
)

// config reads with ingest and counts the files it reads; after stopAfter
// reads (0: never) it cancels the run, as Ctrl-C does.
func config(out string, reads *atomic.Int32, stopAfter int32, cancel context.CancelFunc) Config {
	return Config{
		Out: out, Jobs: 2,
		Renderers: []Renderer{{"json", func(_ context.Context, w io.Writer, doc *model.Document) error { return jsonout.Write(w, doc) }}},
		Read: func(ctx context.Context, name string, data []byte) (*model.Document, error) {
			if n := reads.Add(1); stopAfter > 0 && n == stopAfter {
				cancel()
			}
			return ingest.Read(ctx, name, data)
		},
		Review: func(ctx context.Context, doc *model.Document) error {
			return audit.Review(ctx, doc, audit.Options{})
		},
		Message: func(err error) string { return err.Error() },
		Say:     func(zh, _ string) string { return zh },
	}
}

// TestResumeAfterCancel: a run stopped after N files leaves a summary with
// what it did and the rest marked interrupted; the rerun reads exactly the
// files that were not done, and a third run reads none.
func TestResumeAfterCancel(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a batch of worker processes; runs without -short")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	const n = 20
	batchtest.Corpus(t, in, n)
	docs := Pair(Collect([]string{in}, out, ingestLimits()).Sources)
	if len(docs) != n {
		t.Fatalf("%d documents, want %d", len(docs), n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var reads atomic.Int32
	res, err := Run(ctx, docs, config(out, &reads, 6, cancel))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Records) != n {
		t.Fatalf("%d records, want %d", len(res.Records), n)
	}
	if res.Interrupted == 0 || res.Read == 0 || res.Read+res.Interrupted != n {
		t.Fatalf("stopped run: read %d, interrupted %d of %d", res.Read, res.Interrupted, n)
	}
	var done []string
	for _, r := range res.Records {
		if r.Status == summary.StatusOK {
			done = append(done, r.File)
			for _, o := range r.Outputs {
				if _, err := os.Stat(filepath.Join(out, o)); err != nil {
					t.Errorf("%s: output %s missing", r.File, o)
				}
			}
		}
	}
	// the rerun reads only what was not done
	var reads2 atomic.Int32
	res2, err := Run(context.Background(), docs, config(out, &reads2, 0, nil))
	if err != nil {
		t.Fatal(err)
	}
	if int(reads2.Load()) != n-len(done) || res2.Reused != len(done) || res2.Read != n-len(done) {
		t.Errorf("rerun read %d files (reused %d); want %d read, %d reused", reads2.Load(), res2.Reused, n-len(done), len(done))
	}
	for _, r := range res2.Records {
		if r.Status != summary.StatusOK {
			t.Errorf("rerun: %s: %s", r.File, r.Why)
		}
	}
	var reads3 atomic.Int32
	res3, err := Run(context.Background(), docs, config(out, &reads3, 0, nil))
	if err != nil {
		t.Fatal(err)
	}
	if reads3.Load() != 0 || res3.Reused != n {
		t.Errorf("third run read %d files, reused %d", reads3.Load(), res3.Reused)
	}
	// --force reads everything again
	var reads4 atomic.Int32
	cfg := config(out, &reads4, 0, nil)
	cfg.Force = true
	if _, err := Run(context.Background(), docs, cfg); err != nil {
		t.Fatal(err)
	}
	if reads4.Load() != n {
		t.Errorf("--force read %d of %d", reads4.Load(), n)
	}
	// the records keep input order whatever order the workers finished in
	var files []string
	for _, r := range res3.Records {
		files = append(files, r.File)
	}
	if !slices.IsSorted(files) {
		t.Errorf("records out of input order: %v", files)
	}
}

// TestResumeAfterKill: a run killed before it wrote the summary leaves its
// journal, and the rerun trusts it.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a batch of worker processes; runs without -short")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	batchtest.Corpus(t, in, 4)
	docs := Pair(Collect([]string{in}, out, ingestLimits()).Sources)
	var reads atomic.Int32
	if _, err := Run(context.Background(), docs, config(out, &reads, 0, nil)); err != nil {
		t.Fatal(err)
	}
	// as if killed: the summary gone, the journal holding the first two
	b, err := os.ReadFile(filepath.Join(out, summaryJSONL))
	if err != nil {
		t.Fatal(err)
	}
	lines := splitLines(b)
	if err := os.WriteFile(filepath.Join(out, journal), []byte(lines[0]+"\n"+lines[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, summaryJSONL)); err != nil {
		t.Fatal(err)
	}
	var reads2 atomic.Int32
	res, err := Run(context.Background(), docs, config(out, &reads2, 0, nil))
	if err != nil {
		t.Fatal(err)
	}
	if reads2.Load() != 2 || res.Reused != 2 {
		t.Errorf("after a kill the rerun read %d and reused %d; want 2 and 2", reads2.Load(), res.Reused)
	}
	if _, err := os.Stat(filepath.Join(out, journal)); !os.IsNotExist(err) {
		t.Errorf("journal left behind: %v", err)
	}
}

func splitLines(b []byte) []string {
	var out []string
	start := 0
	for i, c := range b {
		if c == '\n' {
			out = append(out, string(b[start:i]))
			start = i + 1
		}
	}
	return out
}

func ingestLimits() zipsafe.Limits { return zipsafe.DefaultLimits }
