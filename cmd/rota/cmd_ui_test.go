package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rota/internal/store"
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

func newTestStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestFirstRunImportsTheBundledPlanOnce(t *testing.T) {
	s := newTestStore(t)
	name, note, err := openLast(s, "pa")
	if err != nil || name != "cumbria-cccs-2022" || !strings.Contains(note, "imported the bundled Cumbria plan") {
		t.Fatalf("first run: %q, %q, %v", name, note, err)
	}
	snap, err := s.Load(store.Ref{Plan: name}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(snap.Result.Assign.SPOC[:4], ","); got != "simon,jo,paul,tracy" {
		t.Fatalf("the bundled plan's first SPOCs %s", got)
	}
	name2, note2, err := openLast(s, "pa")
	if err != nil || name2 != name || note2 != "" {
		t.Fatalf("second run: %q, %q, %v", name2, note2, err)
	}
	if plans, _ := s.Plans(); len(plans) != 1 {
		t.Fatalf("%d plans after two runs, want 1", len(plans))
	}
}

func TestPlanFileIsImportedThenReopened(t *testing.T) {
	s := newTestStore(t)
	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "My Plan.toml")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	name, note, err := openFile(s, path, "pa")
	if err != nil || name != "my-plan" || !strings.HasPrefix(note, "imported ") {
		t.Fatalf("first open: %q, %q, %v", name, note, err)
	}
	_, note, err = openFile(s, path, "pa")
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
	_, note, err = openFile(s, path, "pa")
	if err != nil || !strings.Contains(note, "differs from it in 1 rule: rota edit my-plan reimport") {
		t.Fatalf("changed file: %q, %v", note, err)
	}
}

func TestBadPlanFileIsRefused(t *testing.T) {
	s := newTestStore(t)
	path := writeFile(t, "[plan]\nname = \"x\"\n")
	_, _, err := openFile(s, path, "pa")
	if err == nil || !strings.Contains(err.Error(), "plan.toml") {
		t.Fatalf("err %v", err)
	}
	if plans, _ := s.Plans(); len(plans) != 0 {
		t.Fatal("a bad file was imported")
	}
}
