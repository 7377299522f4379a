// Package atomic writes output files so that a reader never sees half a file
// and an input is never overwritten: the content goes to a temporary file in
// the target directory, which is renamed over the target only when complete.
package atomic

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ErrIsInput is returned when the target is one of the inputs.
var ErrIsInput = errors.New("output would overwrite an input")

// WriteFile writes path with the bytes write produces. inputs are the files
// being read: writing over one of them is refused.
func WriteFile(path string, inputs []string, write func(io.Writer) error) (err error) {
	if st, e := os.Stat(path); e == nil {
		for _, in := range inputs {
			if ist, e := os.Stat(in); e == nil && os.SameFile(st, ist) {
				return fmt.Errorf("%s: %w", path, ErrIsInput)
			}
		}
	}
	dir := filepath.Dir(path)
	removeStale(dir)
	tmp, err := os.CreateTemp(dir, fmt.Sprintf(".%s.kaoping-%d-*.tmp", filepath.Base(path), os.Getpid()))
	if err != nil {
		return fmt.Errorf("create temp file in %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp.Name(), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp.Name(), err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp.Name(), err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("rename to %s: %w", path, err)
	}
	return nil
}

// staleAge is when a temporary file whose writer cannot be checked is
// taken as abandoned.
const staleAge = 24 * time.Hour

// removeStale deletes the temporary files a killed kaoping left in dir:
// ours by their name (.NAME.kaoping-PID-RANDOM.tmp), and either their
// process is gone or they are a day old. A live writer's file stays.
func removeStale(dir string) {
	matches, _ := filepath.Glob(filepath.Join(dir, ".*.kaoping-*-*.tmp"))
	for _, m := range matches {
		base := filepath.Base(m)
		i := strings.LastIndex(base, ".kaoping-")
		if i < 0 {
			continue
		}
		pidText, _, ok := strings.Cut(base[i+len(".kaoping-"):], "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil {
			continue
		}
		st, err := os.Lstat(m)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		if pid == os.Getpid() || (alive(pid) && time.Since(st.ModTime()) < staleAge) {
			continue
		}
		_ = os.Remove(m)
	}
}
