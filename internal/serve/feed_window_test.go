package serve

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
)

// testClock is a clock a test moves: the backend stamps versions with it
// and the feeds place their windows by it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t *testing.T, s string) {
	t.Helper()
	at, err := time.Parse(time.DateTime, s)
	if err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.t = at
	c.mu.Unlock()
}

// clockedFeeds serves the feeds of a database holding the reference plan as
// cccs (July 2022 to March 2023), all on clock, set first to at.
func clockedFeeds(t *testing.T, at string) (clock *testClock, admin *backend.Session, get func(token string, header ...string) (*http.Response, string)) {
	t.Helper()
	clock = &testClock{}
	clock.set(t, at)
	b, err := backend.Open(filepath.Join(t.TempDir(), "rota.db"), backend.WithClock(clock.now))
	if err != nil {
		t.Fatal(err)
	}
	admin = b.As(backend.Local("ann"))
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Import(ctx, "cccs", "cccs.toml", text, "ann", ""); err != nil {
		t.Fatal(err)
	}
	fs := NewFeeds(b, 1<<20, nil)
	web := httptest.NewServer(fs)
	t.Cleanup(func() { web.Close(); fs.Wait(); b.Close() })
	ff := &feedFixture{web: web}
	return clock, admin, func(token string, header ...string) (*http.Response, string) {
		t.Helper()
		return ff.get(t, FeedPath+token+".ics", header...)
	}
}

// months lists the SPOC months a team calendar holds, by their events' UIDs.
func months(body string) []string {
	var out []string
	for _, line := range strings.Split(body, "\r\n") {
		if key, ok := strings.CutPrefix(line, "UID:spoc-"); ok {
			out = append(out, key[:6])
		}
	}
	return out
}

// event returns the VEVENT whose UID starts with key, without its DTSTAMP
// (when the calendar was made).
func event(t *testing.T, body, key string) string {
	t.Helper()
	for _, ev := range strings.Split(body, "BEGIN:VEVENT\r\n")[1:] {
		if strings.Contains(ev, "\r\nUID:"+key+"@") || strings.HasPrefix(ev, "UID:"+key+"@") {
			var keep []string
			for _, line := range strings.Split(ev, "\r\n") {
				if !strings.HasPrefix(line, "DTSTAMP:") {
					keep = append(keep, line)
				}
			}
			return strings.Join(keep, "\r\n")
		}
	}
	t.Fatalf("no event %s", key)
	return ""
}

