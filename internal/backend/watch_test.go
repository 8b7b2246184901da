package backend

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"rota/internal/change"
)

// next waits for an event. The wait is a bound for a failing test, not a
// measure: Watch looks every watchEvery.
func next(t *testing.T, ch <-chan Event) Event {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("the watch ended")
		}
		return ev
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
	}
	return Event{}
}

func watchFixture(t *testing.T) (string, *Backend) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rota.db")
	b, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if _, err := b.As(Local("ann")).Import(ctx, "cccs", "cccs.toml", reference(t), "", ""); err != nil {
		t.Fatal(err)
	}
	return path, b
}

// A change through the same backend, by another session, is seen.
func TestWatchSameProcess(t *testing.T) {
	_, b := watchFixture(t)
	wctx, cancel := context.WithCancel(ctx)
	ch, err := b.As(Actor{Name: "mo", Role: RoleManager}).Watch(wctx, "cccs")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.As(Local("ann")).Apply(ctx, Ref{Plan: "cccs"}, 1, change.SetSPOC(m("2022-10"), "tracy"), "", ""); err != nil {
		t.Fatal(err)
	}
	ev := next(t, ch)
	if ev.Plan != "cccs" || ev.Version != 2 || ev.By != "ann" || ev.Change != "SPOC of 2022-10: tracy" {
		t.Errorf("event %+v", ev)
	}
	cancel()
	for range ch { // closed once the context is done
	}
}

// A change through another connection to the same file (as another
// process would make it) is seen; one to a scenario is not a new version
// of the plan.
func TestWatchOtherConnection(t *testing.T) {
	path, b := watchFixture(t)
	ch, err := b.As(Local("ann")).Watch(ctx, "cccs")
	if err != nil {
		t.Fatal(err)
	}
	other, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.NewScenario(ctx, "cccs", 0, "w", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Apply(ctx, Ref{Plan: "cccs", Scenario: "w"}, 1, change.SetSPOC(m("2022-10"), "tracy"), "", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Apply(ctx, Ref{Plan: "cccs"}, 1, absence("jo", "2022-12-05", "2022-12-05", ""), "bob", ""); err != nil {
		t.Fatal(err)
	}
	if ev := next(t, ch); ev.Version != 2 || ev.By != "bob" {
		t.Errorf("event %+v", ev)
	}
	b.Close()
	if _, ok := <-ch; ok {
		t.Error("the watch goes on after its backend closed")
	}
}

// A change written by another process is seen.
func TestWatchOtherProcess(t *testing.T) {
	path, b := watchFixture(t)
	ch, err := b.As(Local("ann")).Watch(ctx, "cccs")
	if err != nil {
		t.Fatal(err)
	}
	cmd := helper(t, "editor", path, "ROTA_STORE_NAME=bob", "ROTA_STORE_COUNT=1")
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if ev := next(t, ch); ev.Version != 2 || ev.By != "bob" {
		t.Errorf("event %+v", ev)
	}
}
