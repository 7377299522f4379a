package isolate

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/model"
)

// PoolArg, as the first argument, makes the binary a worker that reads
// documents one after another until its stdin ends.
const PoolArg = "__kaoping-pool-worker"

// Pool reads documents in long-lived workers: a batch of hundreds of small
// files pays for starting a process once per worker and PerWorker files,
// not once per file, and a file that kills its worker still costs only
// that file (the next one gets a fresh worker). The limits hold per worker
// process, so the CPU limit counts all its files; PerWorker keeps that
// budget far above what a real file takes.
type Pool struct {
	Exe    string   // "" means Self()
	Args   []string // nil means [PoolArg]
	Env    []string
	Limits Limits
	// PerWorker is how many files a worker reads before it is replaced; 0
	// means 64.
	PerWorker int

	mu   sync.Mutex
	idle []*poolWorker
}

// poolWorker is one running pool process.
type poolWorker struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr *capped
	done   int
}

// poolRequest is the header line of one file: its name and size, the bytes follow.
type poolRequest struct {
	Name   string `json:"name"`
	Size   int    `json:"size"`
	Limits Limits `json:"limits"`
}

// Read reads name's data in a worker of the pool; it returns what
// ingest.Read returns, or an *readerr.Error of kind Crashed when the worker
// died on it.
func (p *Pool) Read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	w, err := p.get()
	if err != nil {
		return nil, err
	}
	lim := p.limits()
	hdr, err := json.Marshal(poolRequest{Name: name, Size: len(data), Limits: lim})
	if err != nil {
		p.kill(w)
		return nil, err
	}
	start := time.Now()
	type answer struct {
		resp response
		err  error
	}
	got := make(chan answer, 1)
	go func() {
		// the request is written while the answer is read, so a worker that
		// dies half way through reading it does not block the write forever
		go func() {
			_, _ = w.in.Write(append(append(hdr, '\n'), data...))
		}()
		resp, err := readResponse(ctx, w.out)
		got <- answer{resp, err}
	}()
	var a answer
	select {
	case a = <-got:
	case <-ctx.Done():
		p.kill(w)
		return nil, ctx.Err()
	}
	resp := a.resp
	if a.err != nil {
		runErr := p.kill(w)
		return nil, crashed(name, start, errors.Join(runErr, a.err), w.stderr)
	}
	p.put(w)
	return resp.result()
}

func (p *Pool) limits() Limits {
	if p.Limits == (Limits{}) {
		return DefaultLimits()
	}
	return p.Limits
}

// get hands out an idle worker or starts one.
func (p *Pool) get() (*poolWorker, error) {
	p.mu.Lock()
	if n := len(p.idle); n > 0 {
		w := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return w, nil
	}
	p.mu.Unlock()
	exe, args, err := workerCommand(p.Exe, p.Args, PoolArg)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), p.Env...)
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	w := &poolWorker{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 64<<10), stderr: &capped{max: maxStderr}}
	cmd.Stderr = w.stderr
	cmd.WaitDelay = time.Second
	sysProcAttr(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("isolate: start worker: %w", err)
	}
	return w, nil
}

// put returns a worker to the pool, or ends it when it has done its share.
func (p *Pool) put(w *poolWorker) {
	w.done++
	per := p.PerWorker
	if per <= 0 {
		per = 64
	}
	if w.done >= per {
		_ = w.in.Close()
		_ = w.cmd.Wait()
		return
	}
	p.mu.Lock()
	p.idle = append(p.idle, w)
	p.mu.Unlock()
}

// kill ends a worker that failed or is no longer wanted and returns how it ended.
func (p *Pool) kill(w *poolWorker) error {
	_ = w.in.Close()
	if w.cmd.Process != nil {
		_ = w.cmd.Process.Kill()
	}
	return w.cmd.Wait()
}

// Close ends the idle workers; call it when the batch is done.
func (p *Pool) Close() {
	p.mu.Lock()
	idle := p.idle
	p.idle = nil
	p.mu.Unlock()
	for _, w := range idle {
		_ = w.in.Close()
		_ = w.cmd.Wait()
	}
}

// PoolMain is a pool worker: it reads requests from stdin one after another
// and answers each with one line on stdout, until stdin ends. The limits of
// the first request hold for the process.
func PoolMain(ctx context.Context, stdin io.Reader, stdout io.Writer) int {
	br := bufio.NewReaderSize(stdin, 64<<10)
	bw := bufio.NewWriter(stdout)
	limited := false
	// one OCR engine for every scan the worker reads, opened at the first
	o := &ingest.OCR{}
	defer o.Close()
	ctx = ingest.WithOCR(ctx, o)
	for {
		line, err := br.ReadBytes('\n')
		if errors.Is(err, io.EOF) && len(bytes.TrimSpace(line)) == 0 {
			return 0
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "isolate: no request:", err)
			return 2
		}
		var req poolRequest
		if err := json.Unmarshal(line, &req); err != nil || req.Size < 0 || req.Size > ingest.MaxInput {
			fmt.Fprintln(os.Stderr, "isolate: bad request:", strings.TrimSpace(string(line)))
			return 2
		}
		if !limited {
			if err := limit(req.Limits); err != nil {
				fmt.Fprintln(os.Stderr, "isolate: limits:", err)
				return 2
			}
			if req.Limits.Memory > 0 {
				debug.SetMemoryLimit(int64(req.Limits.Memory / 10 * 8))
			}
			limited = true
		}
		data := make([]byte, req.Size)
		if _, err := io.ReadFull(br, data); err != nil {
			fmt.Fprintln(os.Stderr, "isolate: read input:", err)
			return 2
		}
		resp := readOne(reportTo(ctx, bw, bw.Flush, req.Limits), req.Name, data)
		if err := json.NewEncoder(bw).Encode(resp); err != nil {
			fmt.Fprintln(os.Stderr, "isolate: write result:", err)
			return 2
		}
		if err := bw.Flush(); err != nil {
			return 2
		}
	}
}
