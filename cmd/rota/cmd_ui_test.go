package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rota/internal/backend"
)

func TestPlannerNeedsATerminalAndTouchesNothingWithout(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	for _, args := range [][]string{{"--db", db}, {cumbriaFile, "--db", db}, {"open", "cumbria-cccs-2022", "--db", db}} {
		_, errs, code := rota(t, args...)
		if code != exitBadInput || !strings.Contains(errs, "the planner needs a terminal") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errs)
		}
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("the database was created without a terminal: %v", err)
	}
}

func newTestStore(t *testing.T) *backend.Session {
	t.Helper()
	s, err := openBackend(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFirstRunImportsTheBundledPlanOnce(t *testing.T) {
	s := newTestStore(t)
	name, note, err := openLast(context.Background(), s, "pa")
	if err != nil || name != "cumbria-cccs-2022" || !strings.Contains(note, "imported the bundled Cumbria plan") {
		t.Fatalf("first run: %q, %q, %v", name, note, err)
	}
	snap, err := s.Load(context.Background(), backend.Ref{Plan: name}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(snap.Result.Assign.SPOC[:4], ","); got != "simon,jo,paul,tracy" {
		t.Fatalf("the bundled plan's first SPOCs %s", got)
	}
	name2, note2, err := openLast(context.Background(), s, "pa")
	if err != nil || name2 != name || note2 != "" {
		t.Fatalf("second run: %q, %q, %v", name2, note2, err)
	}
	if plans, _ := s.Plans(context.Background()); len(plans) != 1 {
		t.Fatalf("%d plans after two runs, want 1", len(plans))
	}
}

func TestPlanFileIsImportedThenReopened(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	s, err := openBackend(db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "My Plan.toml")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	name, note, err := openFile(context.Background(), s, path, "pa")
	if err != nil || name != "my-plan" || !strings.HasPrefix(note, "imported ") {
		t.Fatalf("first open: %q, %q, %v", name, note, err)
	}
	_, note, err = openFile(context.Background(), s, path, "pa")
	if err != nil || note != "opened saved plan my-plan (version 1)" {
		t.Fatalf("reopen: %q, %v", note, err)
	}
	// The file changes: the planner says so and how to bring it in.
	changed := strings.Replace(string(text), `id = "siro"
title = "Senior Information Risk Owner (SIRO)"
area = "County Council lead responsibility"
owner = "paul"`, `id = "siro"
title = "Senior Information Risk Owner (SIRO)"
area = "County Council lead responsibility"
owner = "paul"
cover = ["simon"]`, 1)
	if changed == string(text) {
		t.Fatal("the test's edit did not apply")
	}
	if err := os.WriteFile(path, []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	_, note, err = openFile(context.Background(), s, path, "pa")
	if err != nil || !strings.Contains(note, "differs from it in 1 rule: rota edit my-plan@1 reimport ") {
		t.Fatalf("changed file: %q, %v", note, err)
	}
	// The command the note suggests works as printed, path and all.
	_, suggested, _ := strings.Cut(note, "1 rule: ")
	suggested = strings.TrimSuffix(suggested, " brings them in")
	args := shellWords(t, suggested)
	if args[0] != "rota" {
		t.Fatalf("suggested %q", suggested)
	}
	s.Close()
	out, errs, code := rota(t, append(args[1:], "--db", db)...)
	if code != 0 || !strings.Contains(out, "version 2") {
		t.Fatalf("%s: exit %d, stdout %q, stderr %q", suggested, code, out, errs)
	}
}

// shellWords splits a command line as a POSIX shell would, for the quoting
// the tool uses: bare words, "double" and 'single' quotes.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	inWord := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; c {
		case ' ':
			if inWord {
				words = append(words, w.String())
				w.Reset()
				inWord = false
			}
		case '\\':
			if i+1 < len(line) {
				i++
				w.WriteByte(line[i])
				inWord = true
			}
		case '"', '\'':
			end := strings.IndexByte(line[i+1:], c)
			if end < 0 {
				t.Fatalf("unclosed quote in %q", line)
			}
			w.WriteString(line[i+1 : i+1+end])
			i += end + 1
			inWord = true
		default:
			w.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, w.String())
	}
	return words
}

func TestShellArg(t *testing.T) {
	for _, s := range []string{"plan.toml", "/tmp/My Plan.toml", `C:\Users\pa\rota plan.toml`, `it's "$HOME".toml`, "a'b c"} {
		got := shellWords(t, "rota "+shellArg(s))
		if len(got) != 2 || got[1] != s {
			t.Errorf("shellArg(%q) = %q, read back as %q", s, shellArg(s), got)
		}
	}
}

func TestBadPlanFileIsRefused(t *testing.T) {
	s := newTestStore(t)
	path := writeFile(t, "[plan]\nname = \"x\"\n")
	_, _, err := openFile(context.Background(), s, path, "pa")
	if err == nil || !strings.Contains(err.Error(), "plan.toml") {
		t.Fatalf("err %v", err)
	}
	if plans, _ := s.Plans(context.Background()); len(plans) != 0 {
		t.Fatal("a bad file was imported")
	}
}

// openBackend opens a database as its local user, "ann": its admin.
func openBackend(path string) (*backend.Session, error) {
	b, err := backend.Open(path)
	if err != nil {
		return nil, err
	}
	return b.As(backend.Local("ann")), nil
}

// In a database without plans, naming one says how to save one: the
// command line's words, not the store's.
func TestNoPlanSavedSaysHowToSaveOne(t *testing.T) {
	s := newTestStore(t)
	db := s.Path()
	s.Close()
	_, errs, code := rota(t, "show", "nope", "--db", db)
	if code != exitBadInput || strings.TrimSpace(errs) != `no plan "nope" (no plans are saved yet: save one with rota save FILE)` {
		t.Errorf("exit %d, %q", code, errs)
	}
}
