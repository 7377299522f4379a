//go:build !cgo

package ocr

import "fmt"

// Without cgo the runtime cannot be loaded: every Open fails, and kaoping
// reads the other formats as before.
func initRuntime(string) error {
	return fmt.Errorf("%w: kaoping was built without cgo (CGO_ENABLED=0), which OCR needs", ErrNotInstalled)
}

type session struct{}

func newSession(string, int) (*session, error) { return nil, ErrNotInstalled }

func (*session) run([]float32, []int64) ([]float32, []int64, error) { return nil, nil, ErrNotInstalled }

func (*session) close() {}
