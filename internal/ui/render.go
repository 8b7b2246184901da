package ui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// fit makes s exactly h lines of at most w cells: long lines are cut with
// an ellipsis, missing lines are blank, so the status bar never moves.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// clip keeps the first n lines of s.
func clip(s string, n int) string {
	if n <= 0 {
		return ""
	}
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.Join(lines, "\n")
}

// padRight pads s with spaces to w cells, or cuts it there.
func padRight(s string, w int) string {
	n := ansi.StringWidth(s)
	if n > w {
		return ansi.Truncate(s, w, "…")
	}
	return s + strings.Repeat(" ", w-n)
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	n := ansi.StringWidth(s)
	if n >= w {
		return s
	}
	return strings.Repeat(" ", w-n) + s
}

// cut shortens plain text to w cells.
func cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// cutLeft shortens plain text to w cells from the left, for a path whose
// end matters more than its start.
func cutLeft(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w <= 1 {
		return cut("…", w)
	}
	return "…" + ansi.TruncateLeft(s, ansi.StringWidth(s)-w+1, "")
}

// scroll returns the first row to show so that the cursor row stays in a
// window of h rows, moving the window as little as possible from top.
func scroll(top, cursor, h, n int) int {
	if h <= 0 {
		return 0
	}
	if cursor < top {
		top = cursor
	}
	if cursor >= top+h {
		top = cursor - h + 1
	}
	return max(0, min(top, n-h))
}

// bar draws a proportion as a bar of w cells: filled for the covered share.
func bar(covered, total, w int) (full, empty int) {
	if total <= 0 || w <= 0 {
		return 0, w
	}
	full = (covered*w + total/2) / total
	if covered < total && full == w {
		full = w - 1 // any gap shows
	}
	return full, w - full
}

// wrapText breaks plain text into lines of at most w cells at spaces, so
// that a dialog's sentences are read whole rather than cut; a word wider
// than w (a long path) is broken across lines. Not at hyphens: an id such
// as chief-executive stays one word.
func wrapText(text string, w int) []string {
	w = max(w, 1)
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		for ansi.StringWidth(word) > w {
			if line != "" {
				lines = append(lines, line)
				line = ""
			}
			head := ansi.Truncate(word, w, "")
			lines = append(lines, head)
			word = word[len(head):]
		}
		switch {
		case word == "":
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// hang is text wrapped to w cells behind prefix, its later lines indented
// by the prefix's width: "  r    rebase: …" keeps its key column clear.
func hang(prefix, text string, w int) []string {
	pw := ansi.StringWidth(prefix)
	lines := wrapText(text, w-pw)
	for i, l := range lines {
		if i == 0 {
			lines[i] = prefix + l
		} else {
			lines[i] = strings.Repeat(" ", pw) + l
		}
	}
	return lines
}

// styled renders each line with style and joins them, so a wrapped text
// is not padded to its widest line (lipgloss aligns a block's lines).
func styled(style lipgloss.Style, lines []string) string {
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

// noteAfter puts a form field's message after head when the line has room
// for it in w cells, else under it, wrapped and indented by indent cells,
// so that what is wrong with a field is read whole.
func noteAfter(head, msg string, style lipgloss.Style, w, indent int) string {
	if msg == "" {
		return head
	}
	if ansi.StringWidth(head)+1+ansi.StringWidth(msg) <= w {
		return head + " " + style.Render(msg)
	}
	pad := strings.Repeat(" ", indent)
	out := head
	for _, l := range wrapText(msg, w-indent) {
		out += "\n" + pad + style.Render(l)
	}
	return out
}
