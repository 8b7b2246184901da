package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

func publicKey(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	k, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k)))
}

// TestUserAddChecksThePerson: --person names a person of the user's plans
// (a mistyped id would give an AD no month of their own, silently); before
// any plan is saved, any id is taken.
func TestUserAddChecksThePerson(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, stderr, code := rota(t, "user", "add", "early", "--role", "ad", "--person", "anyone", "--key", publicKey(t), "--db", db); code != 0 {
		t.Fatalf("before any plan: exit %d: %s", code, stderr)
	}
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	_, stderr, code := rota(t, "user", "add", "paul", "--role", "ad", "--person", "pual", "--key", publicKey(t), "--db", db)
	if code != exitBadInput || !strings.Contains(stderr, "no person pual") || !strings.Contains(stderr, "paul") {
		t.Errorf("a mistyped person: exit %d: %s", code, stderr)
	}
	if _, stderr, code := rota(t, "user", "add", "paul", "--role", "ad", "--person", "paul", "--key", publicKey(t), "--db", db); code != 0 {
		t.Errorf("a person of the plan: exit %d: %s", code, stderr)
	}
	if _, stderr, code := rota(t, "user", "add", "jo", "--role", "ad", "--person", "jo", "--plans", "cccs", "--key", publicKey(t), "--db", db); code != 0 {
		t.Errorf("a person of the plan named by --plans: exit %d: %s", code, stderr)
	}
}
