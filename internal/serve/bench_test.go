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
// (sample.CouncilDecade) to 20 concurrent requests at a time, and reports
// the median and 99th percentile of a request's time, as the README gives
// them. The first request, which makes the calendar, is reported apart.
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
	fs := NewFeeds(bk, 1<<30, nil)
	web := httptest.NewServer(fs)
	defer func() { web.Close(); fs.Wait() }()
	url := web.URL + FeedPath + token + ".ics"
	get := func() time.Duration {
		start := time.Now()
		resp, err := http.Get(url)
		if err != nil {
			b.Error(err)
			return 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			b.Errorf("status %d", resp.StatusCode)
		}
		return time.Since(start)
	}
	first := get()
	const concurrent = 20
	var mu sync.Mutex
	var took []time.Duration
	b.ResetTimer()
	for range b.N {
		var wg sync.WaitGroup
		for range concurrent {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d := get()
				mu.Lock()
				took = append(took, d)
				mu.Unlock()
			}()
		}
		wg.Wait()
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}
