//go:build unix

package plan

import "syscall"

// mkfifo makes a FIFO at path, for the tests of what is not a file.
func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }
