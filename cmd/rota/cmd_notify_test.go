package main

import (
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rota notify config keeps the settings once per database, refuses bad ones
// as bad input, and rota notify then needs no flags to know the server; a
// plain connection to anything but 127.0.0.1 is refused.
func TestNotifyConfig(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	// Listing the settings of a database that is not there makes none.
	if _, errs, code := rota(t, "notify", "config", "--db", db); code != 2 || !strings.Contains(errs, "there is no database at "+db) {
		t.Fatalf("listing without a database: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(db); err == nil {
		t.Fatal("listing the settings made a database")
	}
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

// The reminder's lead time and the digest of nothing are kept per database
// and checked as bad input; a flag still wins; a CA file that holds no
// certificate is refused naming it.
func TestNotifyTimingSettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	for _, bad := range [][]string{{"--remind-days", "0"}, {"--remind-days", "61"}, {"--remind-days", "five"}, {"--digest-nothing", "maybe"}} {
		if _, errs, code := rota(t, append([]string{"notify", "config", "--db", db}, bad...)...); code != 2 || !strings.Contains(errs, bad[0]) {
			t.Fatalf("%v: exit %d, %q", bad, code, errs)
		}
	}
	if _, _, code := rota(t, "save", "--db", db, cumbriaFile, "--name", "cccs"); code != 0 {
		t.Fatalf("save: exit %d", code)
	}
	// October 2022 starts on Monday 3rd: two working days before is Thursday 29 September.
	reminders := func(args ...string) int {
		t.Helper()
		out, errs, code := rota(t, append([]string{"notify", "--db", db, "cccs", "--dry-run"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %q", args, code, errs)
		}
		return strings.Count(out, "(reminder/")
	}
	if n := reminders("--now", "2022-09-28"); n != 2 {
		t.Fatalf("by default (5 working days) on 28 September: %d reminders", n)
	}
	if out, errs, code := rota(t, "notify", "config", "--db", db, "--remind-days", "2", "--digest-nothing", "skip"); code != 0 || !strings.Contains(out, "remind_days = 2") {
		t.Fatalf("exit %d, %q, %q", code, out, errs)
	}
	if n := reminders("--now", "2022-09-28"); n != 0 {
		t.Fatalf("with remind_days 2 kept, on 28 September: %d reminders", n)
	}
	if n := reminders("--now", "2022-09-29"); n != 2 {
		t.Fatalf("with remind_days 2 kept, on 29 September: %d reminders", n)
	}
	if n := reminders("--now", "2022-09-28", "--remind-days", "5"); n != 2 {
		t.Fatalf("--remind-days 5 over the kept 2, on 28 September: %d reminders", n)
	}
	bad := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(bad, []byte("not a certificate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := rota(t, "notify", "--db", db, "cccs", "--smtp", "smtp.example.gov.uk:587", "--from", "rota@example.gov.uk", "--ca-file", bad); code != 2 || !strings.Contains(errs, "--ca-file") || !strings.Contains(errs, "no PEM certificate") {
		t.Fatalf("a CA file without a certificate: exit %d, %q", code, errs)
	}
}

// The digest of a person with nothing in the week says so, without a
// calendar file; --digest-nothing skip leaves it out.
func TestNotifyDigestOfNothing(t *testing.T) {
	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	plan := writeFile(t, strings.Replace(string(text), "name = \"Chief Executive\"\n", "name = \"Chief Executive\"\nemail = \"ce@example.gov.uk\"\n", 1))
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, errs, code := rota(t, "save", "--db", db, plan, "--name", "cccs"); code != 0 {
		t.Fatalf("save: %s", errs)
	}
	out, errs, code := rota(t, "notify", "--db", db, "cccs", "--dry-run", "--now", "2022-09-23")
	if code != 0 || !strings.Contains(out, "=== digest/") || !strings.Contains(out, "nothing on the rota for you in the week from Mon 26 Sep 2022") {
		t.Fatalf("exit %d, %s%s", code, out, errs)
	}
	_, ce, _ := strings.Cut(out, "To: Chief Executive <ce@example.gov.uk>")
	ce, _, _ = strings.Cut(ce, "===")
	if !strings.Contains(ce, "[no attachment]") || strings.Contains(ce, "attached calendar") {
		t.Fatalf("the digest of nothing:\n%s", ce)
	}
	out, _, _ = rota(t, "notify", "--db", db, "cccs", "--dry-run", "--now", "2022-09-23", "--digest-nothing", "skip")
	if strings.Contains(out, "ce@example.gov.uk") {
		t.Fatalf("--digest-nothing skip still sends the digest of nothing:\n%s", out)
	}

	// Sent for real: recorded and delivered as plain text alone.
	r, addr := startRelay(t, "")
	out, errs, code = rota(t, "notify", "--db", db, "cccs", "--now", "2022-09-23", "--smtp", addr, "--security", "plain", "--from", "rota@example.gov.uk")
	if code != 0 || errs != "" || !strings.Contains(out, "0 failed") {
		t.Fatalf("sending the digests: exit %d, %s%s", code, out, errs)
	}
	n := 0
	for _, m := range r.messages() {
		to, err := mail.ParseAddress(m.Header.Get("To"))
		if err != nil || to.Address != "ce@example.gov.uk" {
			continue
		}
		n++
		if ct := m.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
			t.Errorf("the digest of nothing was sent as %s, want plain text without attachment", ct)
		}
	}
	if n != 1 {
		t.Fatalf("the Chief Executive received %d messages, want the digest of nothing", n)
	}
}

// Re-importing a file that only adds a person's email says so, instead of
// "No differences" over a version that changed.
func TestReimportNamesEmailAdded(t *testing.T) {
	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, errs, code := rota(t, "save", "--db", db, cumbriaFile, "--name", "cccs"); code != 0 {
		t.Fatalf("save: %s", errs)
	}
	plan := writeFile(t, strings.Replace(string(text), "name = \"Simon Higgins\"\n", "name = \"Simon Higgins\"\nemail = \"simon.higgins@example.gov.uk\"\n", 1))
	out, errs, code := rota(t, "save", "--db", db, plan, "--name", "cccs@1")
	if code != 0 || strings.Contains(out, "No differences") || !strings.Contains(out, "email of simon set: simon.higgins@example.gov.uk") {
		t.Fatalf("exit %d, %s%s", code, out, errs)
	}
}
