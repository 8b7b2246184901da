package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// rota notify config keeps the settings once per database, refuses bad ones
// as bad input, and rota notify then needs no flags to know the server; a
// plain connection to anything but 127.0.0.1 is refused.
func TestNotifyConfig(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, errs, code := rota(t, "notify", "config", "--db", db, "--from", "Jo <jo@example.gov.uk>"); code != 2 || !strings.Contains(errs, "--from") {
		t.Fatalf("a From with a name: exit %d, %q", code, errs)
	}
	if _, errs, code := rota(t, "notify", "config", "--db", db, "--smtp", "smtp.example.gov.uk"); code != 2 || !strings.Contains(errs, "HOST:PORT") {
		t.Fatalf("a server without a port: exit %d, %q", code, errs)
	}
	out, errs, code := rota(t, "notify", "config", "--db", db, "--smtp", "smtp.example.gov.uk:25", "--security", "plain", "--from", "rota@example.gov.uk")
	if code != 0 || !strings.Contains(out, "smtp = smtp.example.gov.uk:25") || !strings.Contains(out, "from = rota@example.gov.uk") {
		t.Fatalf("exit %d, %q, %q", code, out, errs)
	}
	if _, _, code := rota(t, "save", "--db", db, cumbriaFile, "--name", "cccs"); code != 0 {
		t.Fatalf("save: exit %d", code)
	}
	if _, errs, code := rota(t, "notify", "--db", db, "cccs"); code != 2 || !strings.Contains(errs, "plain SMTP is only for a test server") {
		t.Fatalf("plain to a remote server from the kept settings: exit %d, %q", code, errs)
	}
}
