package termtext

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Bad reports whether r must not reach a terminal raw: a C0 control other
// than tab (ESC starts sequences that retitle the terminal or clear it; CR
// paints over a line), DEL, a C1 control (U+0080–U+009F, the 8-bit forms of
// the same sequences), or a bidirectional embedding, override or isolate
// (U+202A–U+202E, U+2066–U+2069, Unicode TR9), which can reverse what a PA
// reads. Line breaks are Bad too: in a name or a note they would fake lines.
func Bad(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\t'
	case r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// Check describes the first Bad character of s for a message ("a control
// character (U+001B) at character 5"), or returns "" when s has none.
func Check(s string) string {
	for i, n := 0, 0; n < len(s); i++ {
		r, size := utf8.DecodeRuneInString(s[n:])
		n += size
		if r == utf8.RuneError && size == 1 {
			// 0x9b alone is CSI to a terminal in 8-bit mode.
			return fmt.Sprintf("a byte that is not UTF-8 text (0x%02X) at character %d", s[n-1], i+1)
		}
		if !Bad(r) {
			continue
		}
		what := "a control character"
		switch {
		case r == '\n' || r == '\r':
			what = "a line break"
		case r >= 0x202a:
			what = "a bidirectional control character"
		}
		return fmt.Sprintf("%s (U+%04X) at character %d", what, r, i+1)
	}
	return ""
}

// Refusal is the advice that goes with Check's description in messages.
const Refusal = "remove it: text is shown on terminals, where such characters can move the cursor, rewrite the screen or reverse what is read"

// Escape returns s with every Bad character written as a visible escape,
// \u001b for ESC: text from a database written before such characters were
// refused is shown, never obeyed. The escape is JSON's and TOML's, so JSON
// passed through it means the same.
func Escape(s string) string {
	if !strings.ContainsFunc(s, Bad) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if Bad(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeText is Escape for whole texts: line breaks (LF, and CR before LF)
// are kept, as the text's own.
func escapeText(b []byte, out []byte) []byte {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == '\n', r == '\r' && i+1 < len(b) && b[i+1] == '\n':
			out = append(out, b[i])
		case r == utf8.RuneError && n == 1:
			out = fmt.Appendf(out, `\x%02x`, b[i]) // not UTF-8: 0x9b alone is CSI to some terminals
		case Bad(r):
			out = fmt.Appendf(out, `\u%04x`, r)
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

// Writer escapes what is written through it as Escape does, keeping line
// breaks: every text a command prints goes through one. A character split
// across two writes is escaped whole; Flush writes what is held back.
type Writer struct {
	w    io.Writer
	held []byte // the start of a character, or a CR that may begin CRLF
}

// NewWriter returns a Writer printing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Underlying returns the writer it prints to, for output that is data (an
// export) rather than text.
func (t *Writer) Underlying() io.Writer { return t.w }

// Write escapes p and writes it; it reports len(p) when all went out.
func (t *Writer) Write(p []byte) (int, error) {
	b := append(t.held, p...)
	t.held = nil
	// Hold back an incomplete character, or a final CR, for the next write.
	keep := len(b)
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				keep = i
			}
			break
		}
	}
	if keep == len(b) && keep > 0 && b[keep-1] == '\r' {
		keep--
	}
	t.held = append([]byte(nil), b[keep:]...)
	if _, err := t.w.Write(escapeText(b[:keep], make([]byte, 0, keep+16))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes what is held back, escaped.
func (t *Writer) Flush() error {
	if len(t.held) == 0 {
		return nil
	}
	b := t.held
	t.held = nil
	_, err := t.w.Write(escapeText(b, nil))
	return err
}
