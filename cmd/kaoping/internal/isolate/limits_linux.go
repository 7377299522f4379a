package isolate

import "syscall"

const rlimitData = syscall.RLIMIT_DATA

// procAttr: the worker dies with its parent, so a killed server leaves no
// orphan parsing on.
func procAttr() *syscall.SysProcAttr { return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL} }
