// Package isolate reads one document in a child process of the same
// binary, so that a file which makes a reader die — a fatal runtime error
// such as a stack overflow or running out of memory, which recover cannot
// catch — costs one worker, not the server or the batch that asked.
//
// The child is this binary started with WorkerArg as its first argument
// (main hands it to Main). It limits itself on start (data segment, CPU
// seconds, the Go memory limit), reads a request on stdin and writes the
// result on stdout. The parent kills it when the context ends, so a
// request's timeout frees its slot at once, and it inherits no
// descriptors but the three pipes (Go opens every other one close-on-exec).
//
// Reader.Read returns what ingest.Read returns: the document, or an
// *readerr.Error (its kind and detail survive the trip), or the context's
// error; a worker that dies gives an *readerr.Error of KindCrashed.
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
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kaoping/kaoping/ingest"
	"github.com/kaoping/kaoping/ingest/readerr"
	"github.com/kaoping/kaoping/model"
)

// WorkerArg, as the first argument, makes the binary a worker.
const WorkerArg = "__kaoping-worker"

// Limits bound one worker.
type Limits struct {
	// Memory caps the worker's data segment (RLIMIT_DATA, which counts the
	// Go heap as it is committed) in bytes; the Go memory limit is set a
	// little under it, so the collector works hard before the cap kills.
	Memory uint64
	// CPU caps the worker's processor time.
	CPU time.Duration
	// CPUPerPage is added to CPU for each page the worker reads by OCR
	// (about 10 CPU-seconds a page today), up to maxCPUPages pages.
	CPUPerPage time.Duration
}

// maxCPUPages bounds the pages whose OCR raises a worker's CPU limit.
const maxCPUPages = 500

// DefaultLimits leave a real document room, and stop a bomb well before
// the machine, shared by a whole office, starts swapping. The largest real
// need is OCR: one 200-dpi page peaks at about 1.0–1.2 GB resident (ONNX
// Runtime's arenas), and the data-segment limit counts what it reserves as
// well as what it touches — at 1 GB a scan posted to serve failed with
// std::bad_alloc in one try of four here (the CLI measured 1.04 GB peak
// resident on the same page). Ingest's own budgets (256 MB of decoded streams,
// MaxInput bytes) keep everything else far below this.
func DefaultLimits() Limits {
	return Limits{Memory: 3 << 30, CPU: 2 * time.Minute, CPUPerPage: time.Minute}
}

// Reader runs ingest.Read in workers.
type Reader struct {
	// Exe is the binary to start; "" means Self().
	Exe string
	// Args come before the request; nil means [WorkerArg].
	Args []string
	// Env is added to this process's environment for the worker.
	Env    []string
	Limits Limits
}

// self is the path that starts this binary again: the path it was started
// by when that resolves (so a test binary that dispatches on its name
// keeps doing so), else os.Executable.
func self() (string, error) {
	if p, err := exec.LookPath(os.Args[0]); err == nil {
		if abs, err := filepath.Abs(p); err == nil {
			return abs, nil
		}
	}
	return os.Executable()
}

// request is the header line a worker reads; the file's bytes follow it.
type request struct {
	Name   string `json:"name"`
	Limits Limits `json:"limits"`
}

// response is what a worker writes: a line for each page it starts to
// read by OCR (Progress alone), then the result.
type response struct {
	Doc      *model.Document `json:"doc,omitempty"`
	Err      *wireError      `json:"err,omitempty"`
	Progress *progress       `json:"progress,omitempty"`
}

// progress is page Page of Pages, about to be read by OCR.
type progress struct {
	Page  int `json:"page"`
	Pages int `json:"pages"`
}

// wireError carries an *readerr.Error, or another error's text (Kind 0).
type wireError struct {
	Kind     readerr.Kind `json:"kind"`
	File     string       `json:"file"`
	Detail   string       `json:"detail,omitempty"`
	DetailEn string       `json:"detailEn,omitempty"`
	Cause    string       `json:"cause,omitempty"`
	Ingest   bool         `json:"ingest"`
}

// maxStderr bounds what is kept of a worker's stderr (a fatal error's
// first lines say what killed it; the goroutine dump is not needed).
const maxStderr = 4 << 10

// Read reads name's data in a worker.
func (r *Reader) Read(ctx context.Context, name string, data []byte) (*model.Document, error) {
	exe, args, err := workerCommand(r.Exe, r.Args, WorkerArg)
	if err != nil {
		return nil, err
	}
	lim := r.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits()
	}
	hdr, err := json.Marshal(request{Name: name, Limits: lim})
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), r.Env...)
	cmd.Stdin = io.MultiReader(bytes.NewReader(hdr), strings.NewReader("\n"), bytes.NewReader(data))
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr := &capped{max: maxStderr}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second // a worker that ignores its kill does not hold the caller
	sysProcAttr(cmd)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("isolate: start worker: %w", err)
	}
	resp, readErr := readResponse(ctx, bufio.NewReaderSize(out, 64<<10))
	runErr := cmd.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if readErr != nil || runErr != nil {
		return nil, crashed(name, start, errors.Join(runErr, readErr), stderr)
	}
	return resp.result()
}

