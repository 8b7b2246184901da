package backend

import (
	"sync"
	"testing"

	"rota/internal/change"
)

// Loading a plan's version again gives the evaluated snapshot already made
// (the same values), with the line's latest version as it is now.
func TestLoadCachesPlanVersions(t *testing.T) {
	s, ref := withCCCS(t)
	a := load(t, s, ref, 1)
	if b := load(t, s, ref, 1); b.Result != a.Result || b.Head != 1 {
		t.Fatalf("version 1 loaded twice: evaluated again (%v) or head %d", b.Result != a.Result, b.Head)
	}
	apply(t, s, ref, 1, change.SetSPOC(m("2022-10"), "tracy"))
	if b := load(t, s, ref, 1); b.Result != a.Result || b.Head != 2 || a.Head != 1 {
		t.Errorf("after version 2: cached %v, head %d (first copy's %d)", b.Result == a.Result, b.Head, a.Head)
	}
	if c := load(t, s, ref, 0); c.Version != 2 || c.Result.Assign.SPOC[3] != "tracy" {
		t.Errorf("latest: version %d, October's SPOC %s", c.Version, c.Result.Assign.SPOC[3])
	}
}

// The cache keeps at most cacheSize snapshots, the least recently used
// going first.
func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := newCache(2)
	one, two, three := &Snapshot{Version: 1}, &Snapshot{Version: 2}, &Snapshot{Version: 3}
	c.put(cacheKey{1, 1}, one)
	c.put(cacheKey{1, 2}, two)
	c.get(cacheKey{1, 1})
	c.put(cacheKey{1, 3}, three)
	if c.get(cacheKey{1, 2}) != nil || c.get(cacheKey{1, 1}) != one || c.get(cacheKey{1, 3}) != three {
		t.Error("evicted the wrong snapshot")
	}
}

// Many loading a new version at once (every session of rota serve after a
// change) get one evaluation between them: the first computes it, the
// others wait for it.
func TestConcurrentLoadsEvaluateOnce(t *testing.T) {
	s, ref := withCCCS(t)
	apply(t, s, ref, 1, change.SetSPOC(m("2022-10"), "tracy"))
	got := make([]*Snapshot, 16)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			snap, err := s.Load(ctx, ref, 2)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = snap
		}()
	}
	wg.Wait()
	for i, g := range got {
		if g == nil || g.Result != got[0].Result {
			t.Fatalf("load %d evaluated version 2 again", i)
		}
	}
}

// A plan's history is read once per version for everyone who asks, yet a
// new version shows at once and what one caller does to its copy changes
// nobody else's.
func TestHistoryIsSharedButNeverStale(t *testing.T) {
	s, ref := withCCCS(t)
	h1, err := s.History(ctx, ref)
	if err != nil || len(h1) != 1 {
		t.Fatalf("%v %v", h1, err)
	}
	h1[0].Author = "changed by a caller"
	apply(t, s, ref, 1, change.SetSPOC(m("2022-10"), "tracy"))
	var wg sync.WaitGroup
	got := make([][]VersionInfo, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h, err := s.History(ctx, ref)
			if err != nil {
				t.Error(err)
			}
			got[i] = h
		}()
	}
	wg.Wait()
	for _, h := range got {
		if len(h) != 2 || h[1].Number != 2 || h[0].Author == "changed by a caller" {
			t.Fatalf("history %+v", h)
		}
	}
}
