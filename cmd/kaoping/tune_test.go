package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestRunsFirst: the collector is set (internal/tune's init) before the
// inits that fill most of the start-up heap, excelize's and validator's, so
// no collection starts while they run. The test binary links main's
// imports, so its init order is the command's.
func TestRunsFirst(t *testing.T) {
	if os.Getenv("KAOPING_INITTRACE_CHILD") != "" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestRunsFirst$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1", "KAOPING_INITTRACE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	at := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		if len(f) > 1 && f[0] == "init" {
			if _, ok := at[f[1]]; !ok {
				at[f[1]] = i
			}
		}
	}
	first, ok := at["github.com/kaoping/kaoping/cmd/kaoping/internal/tune"]
	if !ok {
		t.Fatalf("no init of tune in the trace:\n%s", out)
	}
	for _, p := range []string{"github.com/xuri/excelize/v2", "github.com/go-playground/validator/v10"} {
		if n, ok := at[p]; !ok || n < first {
			t.Errorf("%s initialized before tune (or not at all): lines %d, %d", p, n, first)
		}
	}
}

// TestOneProcessor: a kaoping convert runs on one processor (tune's init),
// as the scheduler's own trace (GODEBUG=schedtrace=1, a line a
// millisecond) reports it at the end. The trace's first lines may come
// before the inits: in this test binary, with the tests' own packages to
// initialize first, tune's comes some milliseconds in.
func TestOneProcessor(t *testing.T) {
	if os.Getenv("GOMAXPROCS") != "" || runtime.NumCPU() < 2 {
		t.Skip("needs two CPUs and no GOMAXPROCS in the environment")
	}
	cmd := exec.Command(os.Args[0], "convert", "../../fixtures/matrix/sample/kaoping-unruled.pdf")
	cmd.Env = append(os.Environ(), "KAOPING_TEST_MAIN=1", "GODEBUG=schedtrace=1")
	var stderr strings.Builder
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	_ = cmd.Run() // exit 1: the form has findings
	var last string
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.HasPrefix(line, "SCHED ") {
			last = line
		}
	}
	if last == "" {
		t.Fatalf("no scheduler trace:\n%s", stderr.String())
	}
	if !strings.Contains(last, " gomaxprocs=1 ") {
		t.Errorf("convert ran on more than one processor: %s", last)
	}
}

// TestProcessors: batch and serve, which work side by side, take back the
// default processors before they start. Run in this process: a sequential test,
// so no parallel test runs while it changes GOMAXPROCS.
func TestProcessors(t *testing.T) {
	if os.Getenv("GOMAXPROCS") != "" || runtime.NumCPU() < 2 {
		t.Skip("needs two CPUs and no GOMAXPROCS in the environment")
	}
	defer runtime.SetDefaultGOMAXPROCS()
	runtime.SetDefaultGOMAXPROCS()
	def := runtime.GOMAXPROCS(0)

	runtime.GOMAXPROCS(1) // as tune's init leaves a kaoping process
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	if err := os.MkdirAll(in, 0o755); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../fixtures/matrix/sample/kaoping-calc.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "a.pdf"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	if code := run([]string{"batch", in, "-o", filepath.Join(dir, "out"), "--to", "json", "--isolate=false"}, strings.NewReader(""), io.Discard, &stderr); code > exitFindings {
		t.Fatalf("batch: exit %d: %s", code, stderr.String())
	}
	if n := runtime.GOMAXPROCS(0); n != def {
		t.Errorf("batch ran on %d processors, want the default %d", n, def)
	}

	runtime.GOMAXPROCS(1)
	startServe(t, serveOpts{addr: "127.0.0.1:0", maxUpload: "1KB", timeout: 5 * time.Second, jobs: 1})
	if n := runtime.GOMAXPROCS(0); n != def {
		t.Errorf("serve runs on %d processors, want the default %d", n, def)
	}
}