// readResponse reads a worker's lines up to its result, handing each
// progress line to the context's progress function (ingest.WithProgress).
func readResponse(ctx context.Context, out *bufio.Reader) (response, error) {
	report := ingest.ProgressFrom(ctx)
	for {
		line, err := out.ReadBytes('\n')
		if err != nil && len(bytes.TrimSpace(line)) == 0 {
			return response{}, fmt.Errorf("no result: %w", err)
		}
		var resp response
		if err := json.Unmarshal(line, &resp); err != nil {
			return response{}, fmt.Errorf("bad result: %w", err)
		}
		if resp.Doc == nil && resp.Err == nil {
			if p := resp.Progress; p != nil && report != nil {
				report(p.Page, p.Pages)
			}
			if resp.Progress == nil {
				return response{}, errors.New("empty result")
			}
			continue
		}
		return resp, nil
	}
}

// reportTo returns a context whose OCR progress the worker writes to w as
// lines of its answer (mu guards w), and lets the CPU limit grow with the
// pages (raiseCPU).
func reportTo(ctx context.Context, w io.Writer, flush func() error, lim Limits) context.Context {
	return ingest.WithProgress(ctx, func(page, pages int) {
		raiseCPU(lim, page)
		b, err := json.Marshal(response{Progress: &progress{Page: page, Pages: pages}})
		if err != nil {
			return
		}
		_, _ = w.Write(append(b, '\n'))
		if flush != nil {
			_ = flush()
		}
	})
}

// workerCommand is the binary and arguments that start a worker: exe and
// args as configured, else this binary with the one argument arg (WorkerArg
// for a worker per file, PoolArg for one that reads file after file).
func workerCommand(exe string, args []string, arg string) (string, []string, error) {
	if exe == "" {
		var err error
		if exe, err = self(); err != nil {
			return "", nil, fmt.Errorf("isolate: find own binary: %w", err)
		}
	}
	if args == nil {
		args = []string{arg}
	}
	return exe, args, nil
}

// crashed is the error of a worker that died reading name.
func crashed(name string, start time.Time, runErr error, stderr *capped) error {
	why := firstLine(stderr.String())
	if runErr != nil {
		why = strings.TrimSpace(runErr.Error() + "; " + why)
	}
	cause := fmt.Errorf("worker for %s stopped after %v: %s", name, time.Since(start).Round(time.Millisecond), why)
	return &readerr.Error{File: name, Kind: readerr.Crashed, Err: cause}
}

// result is what Read returns for a worker's response.
func (resp response) result() (*model.Document, error) {
	if e := resp.Err; e != nil {
		if !e.Ingest {
			return nil, errors.New(e.Cause)
		}
		var cause error
		if e.Cause != "" {
			cause = errors.New(e.Cause)
		}
		// the document comes with the error where ingest.Read gives one
		// (a 正文's notice with NoForm), for a caller that joins files
		return resp.Doc, &readerr.Error{File: e.File, Kind: e.Kind, Detail: e.Detail, DetailEn: e.DetailEn, Err: cause}
	}
	return resp.Doc, nil
}

// readOne reads one document in the worker and says how it went.
func readOne(ctx context.Context, name string, data []byte) response {
	var resp response
	doc, err := ingest.Read(ctx, name, data)
	if err != nil {
		resp.Err = &wireError{Cause: err.Error()}
		var ie *readerr.Error
		if errors.As(err, &ie) {
			resp.Err = &wireError{Ingest: true, Kind: ie.Kind, File: ie.File, Detail: ie.Detail, DetailEn: ie.DetailEn}
			if ie.Err != nil {
				resp.Err.Cause = ie.Err.Error()
			}
		}
	}
	resp.Doc = doc
	return resp
}

// firstLine is the first non-empty line of s.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return "no message"
}

// capped keeps the first max bytes written to it.
type capped struct {
	bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// Main is the worker: it reads a request from stdin, reads the document
// with ingest.Read and writes the response to stdout. It returns the exit
// code; a fatal error never returns, and the parent sees it in the exit
// status.
func Main(ctx context.Context, stdin io.Reader, stdout io.Writer) int {
	br := bufio.NewReader(stdin)
	line, err := br.ReadBytes('\n')
	if err != nil {
		fmt.Fprintln(os.Stderr, "isolate: no request:", err)
		return 2
	}
	var req request
	if err := json.Unmarshal(line, &req); err != nil {
		fmt.Fprintln(os.Stderr, "isolate: bad request:", err)
		return 2
	}
	if err := limit(req.Limits); err != nil {
		fmt.Fprintln(os.Stderr, "isolate: limits:", err)
		return 2
	}
	if req.Limits.Memory > 0 {
		debug.SetMemoryLimit(int64(req.Limits.Memory / 10 * 8))
	}
	data, err := io.ReadAll(io.LimitReader(br, ingest.MaxInput+1))
	if err != nil {
		fmt.Fprintln(os.Stderr, "isolate: read input:", err)
		return 2
	}
	resp := readOne(reportTo(ctx, stdout, nil, req.Limits), req.Name, data)
	if err := json.NewEncoder(stdout).Encode(resp); err != nil {
		fmt.Fprintln(os.Stderr, "isolate: write result:", err)
		return 2
	}
	return 0
}
