//go:build !unix

package isolate

import "os/exec"

// limit: without rlimits the worker relies on the parent's wall-clock kill
// and the Go memory limit.
func limit(Limits) error { return nil }

func sysProcAttr(*exec.Cmd) {}

func raiseCPU(Limits, int) {}
