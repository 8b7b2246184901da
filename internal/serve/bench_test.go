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

// BenchmarkFeedDecade answers a person's feed of the council-decade plan
// (sample.CouncilDecade; the feed holds all ten years, as every feed holds
// its plan's whole span) to 20 concurrent requests at a time, and reports
// the median and 99th percentile of a request's time, whole answer and
// headers alone, as the README gives them. Its parts: known (the working
// feed), unknown (a token that names none) and revoked (a feed's token
// after it was revoked), so that the times show whether an answer tells
// them apart. The first request, which makes the calendar, is reported
// with known.
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
	_, token, err := admin.NewFeed(ctx, "decade", p.Persons[0].ID)
	if err != nil {
		b.Fatal(err)
	}
	gone, goneToken, err := admin.NewFeed(ctx, "decade", p.Persons[1].ID)
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
	// get returns the time to the answer's headers and to its end.
	get := func(b *testing.B, url string, want int) (head, whole time.Duration, size int64) {
		start := time.Now()
		resp, err := http.Get(url)
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
	_, first, size := get(b, feed(token), 200)
	for _, c := range []struct {
		name string
		url  string
		want int
	}{
		{"known", feed(token), 200},
		{"unknown", feed("x" + token[1:]), 404},
		{"revoked", feed(goneToken), 404},
	} {
		b.Run(c.name, func(b *testing.B) {
			const concurrent = 20
			var mu sync.Mutex
			var heads, wholes []time.Duration
			b.ResetTimer()
			for range b.N {
				var wg sync.WaitGroup
				for range concurrent {
					wg.Add(1)
					go func() {
						defer wg.Done()
						h, w, _ := get(b, c.url, c.want)
						mu.Lock()
						heads, wholes = append(heads, h), append(wholes, w)
						mu.Unlock()
					}()
				}
				wg.Wait()
			}
			b.StopTimer()
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			slices.Sort(heads)
			slices.Sort(wholes)
			if c.want == 200 {
				b.ReportMetric(ms(first), "first-ms")
				b.ReportMetric(float64(size)/1000, "body-kB")
			}
			b.ReportMetric(ms(wholes[len(wholes)/2]), "median-ms")
			b.ReportMetric(ms(wholes[len(wholes)*99/100]), "p99-ms")
			b.ReportMetric(ms(heads[len(heads)/2]), "head-median-ms")
			b.ReportMetric(ms(heads[len(heads)*99/100]), "head-p99-ms")
		})
	}
}
