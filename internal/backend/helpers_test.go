package backend

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"rota/internal/change"
	"rota/internal/store"
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
	s, err := openS(filepath.Join(t.TempDir(), "rota.db"))
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
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
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
	snap, err := s.Load(ctx, ref, v)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func apply(t tb, s *Store, ref Ref, base int, c change.Change) int {
	t.Helper()
	v, err := s.Apply(ctx, ref, base, c, "ann", "")
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

// Store is what these tests, written for the store before the backend,
// call: the backend acting for the local user.
type Store = Session

var ctx = context.Background()

// openS opens a database as its local user, ann: its admin.
func openS(path string, opts ...Option) (*Session, error) {
	b, err := Open(path, opts...)
	if err != nil {
		return nil, err
	}
	return b.As(Local("ann")), nil
}

// db is the SQLite file itself, for tests that look at it.
func (s *Session) db() *sql.DB { return s.b.st.(*store.SQLite).DB() }