// A feed shows its window's months around the server's month; when the
// month changes its calendar does too (a new ETag, a later Last-Modified,
// not last month's from memory), while an event that stays keeps its UID
// and SEQUENCE, the ones the whole plan's feed gives it.
func TestFeedWindowMovesWithTheMonth(t *testing.T) {
	clock, admin, get := clockedFeeds(t, "2022-10-15 12:00:00")
	// November's SPOC changes, so its event has SEQUENCE 1.
	if _, err := admin.Apply(ctx, refCCCS, 1, change.SetSPOC(calendar.MonthOf(2022, time.November), "tracy"), "ann", ""); err != nil {
		t.Fatal(err)
	}
	_, token, err := admin.NewFeed(ctx, "cccs", "", backend.Window{Past: 0, Ahead: 1})
	if err != nil {
		t.Fatal(err)
	}
	_, wholeToken, err := admin.NewFeed(ctx, "cccs", "", backend.Window{Whole: true})
	if err != nil {
		t.Fatal(err)
	}
	_, whole := get(wholeToken)
	if got := strings.Join(months(whole), " "); got != "202207 202208 202209 202210 202211 202212 202301 202302 202303" {
		t.Fatalf("the whole plan's feed shows %s", got)
	}

	october, body := get(token)
	if got := strings.Join(months(body), " "); october.StatusCode != 200 || got != "202210 202211" {
		t.Fatalf("in October a feed of this month and the next shows %s (%d)", got, october.StatusCode)
	}
	nov := event(t, body, "spoc-202211")
	if !strings.Contains(nov, "SEQUENCE:1\r\n") || nov != event(t, whole, "spoc-202211") {
		t.Errorf("November's SPOC in the window:\n%s\nin the whole plan:\n%s", nov, event(t, whole, "spoc-202211"))
	}
	if r, _ := get(token, "If-None-Match", october.Header.Get("ETag")); r.StatusCode != 304 {
		t.Errorf("a repeat request in the same month: %d, want 304", r.StatusCode)
	}

	clock.set(t, "2022-11-01 08:00:00")
	r, _ := get(token, "If-Modified-Since", october.Header.Get("Last-Modified"))
	if r.StatusCode != 200 {
		t.Errorf("in November, If-Modified-Since October's calendar: %d, want 200", r.StatusCode)
	}
	if lm, _ := http.ParseTime(r.Header.Get("Last-Modified")); lm.Before(time.Date(2022, time.November, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("November's calendar was last modified %s, before November", lm)
	}
	november, body := get(token, "If-None-Match", october.Header.Get("ETag"))
	if got := strings.Join(months(body), " "); november.StatusCode != 200 || got != "202211 202212" {
		t.Fatalf("in November the feed shows %s (%d), want 202211 202212", got, november.StatusCode)
	}
	if november.Header.Get("ETag") == october.Header.Get("ETag") {
		t.Error("November's calendar has October's ETag")
	}
	if got := event(t, body, "spoc-202211"); got != nov {
		t.Errorf("November's SPOC changed with the month:\n%s\nwas\n%s", got, nov)
	}
	if r, _ := get(token, "If-None-Match", november.Header.Get("ETag")); r.StatusCode != 304 {
		t.Errorf("a repeat request in November: %d, want 304", r.StatusCode)
	}
}

// A feed of a finished plan shows its last months, and of a plan not begun
// its first: never an empty calendar.
func TestFeedWindowAtThePlansEnds(t *testing.T) {
	for _, c := range []struct{ now, want string }{
		{"2026-11-29 12:00:00", "202302 202303"},
		{"2020-01-06 12:00:00", "202207 202208"},
		{"2022-12-20 12:00:00", "202211 202212"},
	} {
		_, admin, get := clockedFeeds(t, c.now)
		_, token, err := admin.NewFeed(ctx, "cccs", "", backend.Window{Past: 1, Ahead: 0})
		if err != nil {
			t.Fatal(err)
		}
		if _, body := get(token); strings.Join(months(body), " ") != c.want {
			t.Errorf("on %s: %v, want %s", c.now, months(body), c.want)
		}
	}
}

// events returns a calendar's events by UID, each without its DTSTAMP.
func events(body string) map[string]string {
	out := map[string]string{}
	for _, ev := range strings.Split(body, "BEGIN:VEVENT\r\n")[1:] {
		var keep []string
		uid := ""
		ev, _, _ = strings.Cut(ev, "END:VEVENT\r\n")
		for _, line := range strings.Split(ev, "\r\n") {
			if u, ok := strings.CutPrefix(line, "UID:"); ok {
				uid = u
			}
			if !strings.HasPrefix(line, "DTSTAMP:") {
				keep = append(keep, line)
			}
		}
		out[uid] = strings.Join(keep, "\r\n")
	}
	return out
}

// Every event of a window is the whole plan's feed's event, SEQUENCE
// included, even over versions whose plans had other months: here March
// leaves the plan (a reimport ending in February) and comes back, while
// February's events stay as they were.
func TestFeedWindowEventsAreTheWholePlansEvents(t *testing.T) {
	_, admin, get := clockedFeeds(t, "2023-03-15 12:00:00")
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	shorter := strings.Replace(string(text), "end = 2023-03-31", "end = 2023-02-28", 1)
	for v, c := range []change.Change{change.Reimport("cccs.toml", []byte(shorter)), change.Reimport("cccs.toml", text)} {
		if _, err := admin.Apply(ctx, refCCCS, v+1, c, "ann", ""); err != nil {
			t.Fatal(err)
		}
	}
	for _, person := range []string{"", "paul", "jo"} {
		_, token, err := admin.NewFeed(ctx, "cccs", person, backend.Window{Past: 1, Ahead: 0})
		if err != nil {
			t.Fatal(err)
		}
		_, wholeToken, err := admin.NewFeed(ctx, "cccs", person, backend.Window{Whole: true})
		if err != nil {
			t.Fatal(err)
		}
		_, body := get(token)
		_, whole := get(wholeToken)
		window, all := events(body), events(whole)
		if len(window) == 0 || len(window) >= len(all) {
			t.Fatalf("%q: %d events in the window, %d in the whole plan", person, len(window), len(all))
		}
		for uid, ev := range window {
			if ev != all[uid] {
				t.Errorf("%q: %s in the window:\n%s\nin the whole plan:\n%s", person, uid, ev, all[uid])
			}
		}
		if person != "" {
			continue
		}
		if feb := event(t, body, "spoc-202302"); !strings.Contains(feb, "\r\nSEQUENCE:0\r\n") {
			t.Errorf("February's SPOC, unchanged, is not at SEQUENCE 0:\n%s", feb)
		}
		if mar := event(t, body, "spoc-202303"); !strings.Contains(mar, "\r\nSEQUENCE:2\r\n") {
			t.Errorf("March's SPOC, gone and back, is not at SEQUENCE 2:\n%s", mar)
		}
	}
}
