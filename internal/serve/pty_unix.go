//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris

package serve

import (
	"io"

	"github.com/charmbracelet/ssh"
)

// ptyOutput is where the session's renderer writes: the pseudo-terminal the
// server allocated, when it did, so termenv sees a terminal; else the
// channel itself. Only Unix systems have a PTY file (charmbracelet/ssh's
// Pty.Slave), hence this file's build tag.
func ptyOutput(sess ssh.Session, pty ssh.Pty) io.Writer {
	if pty.Slave != nil {
		return pty.Slave
	}
	return sess
}
