//go:build unix

package atomic

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestStaleTempRemoved: a temporary file a killed kaoping left is removed
// by the next write to its folder; one of a running kaoping, and files not
// of our naming, stay.
func TestStaleTempRemoved(t *testing.T) {
	dir := t.TempDir()
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(dir, fmt.Sprintf(".out.json.kaoping-%d-123.tmp", dead.Process.Pid))
	live := filepath.Join(dir, fmt.Sprintf(".out.json.kaoping-%d-456.tmp", os.Getppid()))
	other := filepath.Join(dir, ".notes.txt.789.tmp")
	for _, f := range []string{stale, live, other} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "other.json"), nil, func(w io.Writer) error {
		_, err := io.WriteString(w, "{}")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale temp file kept: %v", err)
	}
	for _, f := range []string{live, other} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(f), err)
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 3 {
		t.Errorf("folder holds %d files, want other.json and the two kept", len(ents))
	}
}
