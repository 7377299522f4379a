package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestRunsFirst: the collector is set (internal/gctune's init) before the
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
	first, ok := at["github.com/kaoping/kaoping/cmd/kaoping/internal/gctune"]
	if !ok {
		t.Fatalf("no init of gctune in the trace:\n%s", out)
	}
	for _, p := range []string{"github.com/xuri/excelize/v2", "github.com/go-playground/validator/v10"} {
		if n, ok := at[p]; !ok || n < first {
			t.Errorf("%s initialized before gctune (or not at all): lines %d, %d", p, n, first)
		}
	}
}
