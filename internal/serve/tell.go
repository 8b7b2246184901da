package serve

import (
	"io"
	"strings"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"
)

// tellWidth is the widest line of a message to the client: the narrowest
// terminal commonly met.
const tellWidth = 80

// clientLines is text as lines for the client's terminal: a sentence a
// line, each at most tellWidth columns (longer ones wrapped between
// words), each ended with CR LF. The client's terminal is raw under ssh
// -t, so a bare \n would start the next line where the last ended, and
// OpenSSH would show only the tail of a long one.
func clientLines(text string) string {
	var b strings.Builder
	for _, sentence := range strings.SplitAfter(text, ". ") {
		sentence = strings.TrimSpace(sentence)
		if sentence == "" {
			continue
		}
		col := 0
		for _, word := range strings.Fields(sentence) {
			w := ansi.StringWidth(word)
			if col > 0 && col+1+w > tellWidth {
				b.WriteString("\r\n")
				col = 0
			}
			if col > 0 {
				b.WriteByte(' ')
				col++
			}
			b.WriteString(word)
			col += w
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

// tell writes text to the client's terminal, as clientLines. With a
// terminal it goes on the planner's own stream, after the planner's last
// screen and its leaving the alternate screen: OpenSSH writes the
// session's standard output and error in no fixed order, so a message on
// standard error could come first and vanish with the alternate screen.
// Without one it goes to standard error.
func tell(sess ssh.Session, text string) {
	_, _ = clientStream(sess).Write([]byte(clientLines(text)))
}

func clientStream(sess ssh.Session) io.Writer {
	if _, _, pty := sess.Pty(); pty {
		return sess
	}
	return sess.Stderr()
}

// refuse tells the user why there is no planner and ends the session
// with exit status 1.
func refuse(sess ssh.Session, text string) {
	tell(sess, text)
	// EOF before the exit status and the close, as an SSH server ends a
	// command (RFC 4254 section 6.10): the client writes out all it got.
	_ = sess.CloseWrite()
	_ = sess.Exit(1)
	_ = sess.Close()
}

// ended tells the user why their planner ended and ends the session.
func ended(sess ssh.Session, text string) {
	// A line of its own: the planner's last screen may end mid-line.
	_, _ = clientStream(sess).Write([]byte("\r\n"))
	refuse(sess, text)
}

// refuseEnded is ended, and closes the connection too: an SSH connection
// may open sessions without logging in again, and its user may no
// longer.
func refuseEnded(sess ssh.Session, text string) {
	ended(sess, text)
	if c, ok := sess.Context().Value(ssh.ContextKeyConn).(gossh.Conn); ok {
		_ = c.Close()
	}
}
