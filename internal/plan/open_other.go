//go:build !unix

package plan

import "os"

// openNoWait opens path for reading; outside Unix there are no FIFOs in the
// file system to wait on.
func openNoWait(path string) (*os.File, error) { return os.Open(path) }
