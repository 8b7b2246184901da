package backend

import (
	"bytes"
	"database/sql"
	"path/filepath"
	"rota/internal/change"
	"testing"
)

func TestIdentityIsMadeOnceAndSurvivesRenames(t *testing.T) {
	s, ref := withCCCS(t)
	first := load(t, s, ref, 0).Identity
	if len(first) != 32 {
		t.Fatalf("identity %q, want 128 random bits in hex", first)
	}
	if _, err := s.Import(ctx, "again", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	if other := load(t, s, Ref{Plan: "again"}, 0).Identity; other == first {
		t.Error("two saved plans from the same file share an identity")
	}
	renamed := bytes.Replace(reference(t), []byte(`name = "CCCS distributed leadership 2022/23"`), []byte(`name = "CCCS rota, renamed"`), 1)
	v := apply(t, s, ref, 1, change.Reimport("cccs.toml", renamed))
	snap := load(t, s, ref, v)
	if snap.Plan.Name != "CCCS rota, renamed" || snap.Identity != first {
		t.Errorf("after renaming: name %q, identity %q, want %q", snap.Plan.Name, snap.Identity, first)
	}
	if _, err := s.NewScenario(ctx, "cccs", 0, "paul-sick", "ann"); err != nil {
		t.Fatal(err)
	}
	if got := load(t, s, Ref{Plan: "cccs", Scenario: "paul-sick"}, 0).Identity; got != first {
		t.Errorf("a scenario's identity %q, want its plan's %q", got, first)
	}
}

func TestIdentityPinnedByTheFile(t *testing.T) {
	s := newStore(t)
	pinned := bytes.Replace(reference(t), []byte("[plan]\n"), []byte("[plan]\nid = \"cccs-2022\"\n"), 1)
	if _, err := s.Import(ctx, "cccs", "cccs.toml", pinned, "ann", ""); err != nil {
		t.Fatal(err)
	}
	if got := load(t, s, Ref{Plan: "cccs"}, 0).Identity; got != "cccs-2022" {
		t.Errorf("identity %q, want the file's id", got)
	}
}

// A database written before identities existed gets one for each plan when
// it is opened, and keeps it.
func TestSchemaOneDatabaseGetsIdentities(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	s, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b"} {
		if _, err := s.Import(ctx, name, "cccs.toml", reference(t), "ann", ""); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ALTER TABLE plan DROP COLUMN uid", "DROP TABLE feed", "DROP TABLE user_key", "DROP TABLE user", "DROP TABLE outbox", "DROP TABLE setting", "PRAGMA user_version = 1"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	s, err = openS(path)
	if err != nil {
		t.Fatal(err)
	}
	a, b := load(t, s, Ref{Plan: "a"}, 0).Identity, load(t, s, Ref{Plan: "b"}, 0).Identity
	s.Close()
	if len(a) != 32 || len(b) != 32 || a == b {
		t.Fatalf("identities after migration: %q, %q", a, b)
	}
	s, err = openS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if again := load(t, s, Ref{Plan: "a"}, 0).Identity; again != a {
		t.Errorf("identity changed on reopening: %q then %q", a, again)
	}
}
