//go:build unix

package isolate

import (
	"os/exec"
	"syscall"
)

// limit applies lim to this (the worker) process.
func limit(lim Limits) error {
	if lim.Memory > 0 {
		if err := syscall.Setrlimit(rlimitData, &syscall.Rlimit{Cur: lim.Memory, Max: lim.Memory}); err != nil {
			return err
		}
	}
	if s := uint64(lim.CPU.Seconds()); s > 0 {
		// SIGXCPU at the soft limit, SIGKILL a second later
		if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: s, Max: s + 1}); err != nil {
			return err
		}
	}
	return nil
}

func sysProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = procAttr()
}
