package serve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"
)

const joKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM8v2buHDA89KRpkuV9XhzwDZPPoQUYSBcmrXpzqUoXg jo@laptop"

func TestParseKeysGivesFingerprintAndComment(t *testing.T) {
	keys, err := ParseKeys("  " + joKey + "\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0].Fingerprint != "SHA256:pa68BpH9EiXLcsc3cj/vR93kDm6ll4mVxS6jC34b13s" || keys[0].Comment != "jo@laptop" {
		t.Fatalf("got %+v", keys)
	}
	if keys[0].Key != strings.TrimSuffix(joKey, " jo@laptop") {
		t.Errorf("stored key %q, want the type and base64 alone", keys[0].Key)
	}
}

func TestParseKeysReadsEveryKeyOfAFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "authorized_keys")
	text := "# team\n\n" + joKey + "\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOe+zt+44jA4ceRgSPclFHoVcyuv481H6GKCRhDfaC4r paul@pc\n"
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	keys, err := ParseKeys(p)
	if err != nil || len(keys) != 2 {
		t.Fatalf("got %v, %v", keys, err)
	}
	if err := os.WriteFile(p, []byte(joKey+"\nssh-ed25519 garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = ParseKeys(p)
	var ke *KeyError
	if !errors.As(err, &ke) || ke.Line != 2 || !strings.HasPrefix(err.Error(), p+":2: not a valid public key") {
		t.Fatalf("got %v, want the file and line 2 named", err)
	}
}

func TestParseKeysRefusals(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "empty"},
		{`command="ls" ` + joKey, "options before the key"},
		{"ssh-dss AAAAB3NzaC1kc3MAAACBAP", "not a valid public key"},
		{"ssh-ed25519 AAAA\x1b[31m", "not a valid public key"},
		{"/nonexistent/key.pub", "neither a public key"},
	} {
		_, err := ParseKeys(tc.in)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseKeys(%q) = %v, want %q", tc.in, err, tc.want)
		}
		if err != nil && strings.ContainsAny(err.Error(), "\x1b\r") {
			t.Errorf("ParseKeys(%q): the message carries control characters: %q", tc.in, err)
		}
	}
}

// Whatever is typed after --key, the answer is keys or a *KeyError: never a
// panic, never a message that writes control characters to the terminal.
func TestParseKeysAnyInput(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := rapid.OneOf(rapid.String(), rapid.Map(rapid.String(), func(s string) string { return "ssh-ed25519 " + s })).Draw(t, "in")
		keys, err := ParseKeys(in)
		var ke *KeyError
		switch {
		case err == nil && len(keys) == 0:
			t.Fatal("no error and no key")
		case err != nil && !errors.As(err, &ke):
			t.Fatalf("error %T %v, want *KeyError", err, err)
		case err != nil && strings.ContainsFunc(err.Error(), func(r rune) bool { return r < 0x20 || r == 0x7f }):
			t.Fatalf("message carries a control character: %q", err)
		}
	})
}
