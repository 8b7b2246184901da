//go:build !unix

package plan

import "errors"

// mkfifo cannot make a FIFO here; the tests that need one skip.
func mkfifo(string) error { return errors.New("no FIFOs on this system") }
