package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// A feed's window is kept as made: months before and after, or the whole
// plan, and none of them is taken for another.
func TestFeedWindowKept(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.UnixMilli(1_700_000_000_000)
	windows := []Window{{Past: 12, Ahead: 24}, {Past: 0, Ahead: 11}, {Past: 0, Ahead: 0}, {Whole: true}}
	err = st.Write(ctx, func(tx Tx) error {
		if _, err := tx.CreatePlan(ctx, "cccs", "CCCS", "uid-1", "ann", at); err != nil {
			return err
		}
		for i, w := range windows {
			if _, err := tx.CreateFeed(ctx, "cccs", "paul", w, []byte{byte(i)}, "ann", at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Read(ctx, func(tx Tx) error {
		feeds, err := tx.Feeds(ctx)
		if err != nil {
			return err
		}
		if len(feeds) != len(windows) {
			t.Fatalf("%d feeds, want %d", len(feeds), len(windows))
		}
		for i, f := range feeds {
			if f.Window != windows[i] {
				t.Errorf("feed %d: window %+v, want %+v", f.ID, f.Window, windows[i])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A feed made before schema 7 keeps showing its plan's whole span after
// the database is opened by this rota: its subscribers see no change.
func TestSchemaSixFeedKeepsTheWholePlan(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "rota.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.UnixMilli(1_700_000_000_000)
	err = st.Write(ctx, func(tx Tx) error {
		if _, err := tx.CreatePlan(ctx, "cccs", "CCCS", "uid-1", "ann", at); err != nil {
			return err
		}
		_, err := tx.CreateFeed(ctx, "cccs", "paul", Window{Past: 1, Ahead: 2}, []byte("h"), "ann", at)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	// The database as schema 6 left it: the feed, without the window's
	// columns.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ALTER TABLE feed DROP COLUMN past", "ALTER TABLE feed DROP COLUMN ahead", "PRAGMA user_version = 6"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	st, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.Read(ctx, func(tx Tx) error {
		f, ok, err := tx.FeedByHash(ctx, []byte("h"))
		if err != nil || !ok {
			t.Fatalf("the feed after migration: %v %v", ok, err)
		}
		if f.Window != (Window{Whole: true}) {
			t.Errorf("a feed from schema 6 shows %+v, want the whole plan", f.Window)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var user int
	if err := st.db.QueryRow("SELECT user_version FROM pragma_user_version").Scan(&user); err != nil || user != SchemaVersion() {
		t.Errorf("schema %d after opening, want %d (%v)", user, SchemaVersion(), err)
	}
}
