package backend

import (
	"context"
	"testing"
	"time"
)

// nextUsers waits for WatchUsers' signal; the wait is a bound for a
// failing test, not a measure.
func nextUsers(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case _, ok := <-ch:
		if !ok {
			t.Fatal("the users watch ended")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no signal that the users changed")
	}
}

// noUsersSignal: nothing pending after a change to a plan only.
func noUsersSignal(t *testing.T, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
		t.Fatal("a change to a plan was signalled as a change of users")
	default:
	}
}

// Users added, given keys, a person or plans, and removed are signalled,
// through this backend or another connection to the same file (as another
// process, rota user remove, makes them); a change to a plan is not.
func TestWatchUsers(t *testing.T) {
	path, b := watchFixture(t)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := b.WatchUsers(wctx)
	here := b.As(Local("ann"))
	other, err := openS(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for i, step := range []func() error{
		func() error {
			_, err := here.AddUser(ctx, User{Name: "jo", Role: "pa", Keys: []Key{{Fingerprint: "SHA256:one"}}})
			return err
		},
		func() error {
			_, err := other.AddUser(ctx, User{Name: "jo", Role: "pa", Keys: []Key{{Fingerprint: "SHA256:two"}}})
			return err
		},
		func() error {
			_, err := other.AddUser(ctx, User{Name: "jo", Role: "pa", Plans: []string{"cccs"}})
			return err
		},
		func() error { return other.RemoveUser(ctx, "jo") },
	} {
		if err := step(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		nextUsers(t, ch)
	}
	// A plan's new version, seen by a plan's Watch, is no users' change.
	plans, err := here.Watch(wctx, "cccs")
	if err != nil {
		t.Fatal(err)
	}
	// Two versions one after the other: once the second is seen, the
	// look that saw the first has also read the users.
	for v, day := range []string{"2022-12-05", "2022-12-06"} {
		if _, err := other.Apply(ctx, Ref{Plan: "cccs"}, v+1, absence("jo", day, day, ""), "bob", ""); err != nil {
			t.Fatal(err)
		}
		if ev := next(t, plans); ev.Version != v+2 {
			t.Fatalf("event %+v, want version %d", ev, v+2)
		}
	}
	noUsersSignal(t, ch)
	// The watch ends with its context.
	cancel()
	for range ch {
	}
}

// The watch ends when its backend closes.
func TestWatchUsersEndsWithTheBackend(t *testing.T) {
	_, b := watchFixture(t)
	ch := b.WatchUsers(ctx)
	b.Close()
	if _, ok := <-ch; ok {
		t.Fatal("a value after the backend closed")
	}
	if _, ok := <-b.WatchUsers(ctx); ok {
		t.Fatal("a watch on a closed backend is not closed")
	}
}
