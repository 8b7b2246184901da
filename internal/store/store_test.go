package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// The rows as the backend uses them: a plan's line, versions read back as
// written, checkpoints found at or before a version, scenarios' lines, and
// the typed errors for names missing and taken.
func TestRows(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	at := time.UnixMilli(1_700_000_000_000)
	rec := func(n int) Record {
		return Record{Number: n, Author: "ann", At: at, Note: "n", Change: []byte(`{"kind":"x"}`), Effect: []byte(`{}`)}
	}
	err = st.Write(ctx, func(tx Tx) error {
		l, err := tx.CreatePlan(ctx, "cccs", "CCCS", "uid-1", "ann", at)
		if err != nil {
			return err
		}
		for n := 1; n <= 3; n++ {
			var cp *Checkpoint
			if CheckpointDue(n) {
				cp = &Checkpoint{Number: n, Format: 7, Data: []byte("state")}
			}
			if err := tx.Insert(ctx, l, rec(n), cp, "CCCS"); err != nil {
				return err
			}
		}
		if _, err := tx.CreatePlan(ctx, "cccs", "", "", "ann", at); !errors.As(err, new(*ExistsError)) {
			t.Errorf("a second plan cccs: %v", err)
		}
		sl, err := tx.CreateScenario(ctx, l, "w", 2, "mo", at)
		if err != nil {
			return err
		}
		if _, err := tx.CreateScenario(ctx, l, "w", 2, "mo", at); !errors.As(err, new(*ExistsError)) {
			t.Errorf("a second scenario w: %v", err)
		}
		return tx.Insert(ctx, sl, rec(3), nil, "")
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.Read(ctx, func(tx Tx) error {
		l, err := tx.Line(ctx, Ref{Plan: "cccs"})
		if err != nil {
			return err
		}
		if h, _ := tx.Head(ctx, l); h != 3 {
			t.Errorf("head %d, want 3", h)
		}
		if r, err := tx.Version(ctx, l, 2); err != nil || r.Number != 2 || !r.At.Equal(at) || string(r.Change) != `{"kind":"x"}` {
			t.Errorf("version 2: %+v, %v", r, err)
		}
		if cp, ok, err := tx.Checkpoint(ctx, l, 3); !ok || err != nil || cp.Number != 1 || cp.Format != 7 {
			t.Errorf("checkpoint at or before 3: %+v %v %v", cp, ok, err)
		}
		sl, err := tx.Line(ctx, Ref{Plan: "cccs", Scenario: "w"})
		if err != nil {
			return err
		}
		// A scenario's versions up to its base are its plan's.
		if rs, err := tx.Versions(ctx, sl, 0, 2); err != nil || len(rs) != 2 {
			t.Errorf("scenario's versions to its base: %d, %v", len(rs), err)
		}
		if rs, err := tx.Versions(ctx, sl, 2, 3); err != nil || len(rs) != 1 || rs[0].Number != 3 {
			t.Errorf("scenario's own versions: %+v, %v", rs, err)
		}
		if _, err := tx.Line(ctx, Ref{Plan: "nope"}); !errors.As(err, new(*NotFoundError)) {
			t.Errorf("a missing plan: %v", err)
		}
		if _, err := tx.Line(ctx, Ref{Plan: "cccs", Scenario: "nope"}); !errors.As(err, new(*NotFoundError)) {
			t.Errorf("a missing scenario: %v", err)
		}
		list, err := tx.Plans(ctx)
		if err != nil || len(list) != 1 || list[0].Version != 3 || list[0].Scenarios != 1 || list[0].Title != "CCCS" {
			t.Errorf("plans: %+v, %v", list, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A write that fails leaves nothing behind.
func TestWriteRollsBack(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	boom := errors.New("boom")
	err = st.Write(ctx, func(tx Tx) error {
		if _, err := tx.CreatePlan(ctx, "cccs", "", "", "ann", time.Now()); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("write: %v", err)
	}
	_ = st.Read(ctx, func(tx Tx) error {
		if list, _ := tx.Plans(ctx); len(list) != 0 {
			t.Error("a failed write left a plan")
		}
		if _, err := tx.Line(ctx, Ref{Plan: "cccs"}); err == nil {
			t.Error("a failed write left a line")
		}
		return nil
	})
}
