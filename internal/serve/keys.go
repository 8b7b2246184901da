package serve

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/crypto/ssh"

	"rota/internal/backend"
)

// maxKeyFile bounds what is read of a public-key file: an authorized_keys
// file of a few hundred keys fits; anything larger is not a key file.
const maxKeyFile = 1 << 20

// minRSABits is the smallest RSA key accepted (NIST SP 800-131A: 2048 bits).
const minRSABits = 2048

// KeyError is a public key that cannot be used, naming where it came from
// (the --key text, or a file and line) and what would be right.
type KeyError struct {
	Source string // "--key" or the file's path
	Line   int    // 1-based, in a file; 0 for --key
	Reason string
}

func (e *KeyError) Error() string {
	where := e.Source
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.Source, e.Line)
	}
	return clean(where + ": " + e.Reason)
}

// ParseKeys reads the keys --key names: one key as an authorized_keys line
// ("ssh-ed25519 AAAA… comment"), or the path of a public-key file such as
// ~/.ssh/id_ed25519.pub or an authorized_keys file (one key a line; blank
// lines and # comments skipped). Each key is checked with
// golang.org/x/crypto/ssh (OpenSSH's authorized_keys format, sshd(8)
// AUTHORIZED_KEYS FILE FORMAT); DSA and RSA under 2048 bits are refused,
// as are options before the key (rota serve gives every key the same
// access). Errors are *KeyError.
func ParseKeys(arg string) ([]backend.Key, error) {
	arg = strings.TrimSpace(arg)
	if arg == "" {
		return nil, &KeyError{Source: "--key", Reason: `empty: give a public key ("ssh-ed25519 AAAA…") or the path of a .pub file`}
	}
	if looksLikeKey(arg) {
		k, err := parseKeyLine(arg)
		if err != nil {
			return nil, &KeyError{Source: "--key", Reason: err.Error()}
		}
		return []backend.Key{k}, nil
	}
	f, err := os.Open(arg)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) && strings.ContainsAny(arg, " \t") {
			// Not a file: a key line with something before the key.
			k, err := parseKeyLine(arg)
			if err != nil {
				return nil, &KeyError{Source: "--key", Reason: err.Error()}
			}
			return []backend.Key{k}, nil
		}
		if errors.Is(err, os.ErrNotExist) {
			return nil, &KeyError{Source: "--key", Reason: fmt.Sprintf("%q is neither a public key (it should start with ssh-ed25519, ecdsa-sha2-… or ssh-rsa) nor a file", short(arg))}
		}
		return nil, &KeyError{Source: arg, Reason: fmt.Sprintf("cannot read it: %v", err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, &KeyError{Source: arg, Reason: fmt.Sprintf("cannot read it: %v", err)}
	}
	if len(data) > maxKeyFile {
		return nil, &KeyError{Source: arg, Reason: "larger than 1 MiB: not a public-key file"}
	}
	if bytes.Contains(data, []byte("PRIVATE KEY")) {
		return nil, &KeyError{Source: arg, Reason: "this is a private key: give the public one (the .pub file beside it), and keep the private key to yourself"}
	}
	var keys []backend.Key
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, err := parseKeyLine(line)
		if err != nil {
			return nil, &KeyError{Source: arg, Line: i + 1, Reason: err.Error()}
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil, &KeyError{Source: arg, Reason: "holds no public key"}
	}
	return keys, nil
}

// looksLikeKey tells a key typed on the command line from a file name.
func looksLikeKey(s string) bool {
	for _, p := range []string{"ssh-", "ecdsa-", "sk-"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func parseKeyLine(line string) (backend.Key, error) {
	pub, comment, options, _, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return backend.Key{}, fmt.Errorf("not a valid public key (%v): give one line such as \"ssh-ed25519 AAAAC3Nza… you@host\", as ssh-keygen writes it to the .pub file", err)
	}
	if len(options) > 0 {
		return backend.Key{}, fmt.Errorf("options before the key (%s) are not taken: give the key alone", short(strings.Join(options, ",")))
	}
	switch pub.Type() {
	case "ssh-dss": // x/crypto/ssh deprecates the name; old keys may still parse
		return backend.Key{}, errors.New("DSA keys are too weak and OpenSSH no longer takes them: make an ed25519 key with ssh-keygen -t ed25519")
	case ssh.KeyAlgoRSA:
		if ck, ok := pub.(ssh.CryptoPublicKey); ok {
			if r, ok := ck.CryptoPublicKey().(*rsa.PublicKey); ok && r.N.BitLen() < minRSABits {
				return backend.Key{}, fmt.Errorf("an RSA key of %d bits is too weak (at least %d): make an ed25519 key with ssh-keygen -t ed25519", r.N.BitLen(), minRSABits)
			}
		}
	}
	return backend.Key{
		Fingerprint: ssh.FingerprintSHA256(pub),
		Key:         strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))),
		Comment:     clean(comment),
	}, nil
}

// short cuts what is quoted back in a message to a readable length.
func short(s string) string {
	s = clean(s)
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// clean keeps only printable characters of text a user gave, so that
// nothing typed reaches a terminal raw when it is listed.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}
