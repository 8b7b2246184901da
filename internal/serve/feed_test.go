package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"rota/internal/backend"
	"rota/internal/change"
	"rota/internal/plan"
)

type feedFixture struct {
	*fixture
	web   *httptest.Server
	feeds *Feeds
	admin *backend.Session
}

func newFeedFixture(t *testing.T, rate int) *feedFixture {
	f := newFixture(t, Config{})
	fs := NewFeeds(f.b, rate, nil)
	web := httptest.NewServer(fs) // on 127.0.0.1
	t.Cleanup(func() { web.Close(); fs.Wait() })
	return &feedFixture{fixture: f, web: web, feeds: fs, admin: f.b.As(backend.Local("ann"))}
}

func (f *feedFixture) get(t *testing.T, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, f.web.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

const secretReason = "hospital appointment, oncology"

func (f *feedFixture) recordAbsence(t *testing.T, base int) int {
	t.Helper()
	c := change.AddAbsence(plan.Absence{Person: "paul", From: mustDate(t, "2022-10-03"), To: mustDate(t, "2022-10-14"), Reason: secretReason})
	v, err := f.admin.Apply(ctx, refCCCS, base, c, "ann", "")
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFeedIsTheLatestVersionWithoutReasons(t *testing.T) {
	f := newFeedFixture(t, 1000)
	f.recordAbsence(t, 1)
	paul, paulToken, err := f.admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	_, teamToken, err := f.admin.NewFeed(ctx, "cccs", "", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	if len(paulToken) < 43 || strings.Contains(string(paul.Hash), paulToken) {
		t.Fatalf("token %q: want 256 bits, not stored", paulToken)
	}
	for _, token := range []string{paulToken, teamToken} {
		resp, body := f.get(t, FeedPath+token+".ics")
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Fatalf("%d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		for _, want := range []string{"REFRESH-INTERVAL;VALUE=DURATION:PT60M", "X-PUBLISHED-TTL:PT60M", "BEGIN:VEVENT", "SEQUENCE:"} {
			if !strings.Contains(body, want) {
				t.Errorf("no %s", want)
			}
		}
		if strings.Contains(body, "hospital") || strings.Contains(body, "oncology") {
			t.Errorf("a feed carries an absence's reason")
		}
		if resp.Header.Get("ETag") == "" || resp.Header.Get("Last-Modified") == "" {
			t.Errorf("no ETag or Last-Modified: %v", resp.Header)
		}
	}
	// Conditional requests: the same version is 304, by ETag or by date.
	resp, body := f.get(t, FeedPath+paulToken+".ics")
	etag, modified := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if r, _ := f.get(t, FeedPath+paulToken+".ics", "If-None-Match", etag); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", r.StatusCode)
	}
	if r, _ := f.get(t, FeedPath+paulToken+".ics", "If-Modified-Since", modified); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d, want 304", r.StatusCode)
	}
	// A new version is a new calendar: the old ETag gets the whole of it,
	// with the same UIDs and a higher SEQUENCE for what changed.
	if _, err := f.admin.Undo(ctx, refCCCS, 2, "ann", ""); err != nil {
		t.Fatal(err)
	}
	r, newBody := f.get(t, FeedPath+paulToken+".ics", "If-None-Match", etag)
	if r.StatusCode != 200 || r.Header.Get("ETag") == etag || newBody == body {
		t.Fatalf("after a change: %d, ETag %s", r.StatusCode, r.Header.Get("ETag"))
	}
	if !strings.Contains(newBody, "SEQUENCE:2") && !strings.Contains(newBody, "SEQUENCE:1") {
		t.Error("no event's SEQUENCE moved on after the change")
	}
	f.feeds.Wait()
	list, _ := f.admin.Feeds(ctx)
	if list[0].Used.IsZero() || list[0].Uses < 1 {
		t.Errorf("the use is not recorded: %+v", list[0])
	}
}

func TestUnknownAndRevokedTokensAre404(t *testing.T) {
	f := newFeedFixture(t, 1000)
	feed, token, err := f.admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := f.get(t, FeedPath+token+".ics"); r.StatusCode != 200 {
		t.Fatalf("a new feed: %d", r.StatusCode)
	}
	last := "A"
	if token[len(token)-1] == 'A' {
		last = "B"
	}
	near := token[:len(token)-1] + last // one character from a working token
	for _, path := range []string{FeedPath + near + ".ics", FeedPath + token, FeedPath + ".ics", FeedPath + "x", "/", FeedPath + token + ".ics/"} {
		if r, body := f.get(t, path); r.StatusCode != 404 || strings.Contains(body, "BEGIN:VCALENDAR") {
			t.Errorf("%s: %d, want 404", path, r.StatusCode)
		}
	}
	if err := f.admin.RevokeFeed(ctx, feed.ID); err != nil {
		t.Fatal(err)
	}
	if r, _ := f.get(t, FeedPath+token+".ics"); r.StatusCode != 404 {
		t.Fatalf("a revoked feed: %d, want 404", r.StatusCode)
	}
}

func TestFeedsAreRateLimited(t *testing.T) {
	f := newFeedFixture(t, 3)
	_, token, err := f.admin.NewFeed(ctx, "cccs", "", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		f.get(t, FeedPath+token+".ics")
	}
	if r, _ := f.get(t, FeedPath+token+".ics"); r.StatusCode != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" {
		t.Fatalf("the 4th request in a minute: %d, want 429 with Retry-After", r.StatusCode)
	}
}

// Only an admin makes, lists and revokes feeds.
func TestOnlyAnAdminManagesFeeds(t *testing.T) {
	f := newFeedFixture(t, 1000)
	for _, name := range []string{"jo", "bob", "paul"} {
		as := f.b.As(f.actor(t, name))
		_, _, err1 := as.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
		_, err2 := as.Feeds(ctx)
		err3 := as.RevokeFeed(ctx, 1)
		for _, err := range []error{err1, err2, err3} {
			if err == nil || !strings.Contains(err.Error(), "may not manage users and calendar feeds") {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// Every answer counts: the uses held back between writes (at most one a
// minute) are written when the server stops, none lost.
func TestEveryFeedUseIsRecordedByShutdown(t *testing.T) {
	f := newFeedFixture(t, 1000)
	feed, token, err := f.admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	const n = 10
	for range n {
		if r, _ := f.get(t, FeedPath+token+".ics"); r.StatusCode != 200 {
			t.Fatalf("the feed: %d", r.StatusCode)
		}
	}
	f.web.Close()
	f.feeds.Wait()
	list, err := f.admin.Feeds(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		if l.ID == feed.ID && l.Uses != n {
			t.Errorf("%d uses recorded after %d answers", l.Uses, n)
		}
	}
}
