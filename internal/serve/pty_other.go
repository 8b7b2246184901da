//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package serve

import (
	"io"

	"github.com/charmbracelet/ssh"
)

// ptyOutput is where the session's renderer writes. Windows and other
// systems have no PTY file in charmbracelet/ssh, so it is the channel.
func ptyOutput(sess ssh.Session, _ ssh.Pty) io.Writer { return sess }
