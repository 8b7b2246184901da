package termtext

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"pgregory.net/rapid"
)

func TestCheck(t *testing.T) {
	for s, want := range map[string]string{
		"Jo Atkinson\tAD":       "",
		"Zoë \u05d0\u05d1":      "",
		"Jo\x1b]0;pwned\x07":    "a control character (U+001B) at character 3",
		"title\rfake":           "a line break (U+000D) at character 6",
		"a\nb":                  "a line break (U+000A) at character 2",
		"del\x7f":               "a control character (U+007F) at character 4",
		"c1\u009b2J":            "a control character (U+009B) at character 3",
		"abc\u202edcba":         "a bidirectional control character (U+202E) at character 4",
		"isolate \u2066x\u2069": "a bidirectional control character (U+2066) at character 9",
	} {
		if got := Check(s); got != want {
			t.Errorf("Check(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestEscape(t *testing.T) {
	if got, want := Escape("Jo\x1b]0;x\x07 \u202eabc\nnext"), `Jo\u001b]0;x\u0007 \u202eabc\u000anext`; got != want {
		t.Errorf("Escape = %q, want %q", got, want)
	}
}

// Whatever is written, in whatever pieces, what comes out holds no Bad
// character but the text's own line breaks, and is the same however it was
// cut; JSON passed through means the same.
func TestWriterProperty(t *testing.T) {
	alphabet := []rune{'a', 'é', '\t', '\n', '\r', 0x1b, 0x07, 0x7f, 0x85, 0x9b, 0x202e, 0x2067, '"', '\\', '🎉'}
	rapid.Check(t, func(t *rapid.T) {
		rs := rapid.SliceOf(rapid.SampledFrom(alphabet)).Draw(t, "runes")
		text := []byte(string(rs))
		if rapid.Bool().Draw(t, "invalid byte") {
			text = append(text, 0x9b)
		}
		var whole, cut bytes.Buffer
		w := NewWriter(&whole)
		w.Write(text)
		w.Flush()
		c := NewWriter(&cut)
		for rest := text; len(rest) > 0; {
			n := rapid.IntRange(1, len(rest)).Draw(t, "piece")
			c.Write(rest[:n])
			rest = rest[n:]
		}
		c.Flush()
		if whole.String() != cut.String() {
			t.Fatalf("cut differently: %q vs %q", whole.String(), cut.String())
		}
		out := whole.String()
		for i, r := range strings.ReplaceAll(out, "\r\n", "\n") {
			if r != '\n' && Bad(r) || r == utf8.RuneError {
				t.Fatalf("%q came out at %d of %q", r, i, out)
			}
		}
		j, _ := json.Marshal(string(rs))
		var back, want string
		var jb bytes.Buffer
		jw := NewWriter(&jb)
		jw.Write(j)
		jw.Flush()
		json.Unmarshal(j, &want)
		if err := json.Unmarshal(jb.Bytes(), &back); err != nil || back != want {
			t.Fatalf("JSON %s became %s (%v)", j, jb.String(), err)
		}
	})
}
