//go:build unix

package isolate

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
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
		hard := s + 1
		if p := uint64(lim.CPUPerPage.Seconds()); p > 0 {
			// The soft limit grows by CPUPerPage with each page read by OCR
			// (raiseCPU), up to the hard one. Go ignores SIGXCPU, so the
			// worker ends itself when it arrives.
			hard += p * maxCPUPages
			c := make(chan os.Signal, 1)
			signal.Notify(c, syscall.SIGXCPU)
			go func() {
				<-c
				fmt.Fprintln(os.Stderr, "isolate: CPU time limit reached")
				os.Exit(3)
			}()
		}
		if err := syscall.Setrlimit(syscall.RLIMIT_CPU, &syscall.Rlimit{Cur: s, Max: hard}); err != nil {
			return err
		}
	}
	return nil
}

// raiseCPU gives the worker CPUPerPage more processor time: it is about to
// read a page by OCR, seconds of work a page that a document of text never
// needs. The soft limit itself keeps the count, so a pool worker's budget
// grows with every scanned page it reads.
func raiseCPU(lim Limits, _ int) {
	p := uint64(lim.CPUPerPage.Seconds())
	if p == 0 || lim.CPU <= 0 {
		return
	}
	var r syscall.Rlimit
	if syscall.Getrlimit(syscall.RLIMIT_CPU, &r) != nil || r.Cur >= r.Max-1 {
		return
	}
	r.Cur = min(r.Max-1, r.Cur+p)
	_ = syscall.Setrlimit(syscall.RLIMIT_CPU, &r)
}

func sysProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = procAttr()
}
