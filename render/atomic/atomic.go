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
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
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
