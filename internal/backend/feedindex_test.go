package backend

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rota/internal/change"
	"rota/internal/store"
)

// countingStore counts the transactions read through it; it keeps
// SQLite's Commits, so the feed index looks at data_version as it would.
type countingStore struct {
	*store.SQLite
	reads atomic.Int64
}

func (c *countingStore) Read(ctx context.Context, fn func(store.Tx) error) error {
	c.reads.Add(1)
	return c.SQLite.Read(ctx, fn)
}

// feedIndexFixture is a database holding the reference plan as cccs with
// a feed of paul's calendar, served by a backend whose feed index runs on
// a clock that moves only when the test moves it: a change is seen before
// feedRecheck has passed only if something made the index read again.
type feedIndexFixture struct {
	path  string
	b     *Backend
	st    *countingStore
	admin *Session
	feed  Feed
	token string
	clock *testClock
}

type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) pass(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func newFeedIndexFixture(t *testing.T) *feedIndexFixture {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rota.db")
	sq, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	f := &feedIndexFixture{path: path, st: &countingStore{SQLite: sq}, clock: &testClock{t: time.Date(2026, 11, 29, 20, 0, 0, 0, time.UTC)}}
	f.b = New(f.st)
	f.b.feeds.now = f.clock.now
	t.Cleanup(func() { f.b.Close() })
	f.admin = f.b.As(Local("ann"))
	if _, err := f.admin.Import(ctx, "cccs", "cccs.toml", reference(t), "", ""); err != nil {
		t.Fatal(err)
	}
	if f.feed, f.token, err = f.admin.NewFeed(ctx, "cccs", "paul", DefaultWindow); err != nil {
		t.Fatal(err)
	}
	return f
}

// working reports whether the token names a working feed now.
func (f *feedIndexFixture) working(t *testing.T, token string) bool {
	t.Helper()
	got, ok, err := f.b.FeedByToken(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if ok && (got.ID == 0 || got.Plan != "cccs") {
		t.Fatalf("feed %+v", got)
	}
	return ok
}

func (f *feedIndexFixture) head(t *testing.T) int {
	t.Helper()
	v, err := f.b.FeedHead(ctx, "cccs")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// other opens the same database as another process would: its own
// connections, its own backend.
func (f *feedIndexFixture) other(t *testing.T) *Session {
	t.Helper()
	s, err := openS(f.path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Once read, a feed's token and its plan's latest version are answered
// from memory: repeat requests read no database, whatever the token.
func TestFeedLookupsReadNoDatabaseWhileNothingChanges(t *testing.T) {
	f := newFeedIndexFixture(t)
	if !f.working(t, f.token) || f.head(t) != 1 {
		t.Fatal("the new feed is not found")
	}
	before := f.st.reads.Load()
	for i := range 50 {
		if !f.working(t, f.token) || f.head(t) != 1 || f.working(t, fmt.Sprintf("guess-%d", i)) {
			t.Fatal("a lookup changed its answer")
		}
		f.clock.pass(feedRecheck) // looks for other processes' commits: none
	}
	if n := f.st.reads.Load() - before; n != 0 {
		t.Errorf("%d database reads for 150 repeat lookups, want 0", n)
	}
	if _, err := f.b.FeedHead(ctx, "nope"); err == nil {
		t.Error("the latest version of no plan")
	}
}

// A write through this backend is seen by the next lookup, however little
// time has passed: a revoked feed, a new feed, a new version.
func TestFeedIndexSeesThisBackendsWritesAtOnce(t *testing.T) {
	f := newFeedIndexFixture(t)
	if !f.working(t, f.token) || f.head(t) != 1 {
		t.Fatal("the new feed is not found")
	}
	_, team, err := f.admin.NewFeed(ctx, "cccs", "", DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	if !f.working(t, team) {
		t.Error("a feed made after the index was read is not found")
	}
	if _, err := f.admin.Apply(ctx, Ref{Plan: "cccs"}, 1, change.SetSPOC(m("2022-10"), "tracy"), "", ""); err != nil {
		t.Fatal(err)
	}
	if v := f.head(t); v != 2 {
		t.Errorf("after a new version: latest %d, want 2", v)
	}
	if err := f.admin.RevokeFeed(ctx, f.feed.ID); err != nil {
		t.Fatal(err)
	}
	if f.working(t, f.token) {
		t.Error("a revoked feed still works")
	}
	if !f.working(t, team) {
		t.Error("revoking one feed stopped another")
	}
}

// A write by another connection to the file (as rota feed revoke or rota
// apply in another process makes it) is seen once feedRecheck has passed:
// that is the bound, and before it the index answers from memory.
func TestFeedIndexSeesOtherConnectionsWithinTheBound(t *testing.T) {
	f := newFeedIndexFixture(t)
	if !f.working(t, f.token) || f.head(t) != 1 {
		t.Fatal("the new feed is not found")
	}
	other := f.other(t)
	_, team, err := other.NewFeed(ctx, "cccs", "", DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	if err := other.RevokeFeed(ctx, f.feed.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Apply(ctx, Ref{Plan: "cccs"}, 1, change.SetSPOC(m("2022-10"), "tracy"), "", ""); err != nil {
		t.Fatal(err)
	}
	if !f.working(t, f.token) || f.head(t) != 1 || f.working(t, team) {
		t.Fatal("the index read the database before feedRecheck passed")
	}
	f.clock.pass(feedRecheck)
	if f.working(t, f.token) {
		t.Error("a feed revoked by another connection still works after feedRecheck")
	}
	if !f.working(t, team) {
		t.Error("a feed made by another connection is not found after feedRecheck")
	}
	if v := f.head(t); v != 2 {
		t.Errorf("a version written by another connection: latest %d after feedRecheck, want 2", v)
	}
}

// A feed revoked by another process, as rota feed revoke does it, stops
// working within the bound.
func TestFeedRevokedByAnotherProcess(t *testing.T) {
	f := newFeedIndexFixture(t)
	if !f.working(t, f.token) {
		t.Fatal("the new feed is not found")
	}
	cmd := helper(t, "revoker", f.path, "ROTA_STORE_FEED="+strconv.FormatInt(f.feed.ID, 10))
	if out, err := cmd.Output(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	f.clock.pass(feedRecheck)
	if f.working(t, f.token) {
		t.Error("a feed revoked by another process still works after feedRecheck")
	}
}

// helperRevoker revokes a feed, as rota feed revoke does.
func helperRevoker(path, id string) int {
	n, _ := strconv.ParseInt(id, 10, 64)
	s, err := openS(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	if err := s.RevokeFeed(ctx, n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// After the backend closes, a lookup is an error, not a stale answer.
func TestFeedLookupAfterClose(t *testing.T) {
	f := newFeedIndexFixture(t)
	if !f.working(t, f.token) {
		t.Fatal("the new feed is not found")
	}
	f.b.Close()
	if _, ok, err := f.b.FeedByToken(ctx, f.token); err == nil || ok {
		t.Errorf("after Close: ok %v, err %v", ok, err)
	}
}
