// Package tune sets the Go runtime for a kaoping process, in its init: the
// collector (gc.go) and the processors the scheduler runs goroutines on
// (procs.go). main imports it so that its init runs before the inits of the
// big dependencies.
//
// A kaoping run is short: it reads a file or two, writes, and exits, its
// live heap a few MiB. With Go's default (GOGC=100) the collector runs
// several times while the heap grows from nothing, a fifth of the CPU of a
// `kaoping convert` on a one-page form: measured against
// `pdftotext -layout`, the speed target's baseline, that is the difference
// between ahead and behind. So the heap may grow to five times the live data
// before a collection (gcPercent), and a soft limit (gcMemoryLimit) keeps a
// long `kaoping batch` or `kaoping serve` from growing that far when the
// live heap is large: near the limit the collector runs as often as it must.
// Either setting given in the environment (GOGC, GOMEMLIMIT) is left alone.
//
// Why in an init: the package inits (excelize's regexps and tables,
// validator's, ours) leave about 3 MiB on the heap, next to Go's first
// collection at 4 MiB, so in about a quarter of `kaoping convert` runs a
// collection started during the inits, before main could raise the
// percent: a stop of the world, mark workers on both cores, 1–9 ms of CPU
// for nothing. Go initializes a package once its imports are and, among
// those ready, by import path; this one needs only os and the runtime, so
// it runs among the first (TestRunsFirst in cmd/kaoping checks it with
// GODEBUG=inittrace=1).
package tune

import (
	"os"
	"runtime/debug"
)

func init() {
	tune(os.Getenv)
	serial(os.Getenv)
}

const (
	gcPercent     = 400
	gcMemoryLimit = 1 << 30 // bytes
)

// gcSettings returns the collector's settings for this run from the
// environment: a percent and a memory limit, each with whether to apply it.
func gcSettings(getenv func(string) string) (percent int, setPercent bool, limit int64, setLimit bool) {
	return gcPercent, getenv("GOGC") == "", gcMemoryLimit, getenv("GOMEMLIMIT") == ""
}

// tune applies gcSettings to the runtime.
func tune(getenv func(string) string) {
	percent, setPercent, limit, setLimit := gcSettings(getenv)
	if setPercent {
		debug.SetGCPercent(percent)
	}
	if setLimit {
		debug.SetMemoryLimit(limit)
	}
}
