//go:build unix

package ingest

import (
	"syscall"
	"time"
)

// usage is the process's CPU time so far (user and system, all threads:
// ONNX Runtime's included) and its peak resident memory in bytes.
func usage() (cpu time.Duration, peak int64) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Maxrss * 1024
}
