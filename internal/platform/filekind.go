package platform

import "io/fs"

// FileKind names a file mode that is not a regular file, in a PA's words
// ("a folder", "a pipe (FIFO)", "a socket", "a device"), for the messages
// that refuse to read or write one.
func FileKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}
