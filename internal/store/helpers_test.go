package store

import (
	"errors"
	"os"
	"path/filepath"
	"rota/internal/change"
	"testing"

	"rota/internal/calendar"
	"rota/internal/plan"
)

func d(s string) calendar.Date {
	v, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

func m(s string) calendar.Month {
	v, err := calendar.ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return v
}

func reference(t testing.TB) []byte {
	t.Helper()
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// newStore opens a fresh database in a temporary folder.
func newStore(t testing.TB) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// withCCCS opens a fresh database holding the reference plan as "cccs".
func withCCCS(t testing.TB) (*Store, Ref) {
	t.Helper()
	s := newStore(t)
	if _, err := s.Import("cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	return s, Ref{Plan: "cccs"}
}

// tb is what the helpers need of *testing.T, *testing.B and *rapid.T.
type tb interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

func load(t tb, s *Store, ref Ref, v int) *Snapshot {
	t.Helper()
	snap, err := s.Load(ref, v)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func apply(t tb, s *Store, ref Ref, base int, c change.Change) int {
	t.Helper()
	v, err := s.Apply(ref, base, c, "ann", "")
	if err != nil {
		t.Fatalf("%s: %v", c, err)
	}
	if v != base+1 {
		t.Fatalf("%s: wrote version %d on %d", c, v, base)
	}
	return v
}

func absence(who, from, to, reason string) change.Change {
	return change.AddAbsence(plan.Absence{Person: who, From: d(from), To: d(to), Reason: reason})
}

// fingerprint writes a state as text (see change.State.Fingerprint).
func fingerprint(st *change.State) string { return st.Fingerprint() }

func isRefused(err error) bool {
	var r *change.RefusedError
	return errors.As(err, &r)
}
