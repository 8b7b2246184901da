package ui

import (
	"strings"

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
