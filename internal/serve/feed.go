package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/export"
)

// Refresh is how often a subscribed calendar is asked to fetch a feed
// again (REFRESH-INTERVAL, X-PUBLISHED-TTL). Calendar programs poll at
// their own pace too (Google about every 12 hours); an hour is what
// Outlook honours.
const Refresh = time.Hour

// FeedPath is where feeds are served: FeedPath + token + ".ics".
const FeedPath = "/feed/"

// Feeds answers calendar feeds over HTTP: GET FeedPath+TOKEN+".ics" gives
// the feed's calendar of its plan's latest version over the months of its
// window in the current month (backend.FeedMonths), without absence
// reasons, with ETag and Last-Modified for conditional requests (RFC 9110
// section 13), gzipped for a client that accepts it. An unknown or revoked
// token is 404 after the same work as a known one. Each address may make
// rate requests a minute.
type Feeds struct {
	b     *backend.Backend
	log   *slog.Logger
	limit *limiter
	now   func() time.Time // the server's clock and time zone, whose month places the windows

	mu     sync.Mutex
	cache  map[feedKey]*feedCalendar // the latest calendar of each plan, person and window
	making map[feedKey]chan struct{} // the calendars being made, closed when made
	decoy  feedKey                   // the last feed answered, for unknown tokens' work
	noted  map[int64]time.Time       // when each feed's use was last recorded
	uses   map[int64]int             // each feed's uses not recorded yet
	wg     sync.WaitGroup            // the uses being recorded
}

// Wait records every use of a feed answered so far that is not recorded
// yet (uses within noteEvery of the last record are held back, see used)
// and waits until all are written: call it after the HTTP server stops
// and before the backend closes.
func (fs *Feeds) Wait() {
	fs.mu.Lock()
	pending := fs.uses
	fs.uses = map[int64]int{}
	fs.mu.Unlock()
	for id, n := range pending {
		fs.record(id, n)
	}
	fs.wg.Wait()
}

type feedKey struct {
	plan, person string
	window       backend.Window
}

// feedCalendar is one feed's body at one version of its plan over one run
// of months, as is and in the gzip coding, each with its own ETag (RFC
// 9110 section 8.8.3: a strong validator differs between codings).
type feedCalendar struct {
	version     int
	first, last calendar.Month // the plan's months at version
	from, to    calendar.Month // the months shown
	body, gz    []byte
	etag        string
	gzTag       string
	modified    time.Time
}

// NewFeeds serves b's feeds, each address at most rate requests a minute.
func NewFeeds(b *backend.Backend, rate int, log *slog.Logger) *Feeds {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Feeds{b: b, log: log, limit: newLimiter(rate, time.Minute, time.Now), now: b.Now, cache: map[feedKey]*feedCalendar{}, making: map[feedKey]chan struct{}{}, noted: map[int64]time.Time{}, uses: map[int64]int{}}
}

