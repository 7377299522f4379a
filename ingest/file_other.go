//go:build !unix

package ingest

import "os"

// openNoBlock opens path for reading; without unix FIFOs there is nothing
// to wait for.
func openNoBlock(path string) (*os.File, error) { return os.Open(path) }
