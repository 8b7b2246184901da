package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"rota/internal/backend"
	"rota/internal/plan"
	"rota/internal/sample"
)

// BenchmarkFeedDecade answers a person-year feed of the council-decade
// plan (sample.CouncilDecade; the feed's window is the current month and
// the 11 after, --past 0 --ahead 11) to 20 concurrent requests at a time,
// and reports the median and 99th percentile of a request's time, whole
// answer and headers alone, as the README gives them. Its parts: known (the
// working feed, asked for gzip as calendar programs ask), identity (the
// same, asked for nothing), unknown (a token that names none) and revoked
// (a feed's token after it was revoked), so that the times show whether an
// answer tells them apart; whole/known and whole/identity, the same person's
// feed of all ten years (--whole), for comparison; and work/known,
// work/unknown and work/revoked, the handler's time for each without the
// network. The first request, which makes the calendar, is reported with
// known and whole/known.
func BenchmarkFeedDecade(b *testing.B) {
	bk, err := backend.Open(filepath.Join(b.TempDir(), "rota.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer bk.Close()
	p := sample.Plan(sample.CouncilDecade, 1)
	admin := bk.As(backend.Local("ann"))
	if _, err := admin.Import(ctx, "decade", "decade.toml", plan.Encode(p), "ann", ""); err != nil {
		b.Fatal(err)
	}
	year := backend.Window{Past: 0, Ahead: 11}
	_, token, err := admin.NewFeed(ctx, "decade", p.Persons[0].ID, year)
	if err != nil {
		b.Fatal(err)
	}
	_, wholeToken, err := admin.NewFeed(ctx, "decade", p.Persons[0].ID, backend.Window{Whole: true})
	if err != nil {
		b.Fatal(err)
	}
	gone, goneToken, err := admin.NewFeed(ctx, "decade", p.Persons[1].ID, year)
	if err != nil {
		b.Fatal(err)
	}
	if err := admin.RevokeFeed(ctx, gone.ID); err != nil {
		b.Fatal(err)
	}
	fs := NewFeeds(bk, 1<<30, nil)
	web := httptest.NewServer(fs)
	defer func() { web.Close(); fs.Wait() }()
	feed := func(token string) string { return web.URL + FeedPath + token + ".ics" }
	// get returns the time to the answer's headers and to its end, and
	// the answer's size as sent: the client does not undo the gzip coding
	// (a calendar program does that on its own machine).
	client := &http.Client{Transport: &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 64}}
	get := func(b *testing.B, url, coding string, want int) (head, whole time.Duration, size int64) {
		req, err := http.NewRequest(http.MethodGet, url, nil)
		if err != nil {
			b.Fatal(err)
		}
		if coding != "" {
			req.Header.Set("Accept-Encoding", coding)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			b.Error(err)
			return 0, 0, 0
		}
		head = time.Since(start)
		size, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			b.Errorf("status %d, want %d", resp.StatusCode, want)
		}
		return head, time.Since(start), size
	}
	_, first, _ := get(b, feed(token), "", 200)
	_, wholeFirst, _ := get(b, feed(wholeToken), "", 200)
	for _, c := range []struct {
		name, url, coding string
		want              int
		first             time.Duration
	}{
		{"known", feed(token), "gzip", 200, first},
		{"identity", feed(token), "", 200, 0},
		{"unknown", feed("x" + token[1:]), "gzip", 404, 0},
		{"revoked", feed(goneToken), "gzip", 404, 0},
		{"whole/known", feed(wholeToken), "gzip", 200, wholeFirst},
		{"whole/identity", feed(wholeToken), "", 200, 0},
	} {
		b.Run(c.name, func(b *testing.B) {
			const concurrent = 20
			var mu sync.Mutex
			var heads, wholes []time.Duration
			var size int64
			b.ResetTimer()
			for range b.N {
				var wg sync.WaitGroup
				for range concurrent {
					wg.Add(1)
					go func() {
						defer wg.Done()
						h, w, n := get(b, c.url, c.coding, c.want)
						mu.Lock()
						heads, wholes, size = append(heads, h), append(wholes, w), n
						mu.Unlock()
					}()
				}
				wg.Wait()
			}
			b.StopTimer()
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			slices.Sort(heads)
			slices.Sort(wholes)
			if c.first != 0 {
				b.ReportMetric(ms(c.first), "first-ms")
			}
			b.ReportMetric(float64(size)/1000, "body-kB")
			b.ReportMetric(ms(wholes[len(wholes)/2]), "median-ms")
			b.ReportMetric(ms(wholes[len(wholes)*99/100]), "p99-ms")
			b.ReportMetric(ms(heads[len(heads)/2]), "head-median-ms")
			b.ReportMetric(ms(heads[len(heads)*99/100]), "head-p99-ms")
		})
	}
	// The handler's own work, without the network: what a token costs the
	// server before and apart from sending the answer.
	for _, c := range []struct{ name, token string }{{"known", token}, {"unknown", "x" + token[1:]}, {"revoked", goneToken}} {
		b.Run("work/"+c.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, FeedPath+c.token+".ics", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			for range b.N {
				fs.ServeHTTP(&discardWriter{header: http.Header{}}, req)
			}
		})
	}
}

// discardWriter is an http.ResponseWriter that keeps nothing.
type discardWriter struct{ header http.Header }

func (w *discardWriter) Header() http.Header         { return w.header }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}
