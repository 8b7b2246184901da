package serve

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"rota/internal/backend"
	"rota/internal/change"
	"rota/internal/plan"
	"rota/internal/store"
)

// countingStore counts the transactions read through it, keeping SQLite's
// Commits so that the backend looks for other processes' commits as it
// does in rota serve.
type countingStore struct {
	*store.SQLite
	reads atomic.Int64
}

func (c *countingStore) Read(ctx context.Context, fn func(store.Tx) error) error {
	c.reads.Add(1)
	return c.SQLite.Read(ctx, fn)
}

// countedFeeds serves the feeds of a database holding the reference plan
// as cccs, counting its reads; it returns the feed URL of paul's calendar,
// whose uses are not written for a minute.
func countedFeeds(t *testing.T) (st *countingStore, fs *Feeds, url string) {
	t.Helper()
	sq, err := store.Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	st = &countingStore{SQLite: sq}
	b := backend.New(st)
	admin := b.As(backend.Local("ann"))
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Import(ctx, "cccs", "cccs.toml", text, "ann", ""); err != nil {
		t.Fatal(err)
	}
	feed, token, err := admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	fs = NewFeeds(b, 1<<20, nil)
	// Recording a use is a commit, for which the backend reads its feeds
	// again: here none falls due, so that nothing changes but what a test
	// changes.
	fs.noted[feed.ID] = time.Now()
	web := httptest.NewServer(fs)
	t.Cleanup(func() { web.Close(); fs.Wait(); b.Close() })
	return st, fs, web.URL + FeedPath + token + ".ics"
}

func status(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// A repeat request, known token or not, reads no database while nothing
// changed: the token, the plan's latest version and the calendar are all
// in memory.
func TestRepeatFeedRequestsReadNoDatabase(t *testing.T) {
	st, _, url := countedFeeds(t)
	if status(t, url) != 200 {
		t.Fatal("the feed does not answer")
	}
	before := st.reads.Load()
	for range 20 {
		if status(t, url) != 200 || status(t, url[:len(url)-6]+"x.ics") != 404 {
			t.Fatal("a repeat request changed its answer")
		}
	}
	if n := st.reads.Load() - before; n != 0 {
		t.Errorf("%d database reads for 40 repeat requests, want 0", n)
	}
}

// Requests that arrive together for a version not made yet make its
// calendar once, not once each.
func TestConcurrentRequestsMakeTheCalendarOnce(t *testing.T) {
	one, _, url := countedFeeds(t)
	base := one.reads.Load()
	if status(t, url) != 200 {
		t.Fatal("the feed does not answer")
	}
	alone := one.reads.Load() - base
	many, _, url := countedFeeds(t)
	base = many.reads.Load()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if status(t, url) != 200 {
				t.Error("the feed does not answer")
			}
		}()
	}
	wg.Wait()
	if n := many.reads.Load() - base; n != alone {
		t.Errorf("8 requests at once read the database %d times, one alone %d", n, alone)
	}
}

// eventually asks until ok, for at most 20 s: a bound for a failing test,
// not a measure (the backend looks for other processes' commits every
// 0.2 s).
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); !ok(); {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A feed revoked, or a version written, by another process on the same
// database (rota feed revoke, rota apply) reaches the feed server.
func TestFeedSeesAnotherProcessesChanges(t *testing.T) {
	f := newFeedFixture(t, 1<<20)
	feed, token, err := f.admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := f.get(t, FeedPath+token+".ics")
	if resp.StatusCode != 200 {
		t.Fatalf("a new feed: %d", resp.StatusCode)
	}
	etag := resp.Header.Get("ETag")
	other, err := backend.Open(f.b.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	as := other.As(backend.Local("ann"))
	if _, err := as.Apply(ctx, refCCCS, 1, change.AddAbsence(plan.Absence{Person: "paul", From: mustDate(t, "2022-10-03"), To: mustDate(t, "2022-10-04")}), "bob", ""); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a version written by another process is not served", func() bool {
		r, _ := f.get(t, FeedPath+token+".ics", "If-None-Match", etag)
		return r.StatusCode == 200 && r.Header.Get("ETag") != etag
	})
	if err := as.RevokeFeed(ctx, feed.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, "a feed revoked by another process still answers", func() bool {
		r, _ := f.get(t, FeedPath+token+".ics")
		return r.StatusCode == 404
	})
}
