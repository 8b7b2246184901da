package termtext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// MaxLine is the longest line of a message printed whole, in bytes. A line
// quoting a value from a file can be as long as the file (a 10 MB id gave
// 20 MB of messages); beyond MaxLine its middle is left out, keeping where
// the problem is (the start) and what would be right (the end).
const MaxLine = 1000

// Shorten returns msg with each line longer than MaxLine cut to its first
// and last MaxLine/2 bytes or so, on character boundaries, with how much
// was left out in between.
func Shorten(msg string) string {
	if len(msg) <= MaxLine {
		return msg
	}
	lines := strings.Split(msg, "\n")
	for i, l := range lines {
		if len(l) <= MaxLine {
			continue
		}
		head, tail := MaxLine/2-20, len(l)-(MaxLine/2-20)
		for head > 0 && !utf8.RuneStart(l[head]) {
			head--
		}
		for tail < len(l) && !utf8.RuneStart(l[tail]) {
			tail++
		}
		lines[i] = fmt.Sprintf("%s…(%d characters left out)…%s", l[:head], utf8.RuneCountInString(l[head:tail]), l[tail:])
	}
	return strings.Join(lines, "\n")
}
