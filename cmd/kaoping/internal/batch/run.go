package batch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
	"github.com/kaoping/kaoping/model/summary"
	"github.com/kaoping/kaoping/render/atomic"
	rsummary "github.com/kaoping/kaoping/render/summary"
)

// Files the batch writes at the top of the output directory.
const (
	summaryJSONL = "summary.jsonl"
	SummaryXLSX  = "summary.xlsx"
	// journal gets one line per document as it is done, so a run killed
	// before it writes the summary still tells the rerun what is done.
	journal = ".summary.partial.jsonl"
)

// writersPerJob is how many documents per core may be in flight: read on a
// core, or waiting for the disk to sync their outputs.
const writersPerJob = 4

// Renderer writes a document in one output format.
type Renderer struct {
	Ext   string
	Write func(ctx context.Context, w io.Writer, doc *model.Document) error
}

// Config says what to do with each document and how to speak.
type Config struct {
	Out       string
	Jobs      int  // workers; all cores when 0
	Force     bool // redo documents whose outputs are there
	Renderers []Renderer
	// Read reads one file (ingest.Read, or the same in a child process).
	Read func(ctx context.Context, name string, data []byte) (*model.Document, error)
	// Review audits a document once it is joined (audit.Review).
	Review func(ctx context.Context, doc *model.Document) error
	// Message says why an input failed, in the chosen language.
	Message func(error) string
	Lang    string // zh or en, for the summary workbook
	// Say picks the Chinese or the English text.
	Say func(zh, en string) string
	// Progress is told about each document done and each page OCR reads;
	// nil for none.
	Progress *Progress
	// preread are the files PairRead read, by Source.Name: Run uses them
	// instead of reading the files again.
	preread map[string]*model.Document
}

// result is what a run did.
type result struct {
	Records []summary.Record // one per document, in input order
	Read    int              // documents read this run
	Reused  int              // documents whose outputs were already there
	Failed  int
	// Interrupted counts the documents not done because the run was stopped.
	Interrupted int
}

// Run reads every document with cfg.Jobs workers, writes its outputs and the
// summary. A cancelled ctx (Ctrl-C) lets the documents being read stop,
// starts no more, and still writes the summary of what was done, so the
// rerun redoes only the rest.
func Run(ctx context.Context, docs []Doc, cfg Config) (result, error) {
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		return result{}, err
	}
	prev := previous(cfg.Out)
	jf, err := os.OpenFile(filepath.Join(cfg.Out, journal), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return result{}, err
	}
	var jmu sync.Mutex
	logDone := func(r summary.Record) {
		b, _ := json.Marshal(r)
		jmu.Lock()
		defer jmu.Unlock()
		_, _ = jf.Write(append(b, '\n'))
	}
	jobs := cfg.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	type outcome struct {
		rec    summary.Record
		reused bool
	}
	res := make([]*outcome, len(docs))
	work := make(chan int)
	var wg sync.WaitGroup
	// jobs documents are read at a time (cpu); more are in flight, so that
	// while one waits for the disk to take its outputs another reads
	cpu := make(chan struct{}, jobs)
	for range min(jobs*writersPerJob, max(len(docs), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				rec, reused := cfg.one(ctx, docs[i], prev, cpu)
				if ctx.Err() != nil && rec.Status == summary.StatusFailed && !reused {
					continue // stopped in the middle: not done, not failed
				}
				res[i] = &outcome{rec, reused}
				if !reused {
					logDone(rec)
				}
				cfg.Progress.Tick(rec.Status == summary.StatusOK)
			}
		}()
	}
	cfg.Progress.Start(len(docs))
dispatch:
	for i := range docs {
		select {
		case work <- i:
		case <-ctx.Done():
			break dispatch
		}
	}
	close(work)
	wg.Wait()
	cfg.Progress.Stop()
	_ = jf.Close()

	var r result
	for i, o := range res {
		if o == nil {
			r.Interrupted++
			r.Records = append(r.Records, summary.Record{File: docs[i].Main.Name, Status: summary.StatusFailed,
				Why: docs[i].Main.Name + cfg.Say("：已中断，未处理", ": interrupted, not processed")})
			continue
		}
		switch {
		case o.reused:
			r.Reused++
		case o.rec.Status == summary.StatusOK:
			r.Read++
		}
		if o.rec.Status != summary.StatusOK {
			r.Failed++
		}
		r.Records = append(r.Records, o.rec)
	}
	if err := writeJSONL(filepath.Join(cfg.Out, summaryJSONL), r.Records); err != nil {
		return r, err
	}
	xl := func(w io.Writer) error {
		return rsummary.Write(w, r.Records, rsummary.Options{En: cfg.Lang == "en"})
	}
	if err := atomic.WriteFile(filepath.Join(cfg.Out, SummaryXLSX), nil, xl); err != nil {
		return r, err
	}
	_ = os.Remove(filepath.Join(cfg.Out, journal))
	return r, nil
}