// ServeHTTP implements http.Handler.
func (fs *Feeds) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	addr := remoteHost(addrOf(r.RemoteAddr))
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if !fs.limit.allow(addr) {
		w.Header().Set("Retry-After", "60")
		http.Error(w, "too many requests", http.StatusTooManyRequests)
		fs.log.Warn("feed refused", "reason", "rate limit", "addr", addr)
		return
	}
	token, ok := strings.CutPrefix(r.URL.Path, FeedPath)
	token, ok2 := strings.CutSuffix(token, ".ics")
	ctx := r.Context()
	f, found, err := fs.b.FeedByToken(ctx, token)
	if err != nil {
		fs.log.Error("feed failed", "addr", addr, "err", err)
		http.Error(w, "the calendar cannot be read now", http.StatusServiceUnavailable)
		return
	}
	if !ok || !ok2 || !found {
		// The same work as a known feed (its lookups, its answer's
		// headers, though not sent), so that the time taken does not tell
		// a near guess from a far one or a revoked feed from none.
		fs.mu.Lock()
		decoy := fs.decoy
		fs.mu.Unlock()
		if decoy.plan != "" {
			if cal, err := fs.calendar(ctx, backend.Feed{Plan: decoy.plan, Person: decoy.person, Window: decoy.window}); err == nil {
				_, _ = answer(http.Header{}, r, cal)
			}
		}
		fs.log.Warn("feed refused", "reason", "unknown token", "addr", addr)
		http.NotFound(w, r)
		return
	}
	cal, err := fs.calendar(ctx, f)
	if err != nil {
		fs.log.Error("feed failed", "feed", f.ID, "addr", addr, "err", err)
		http.Error(w, "the calendar cannot be made now", http.StatusServiceUnavailable)
		return
	}
	fs.used(f)
	body, status := answer(w.Header(), r, cal)
	if status != http.StatusOK {
		w.WriteHeader(status)
		return
	}
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// answer sets h for answering r with cal and returns the body to send and
// the status: the calendar gzipped if r accepts it (see acceptsGzip), as
// is if not, and 304 with no body for a repeat request.
func answer(h http.Header, r *http.Request, cal *feedCalendar) ([]byte, int) {
	body, etag := cal.body, cal.etag
	h.Set("Vary", "Accept-Encoding")
	h.Set("Last-Modified", cal.modified.UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache") // always the latest: revalidate with the ETag
	gz := acceptsGzip(r)
	if gz {
		body, etag = cal.gz, cal.gzTag
	}
	h.Set("ETag", etag)
	if notModified(r, cal) {
		return nil, http.StatusNotModified
	}
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="rota.ics"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	return body, http.StatusOK
}

// notModified applies If-None-Match, else If-Modified-Since (RFC 9110
// sections 13.1.2 and 13.1.3). Either coding's ETag names the version.
func notModified(r *http.Request, cal *feedCalendar) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, tag := range strings.Split(inm, ",") {
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == cal.etag || tag == cal.gzTag || tag == "*" {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		t, err := http.ParseTime(ims)
		return err == nil && !cal.modified.Truncate(time.Second).After(t)
	}
	return false
}

// calendar returns the feed's calendar of its plan's latest version over
// its window's months now, made once per version and month: while both
// stay, it reads no database (the latest version comes from the backend's
// memory, see Backend.FeedHead). Requests that find a calendar being made
// wait for it rather than each make it again.
func (fs *Feeds) calendar(ctx context.Context, f backend.Feed) (*feedCalendar, error) {
	head, err := fs.b.FeedHead(ctx, f.Plan)
	if err != nil {
		return nil, err
	}
	now := fs.now()
	month := backend.MonthOf(now)
	key := feedKey{f.Plan, f.Person, f.Window}
	for {
		fs.mu.Lock()
		c, making := fs.cache[key], fs.making[key]
		if c != nil && c.version == head && c.shows(f.Window, month) {
			fs.mu.Unlock()
			return c, nil
		}
		if making == nil {
			making = make(chan struct{})
			fs.making[key] = making
			fs.mu.Unlock()
			break
		}
		fs.mu.Unlock()
		select {
		case <-making:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c, err := fs.make(ctx, f, head, now)
	fs.mu.Lock()
	if err == nil && (fs.cache[key] == nil || fs.cache[key].version <= c.version) {
		fs.cache[key] = c
		fs.decoy = key
	}
	close(fs.making[key])
	delete(fs.making, key)
	fs.mu.Unlock()
	return c, err
}

// shows reports whether c is what window w shows in month of c's plan.
func (c *feedCalendar) shows(w backend.Window, month calendar.Month) bool {
	from, to := backend.FeedMonths(w, month, c.first, c.last)
	return from == c.from && to == c.to
}

// make makes the feed's calendar of version of its plan, over the months
// its window shows at now.
func (fs *Feeds) make(ctx context.Context, f backend.Feed, version int, now time.Time) (*feedCalendar, error) {
	as := fs.b.As(backend.FeedReader(f))
	ref := backend.Ref{Plan: f.Plan}
	snap, err := as.Load(ctx, ref, version)
	if err != nil {
		return nil, err
	}
	hist, err := as.History(ctx, ref)
	if err != nil {
		return nil, err
	}
	p := snap.Result.Frame.Plan
	month := backend.MonthOf(now)
	first, last := p.Start.Month(), p.End.Month()
	from, to := backend.FeedMonths(f.Window, month, first, last)
	modified := p.Start.Time()
	for _, v := range hist {
		if v.Number <= snap.Version {
			modified = v.Time
		}
	}
	// The calendar changes when its months do, though the plan does not:
	// a client that has an older month's must not be told 304.
	if since := backend.FeedMonthsSince(f.Window, month, first, last); since != 0 {
		y, m := since.YM()
		modified = later(modified, time.Date(y, m, 1, 0, 0, 0, 0, now.Location()))
	}
	// Reasons stay out: a feed is shared (see export.Options.Reasons).
	opt := export.Options{Person: f.Person, Identity: snap.Identity, Refresh: Refresh, Stamp: modified, From: from, To: to}
	seq := export.NewSequences()
	err = as.Walk(ctx, ref, snap.Version, func(old *backend.Snapshot) error {
		// Each version's events in the same months, as far as its plan
		// has them: an event keeps the SEQUENCE a whole-plan walk gives
		// it, since whether an event of a month is there, and what it
		// says, depends on that month alone.
		o := opt
		op := old.Result.Frame.Plan
		o.From, o.To = max(from, op.Start.Month()), min(to, op.End.Month())
		if o.From > o.To {
			seq.Add(nil)
			return nil
		}
		events, _ := export.CalendarEvents(old.Result, o) // a version without the person has none
		seq.Add(events)
		return nil
	})
	if err != nil {
		return nil, err
	}
	opt.Sequence = seq.Of
	var b bytes.Buffer
	if err := export.Write(&b, export.ICS, snap.Result, opt); err != nil {
		return nil, err
	}
	gz, err := gzipped(b.Bytes())
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b.Bytes())
	tag := hex.EncodeToString(sum[:16])
	return &feedCalendar{version: snap.Version, first: first, last: last, from: from, to: to, body: b.Bytes(), gz: gz, etag: `"` + tag + `"`, gzTag: `"` + tag + `-gzip"`, modified: modified}, nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// noteEvery is how often a feed's use is written: its last use to the
// minute is enough, and calendar programs may poll often. Uses in between
// are counted and written with the next.
const noteEvery = time.Minute

// used records the feed's use, in the background: the answer does not wait
// for a write.
func (fs *Feeds) used(f backend.Feed) {
	fs.mu.Lock()
	fs.uses[f.ID]++
	n := fs.uses[f.ID]
	due := time.Since(fs.noted[f.ID]) >= noteEvery
	if due {
		fs.noted[f.ID] = time.Now()
		delete(fs.uses, f.ID)
	}
	fs.mu.Unlock()
	if !due {
		return
	}
	fs.wg.Add(1)
	go func() {
		defer fs.wg.Done()
		fs.record(f.ID, n)
	}()
}

// record writes n uses of the feed id.
func (fs *Feeds) record(id int64, n int) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := fs.b.FeedUsed(ctx, id, n); err != nil {
		fs.log.Error("feed use not recorded", "feed", id, "uses", n, "err", err)
	}
}
