package termtext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

func TestShortenKeepsStartAndEnd(t *testing.T) {
	msg := `plan.toml:17: duty "siro": owner: "` + strings.Repeat("x", 10<<20) + `" is not a person (persons: jo, paul)`
	got := Shorten(msg)
	if len(got) > MaxLine+60 || !strings.HasPrefix(got, `plan.toml:17: duty "siro": owner: "xxx`) || !strings.HasSuffix(got, `" is not a person (persons: jo, paul)`) {
		t.Errorf("%d bytes: %.200s", len(got), got)
	}
	if !strings.Contains(got, "characters left out") {
		t.Errorf("does not say what was left out: %.200s", got)
	}
}

// Every line comes out at most MaxLine and a little, valid UTF-8 when it
// went in so, and short lines unchanged.
func TestShortenProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		lines := rapid.SliceOfN(rapid.StringN(0, 3000, -1), 1, 5).Draw(t, "lines")
		for i := range lines {
			lines[i] = strings.ReplaceAll(lines[i], "\n", " ")
		}
		msg := strings.Join(lines, "\n")
		out := strings.Split(Shorten(msg), "\n")
		if len(out) != len(lines) {
			t.Fatalf("%d lines in, %d out", len(lines), len(out))
		}
		for i, l := range out {
			if len(lines[i]) <= MaxLine && l != lines[i] {
				t.Fatalf("short line changed: %q -> %q", lines[i], l)
			}
			if len(l) > MaxLine+60 {
				t.Fatalf("line of %d bytes", len(l))
			}
			if utf8.ValidString(lines[i]) && !utf8.ValidString(l) {
				t.Fatalf("cut inside a character: %q", l)
			}
		}
	})
}