// one reads, audits and renders one document, or reuses what an earlier
// run wrote for it.
func (cfg Config) one(ctx context.Context, d Doc, prev map[string]summary.Record, cpu chan struct{}) (summary.Record, bool) {
	srcs := d.Sources()
	fail := func(why string) summary.Record {
		return summary.Record{File: d.Main.Name, Status: summary.StatusFailed, Why: why}
	}
	datas := make([][]byte, len(srcs))
	sums := make([]string, len(srcs))
	for i, s := range srcs {
		b, err := s.Read()
		if err != nil {
			r := fail(cfg.why(err, s.Name))
			r.SHA256 = firstSum(sums)
			return r, false
		}
		h := sha256.Sum256(b)
		datas[i], sums[i] = b, hex.EncodeToString(h[:])
	}
	outs := cfg.outputs(d)
	if p, ok := prev[d.Main.Name]; ok && !cfg.Force && cfg.done(p, sums, outs) {
		return p, true
	}
	cpu <- struct{}{}
	held := true
	release := func() {
		if held {
			<-cpu
			held = false
		}
	}
	defer release()
	docs := make([]*model.Document, len(srcs))
	for i, s := range srcs {
		if doc := cfg.preread[s.Name]; doc != nil {
			docs[i], datas[i] = doc, nil
			continue
		}
		rctx := ctx
		if cfg.Progress != nil {
			name := s.Name
			rctx = ingest.WithProgress(ctx, func(page, pages int) { cfg.Progress.Page(name, page, pages) })
		}
		doc, err := cfg.Read(rctx, path.Base(s.Rel), datas[i])
		cfg.Progress.Page(s.Name, 0, 0)
		datas[i] = nil
		var ie *readerr.Error
		// A 正文 without a form is what a 正文 is when its 附件 come apart.
		if err != nil && i == 0 && len(srcs) > 1 && doc != nil && errors.As(err, &ie) && ie.Kind == readerr.NoForm {
			err = nil
		}
		if err != nil {
			r := fail(cfg.why(err, s.Name))
			r.SHA256 = sums[0]
			return r, false
		}
		docs[i] = doc
	}
	doc := docs[0]
	if len(docs) > 1 {
		doc = join(docs)
	}
	if err := cfg.Review(ctx, doc); err != nil {
		r := fail(cfg.why(err, d.Main.Name))
		r.SHA256 = sums[0]
		return r, false
	}
	rec := summary.Of(doc)
	rec.File, rec.SHA256 = d.Main.Name, sums[0]
	for i, s := range d.Parts {
		rec.Parts = append(rec.Parts, summary.Part{File: s.Name, SHA256: sums[i+1]})
	}
	inputs := make([]string, 0, len(srcs))
	for _, s := range srcs {
		inputs = append(inputs, s.Path)
	}
	// rendered in memory while holding a core, written (and synced, which
	// waits on the disk) after letting it go, so the cores keep reading
	bufs := make([]bytes.Buffer, len(cfg.Renderers))
	for k, rd := range cfg.Renderers {
		if err := rd.Write(ctx, &bufs[k], doc); err != nil {
			r := fail(cfg.Say("无法生成 ", "cannot render ") + outs[k] + cfg.Say("：", ": ") + err.Error())
			r.SHA256 = sums[0]
			return r, false
		}
	}
	release()
	for k := range cfg.Renderers {
		p := filepath.Join(cfg.Out, filepath.FromSlash(outs[k]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fail(p + cfg.Say("：无法创建目录：", ": cannot create the folder: ") + err.Error()), false
		}
		write := func(w io.Writer) error { _, err := w.Write(bufs[k].Bytes()); return err }
		if err := atomic.WriteFile(p, inputs, write); err != nil {
			r := fail(p + cfg.Say("：无法写入：", ": cannot write: ") + err.Error())
			r.SHA256 = sums[0]
			return r, false
		}
		rec.Outputs = append(rec.Outputs, outs[k])
	}
	return rec, false
}

// outputs are the output paths of a document, relative to Out, one per
// renderer: the input's path with the format's extension added.
func (cfg Config) outputs(d Doc) []string {
	out := make([]string, len(cfg.Renderers))
	for i, r := range cfg.Renderers {
		out[i] = d.Main.Rel + "." + r.Ext
	}
	return out
}

// done reports whether an earlier run read this document from the same
// bytes and its outputs are all there.
func (cfg Config) done(p summary.Record, sums []string, outs []string) bool {
	if p.Status != summary.StatusOK || p.SHA256 != sums[0] || len(p.Parts) != len(sums)-1 {
		return false
	}
	for i, part := range p.Parts {
		if part.SHA256 != sums[i+1] {
			return false
		}
	}
	for _, o := range outs {
		if !slices.Contains(p.Outputs, o) {
			return false
		}
		if st, err := os.Stat(filepath.Join(cfg.Out, filepath.FromSlash(o))); err != nil || st.Size() == 0 {
			return false
		}
	}
	return true
}

func firstSum(sums []string) string {
	if len(sums) > 0 {
		return sums[0]
	}
	return ""
}

// why says why input name failed, naming it as the clerk sees it
// (folder/file or zip!member): ingest knows only the base name, and an
// archive's own failure (zipsafe) names none.
func (cfg Config) why(err error, name string) string {
	var ie *readerr.Error
	if errors.As(err, &ie) {
		ie.File = name
		return cfg.Message(err)
	}
	var pe *os.PathError
	if errors.As(err, &pe) {
		return cfg.Message(err)
	}
	return name + cfg.Say("：", ": ") + err.Error()
}

// previous reads what earlier runs recorded: the summary, then the journal
// of a run that was stopped before writing it. Later lines win.
func previous(out string) map[string]summary.Record {
	m := map[string]summary.Record{}
	for _, name := range []string{summaryJSONL, journal} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(bytes.NewReader(b))
		sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
		for sc.Scan() {
			var r summary.Record
			if json.Unmarshal(sc.Bytes(), &r) == nil && r.File != "" {
				m[r.File] = r
			}
		}
	}
	return m
}

// writeJSONL writes the records one JSON object a line, atomically.
func writeJSONL(p string, recs []summary.Record) error {
	return atomic.WriteFile(p, nil, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, r := range recs {
			if err := enc.Encode(r); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
}
