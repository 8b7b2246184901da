package main

import (
	"bytes"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rota notify as a PA sets it up for a council relay: STARTTLS with a
// certificate of the council's own authority (--ca-file), the user from
// $ROTA_SMTP_USER and the password from --password-file. A wrong password
// is refused with a clear word and leaves the message due; the right one
// sends it.
func TestNotifySTARTTLSLoginFromEnvironmentAndFile(t *testing.T) {
	// httptest's certificate is for 127.0.0.1, signed by itself.
	hs := httptest.NewTLSServer(http.NotFoundHandler())
	defer hs.Close()
	dir := t.TempDir()
	caFile := filepath.Join(dir, "council-ca.pem")
	if err := os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hs.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	rl, addr := startRelayWith(t, &relay{user: "rota@council.test", password: "right horse"}, hs.TLS)

	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	plan := writeFile(t, strings.Replace(string(text), "name = \"Jo Atkinson\"\n", "name = \"Jo Atkinson\"\nemail = \"jo@example.gov.uk\"\n", 1))
	db := filepath.Join(dir, "rota.db")
	if _, errs, code := rota(t, "save", "--db", db, plan, "--name", "cccs"); code != 0 {
		t.Fatalf("save: %s", errs)
	}
	notify := func(password string) (string, string, int) {
		t.Helper()
		pw := filepath.Join(dir, "smtp-password")
		if err := os.WriteFile(pw, []byte(password+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		var out, errb bytes.Buffer
		getenv := func(k string) string {
			if k == "ROTA_SMTP_USER" {
				return "rota@council.test"
			}
			return ""
		}
		code := run([]string{"notify", "--db", db, "cccs", "--now", "2022-09-23", "--smtp", addr, "--from", "rota@example.gov.uk",
			"--ca-file", caFile, "--password-file", pw},
			&env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: getenv, user: noAccount})
		return out.String(), errb.String(), code
	}
	out, errs, code := notify("wrong horse")
	if code != 1 || !strings.Contains(out, "refused the login") || !strings.Contains(out, "1 failed") || len(rl.messages()) != 0 {
		t.Fatalf("a wrong password: exit %d, %s%s", code, out, errs)
	}
	out, errs, code = notify("right horse")
	if code != 0 || !strings.HasPrefix(out, "0 new message(s) recorded, 1 sent, 0 failed") || len(rl.messages()) != 1 {
		t.Fatalf("the right password: exit %d, %s%s", code, out, errs)
	}
}
