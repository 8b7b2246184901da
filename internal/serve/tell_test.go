package serve

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"pgregory.net/rapid"
)

func TestClientLinesAreCRLFAndFit80Columns(t *testing.T) {
	got := clientLines(stopping)
	want := "rota serve is stopping: every change you made was saved.\r\nConnect again in a minute.\r\n"
	if got != want {
		t.Errorf("the stopping message is\n%q\nwant\n%q", got, want)
	}
}

// Whatever the text: every line ends with CR LF, none is wider than 80
// columns unless one word is, and the words are all there in order.
func TestClientLinesProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		words := rapid.SliceOfN(rapid.StringMatching(`[a-zé:,"().]{1,30}`), 0, 40).Draw(t, "words")
		text := strings.Join(words, " ")
		got := clientLines(text)
		if got != "" && !strings.HasSuffix(got, "\r\n") {
			t.Fatalf("does not end with CR LF: %q", got)
		}
		if strings.Count(got, "\n") != strings.Count(got, "\r\n") {
			t.Fatalf("a bare LF: %q", got)
		}
		for _, line := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
			if w := ansi.StringWidth(line); w > tellWidth && strings.Contains(line, " ") {
				t.Fatalf("a line of %d columns: %q", w, line)
			}
		}
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
			t.Fatalf("words lost or moved: %q from %q", got, text)
		}
	})
}
