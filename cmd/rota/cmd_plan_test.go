package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"testing"
)

const cumbriaFile = "../../configs/cumbria-cccs-2022.toml"

// rota runs a command line in-process and returns its output and exit code.
func rota(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(string) string { return "" }, user: noAccount})
	return out.String(), errb.String(), code
}

// noAccount stands for a system that cannot tell who runs rota, so that
// in-process tests never read or write in the real account's home.
func noAccount() (*user.User, error) { return nil, errors.New("no account in tests") }

func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "plan.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestPlanJSONIsOneObjectOnStdout(t *testing.T) {
	out, errs, code := rota(t, "plan", cumbriaFile, "--json")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var v struct {
		Months []struct{ SPOC string }
		Days   []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Months) != 9 || v.Months[0].SPOC != "simon" || len(v.Days) != 191 {
		t.Fatalf("%d months (first SPOC %q), %d days", len(v.Months), v.Months[0].SPOC, len(v.Days))
	}
}

func TestFlagsMayComeBeforeTheFile(t *testing.T) {
	a, _, _ := rota(t, "plan", "--json", cumbriaFile)
	b, _, _ := rota(t, "plan", cumbriaFile, "--json")
	if a != b || a == "" {
		t.Fatal("rota plan --json FILE and rota plan FILE --json differ")
	}
}

func TestCheckExitCodes(t *testing.T) {
	if out, _, code := rota(t, "check", cumbriaFile); code != 0 || !strings.Contains(out, "no gaps") {
		t.Fatalf("no absences: exit %d, %q", code, out)
	}
	out, _, code := rota(t, "check", cumbriaFile, "--absent", "paul:2022-10-10:2022-10-11")
	if code != 1 || !strings.Contains(out, "Senior Information Risk Owner (SIRO): nobody 10–11 Oct 2022 (2 days) — paul away\n") {
		t.Fatalf("with Paul away: exit %d\n%s", code, out)
	}
	out, _, _ = rota(t, "check", cumbriaFile, "--reasons", "--absent", "paul:2022-10-10:2022-10-11")
	if !strings.Contains(out, "— paul away (what-if)\n") {
		t.Fatalf("--reasons does not give the reason:\n%s", out)
	}
}

func TestBadInputExitsTwoWithAMessageAndNoStdout(t *testing.T) {
	broken := writeFile(t, `[plan]
name = "x"
start = 2022-07-01
end = 2022-09-30

[[person]]
id = "jo"
name = "Jo"

[[person]]
id = "paul"
name = "Paul"

[[duty]]
id = "siro"
title = "SIRO"
owner = "paul"
cover = ["pual"]
`)
	for _, args := range [][]string{
		{"plan", broken, "--json"},
		{"check", broken},
		{"plan", cumbriaFile, "--absent", "nobody:2022-10-01:2022-10-02"},
		{"plan", cumbriaFile, "--absent", "paul:2022-10-05:2022-10-01"},
		{"plan", cumbriaFile, "--absent", "paul:2022-13-05:2022-10-01"},
		{"check", cumbriaFile, "--absent", "paul"},
		{"plan", cumbriaFile, "--month", "2030-01"},
		{"plan", cumbriaFile, "--person", "nobody"},
		{"plan", filepath.Join(t.TempDir(), "missing.toml")},
		{"plan"},
		{"plan", cumbriaFile, "--no-such-flag"},
		{"frobnicate"},
	} {
		out, errs, code := rota(t, args...)
		if code != 2 || out != "" || errs == "" || strings.Contains(errs, "goroutine") {
			t.Errorf("rota %v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
	_, errs, _ := rota(t, "check", broken)
	if want := broken + `:18: duty "siro": cover: "pual" is not a person`; !strings.Contains(errs, want) {
		t.Errorf("stderr %q lacks %q", errs, want)
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"plan", "--help"}, {"check", "-h"}, {"help", "plan"}, {"version"}} {
		out, _, code := rota(t, args...)
		if code != 0 || out == "" {
			t.Errorf("rota %v: exit %d, stdout %q", args, code, out)
		}
	}
	out, _, _ := rota(t, "plan", "--help")
	for _, flag := range []string{"-json", "-month", "-person", "-absent"} {
		if !strings.Contains(out, flag) {
			t.Errorf("rota plan --help does not explain %s", flag)
		}
	}
}

func TestPersonPlan(t *testing.T) {
	out, _, code := rota(t, "plan", cumbriaFile, "--person", "tracy", "--month", "2022-10")
	if code != 0 || !strings.Contains(out, "SPOC (you lead):   Oct 2022") || !strings.Contains(out, "Oct 2022 only") {
		t.Fatalf("exit %d\n%s", code, out)
	}
}

func TestSampleIsAValidReproduciblePlan(t *testing.T) {
	a, _, code := rota(t, "sample", "--size", "team", "--seed", "7")
	b, _, _ := rota(t, "sample", "--seed", "7")
	if code != 0 || a != b || !strings.HasPrefix(a, "[plan]\n") {
		t.Fatalf("exit %d; the same seed gave different plans or no plan", code)
	}
	out, errs, code := rota(t, "check", writeFile(t, a))
	if code != 1 || errs != "" || !strings.Contains(out, "gaps on") {
		t.Fatalf("a generated team plan should load and have gaps: exit %d, %q", code, errs)
	}
	if _, errs, code := rota(t, "sample", "--size", "huge"); code != 2 || !strings.Contains(errs, "use one of decade, team, year") {
		t.Fatalf("bad size: exit %d, %q", code, errs)
	}
}

func TestSettingWhatTheRotaHasSaysItIsNowPinned(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, errs, code := rota(t, "save", cumbriaFile, "--name", "c", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	// Tracy is present on Thu 6 Oct 2022 in the plain rotation.
	out, errs, code := rota(t, "edit", "c@1", "present", "2022-10-06", "tracy", "--db", db)
	if code != 0 || !strings.Contains(out, "The rota is unchanged; now set by hand, so rota replan keeps it: presence on 2022-10-06 (tracy).") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if out, _, _ := rota(t, "edit", "c@2", "present", "2022-10-06", "tracy", "--db", db); !strings.Contains(out, "Nothing to change") {
		t.Fatalf("setting it again: %q", out)
	}
}
