package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/kaoping/kaoping/cmd/kaoping/internal/isolate"
)

func TestMain(m *testing.M) {
	// `kaoping serve` run by the tests starts this binary as its workers.
	if len(os.Args) > 1 && os.Args[1] == isolate.WorkerArg {
		os.Exit(isolate.Main(context.Background(), os.Stdin, os.Stdout))
	}
	// and `kaoping batch` as its pool of workers
	if len(os.Args) > 1 && os.Args[1] == isolate.PoolArg {
		os.Exit(isolate.PoolMain(context.Background(), os.Stdin, os.Stdout))
	}
	// the hostile-corpus tests run this binary as kaoping itself, signals
	// and all (hostile_test.go)
	if os.Getenv("KAOPING_TEST_MAIN") == "1" {
		code := process()
		if p := os.Getenv("KAOPING_TEST_PEAK"); p != "" {
			// the peak resident size of this process since exec: rusage
			// would count the parent's, shared until exec (vfork)
			status, _ := os.ReadFile("/proc/self/status")
			_ = os.WriteFile(p, status, 0o644)
		}
		os.Exit(code)
	}
	testscript.Main(allCores{m}, map[string]func(){
		"kaoping": func() { os.Exit(process()) },
	})
}

// allCores runs the tests on all the processors (tune's init leaves this
// binary, as it leaves kaoping, one): many of them run in parallel. Run as
// kaoping (testscript's commands, the hostile-corpus and worker runs above)
// the binary keeps the one.
type allCores struct{ *testing.M }

func (m allCores) Run() int {
	runtime.SetDefaultGOMAXPROCS()
	return m.M.Run()
}

// TestScripts runs the CLI scripts in testdata/script. $FIXTURES is the
// repository's fixtures directory, so scripts use the real inputs.
func TestScripts(t *testing.T) {
	fixtures, err := filepath.Abs("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			env.Setenv("FIXTURES", fixtures)
			return writeBadInputs(env.WorkDir, fixtures)
		},
	})
}

// writeBadInputs puts into every script's work directory the bad inputs that
// are awkward to write in a txtar file: binary garbage, a table cut off in
// the middle of a row, GBK bytes that are not GBK, and a 2 MB line.
func writeBadInputs(dir, fixtures string) error {
	seed, err := os.ReadFile(filepath.Join(fixtures, "quanxin-2023-9-notice.txt"))
	if err != nil {
		return err
	}
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(i*7 + i/13)
	}
	cut := bytes.Index(seed, []byte("大力招引龙头企业"))
	files := map[string][]byte{
		"garbage.bin":   garbage,
		"truncated.txt": seed[:cut+len("大力招引龙头企业")],
		"badgbk.txt":    {0xB9, 0xDC, 0xCE, 0xAF, 0xBB, 0xE1, 0x0A, 0xFF, 0xFF, 0xFF, 0x80, 0x0A},
		"longline.txt":  append([]byte("附件\n"), bytes.Repeat([]byte("长"), 2<<20/3+10)...),
	}
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, err := zw.Create("单位C/form.txt")
	if err != nil {
		return err
	}
	if _, err := w.Write(seed); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	files["returned.zip"] = zb.Bytes() // a unit's forms sent back as a zip file
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
