//go:build unix && !linux

package isolate

import "syscall"

const rlimitData = syscall.RLIMIT_DATA

func procAttr() *syscall.SysProcAttr { return nil }
