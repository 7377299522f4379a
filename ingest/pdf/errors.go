package pdf

import "fmt"

// Kind classifies a PDF that cannot be read. The ingest package maps each
// to its ingest.Kind (which has the messages for people); this package
// cannot return *ingest.Error itself, as ingest imports it.
type Kind int

const (
	Corrupt   Kind = iota // damaged structure or content, or a panic of the library
	Empty                 // no bytes
	Truncated             // the file ends early (no %%EOF)
	Encrypted             // encrypted with a password we do not have
	Scanned               // images and no text layer
	TooLarge              // over one of the Limits
)

// Error is a failure to read a PDF. Page is the 1-based page on which it
// happened, 0 when it is not tied to a page.
type Error struct {
	Kind Kind
	Page int
	Err  error
}

func (e *Error) Error() string {
	if e.Page > 0 {
		return fmt.Sprintf("page %d: %v", e.Page, e.Err)
	}
	return e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }
