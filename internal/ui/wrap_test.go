package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"
)

// TestWrapTextKeepsEveryWord: whatever the text and the width, no line is
// wider than the width, and the lines hold the text's words in order; a
// word is broken only when it is wider than the width.
func TestWrapTextKeepsEveryWord(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		words := rapid.SliceOf(rapid.StringMatching(`[a-zé·—-]{1,12}`)).Draw(t, "words")
		w := rapid.IntRange(1, 40).Draw(t, "w")
		lines := wrapText(strings.Join(words, " "), w)
		for _, l := range lines {
			if ansi.StringWidth(l) > w {
				t.Fatalf("line %q is wider than %d", l, w)
			}
		}
		if got, want := strings.Join(strings.Fields(strings.Join(lines, " ")), ""), strings.Join(words, ""); got != want {
			t.Fatalf("the lines hold %q, want %q", got, want)
		}
		long := false
		for _, wd := range words {
			long = long || ansi.StringWidth(wd) > w
		}
		if !long && strings.Join(lines, " ") != strings.Join(words, " ") {
			t.Fatalf("a word that fits was broken: %q", lines)
		}
	})
}
