package platform

import (
	"io/fs"
	"testing"
)

func TestFileKind(t *testing.T) {
	for m, want := range map[fs.FileMode]string{
		fs.ModeDir:                        "a folder",
		fs.ModeNamedPipe:                  "a pipe (FIFO)",
		fs.ModeSocket:                     "a socket",
		fs.ModeDevice:                     "a device",
		fs.ModeDevice | fs.ModeCharDevice: "a device",
		fs.ModeIrregular:                  "a special file",
	} {
		if got := FileKind(m); got != want {
			t.Errorf("FileKind(%v) = %q, want %q", m, got, want)
		}
	}
}
