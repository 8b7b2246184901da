package backend

import (
	"container/list"
	"sync"
)

// cacheSize is how many evaluated snapshots the backend keeps: a planner
// moving through history, and several front ends on the same versions,
// load each once. A Cumbria snapshot is about 0.1 MB, a council decade's
// about 20 MB.
const cacheSize = 16

// cacheKey names a version of a plan's own line: written once, never
// changed, so its snapshot never goes stale.
type cacheKey struct {
	plan    int64
	version int
}

// cache keeps the snapshots last used, least recently used out first.
type cache struct {
	mu    sync.Mutex
	size  int
	order *list.List // of *cacheEntry, most recent first
	byKey map[cacheKey]*list.Element
	// making holds the keys being computed, closed when done: the
	// planners of rota serve all load a new version at once, and one
	// computes it while the others wait for it.
	making map[cacheKey]chan struct{}
}

type cacheEntry struct {
	key  cacheKey
	snap *Snapshot
}

func newCache(size int) *cache {
	return &cache{size: size, order: list.New(), byKey: map[cacheKey]*list.Element{}, making: map[cacheKey]chan struct{}{}}
}

// claim returns done, to call once the snapshot of k is put (or could not
// be made), when the caller is to compute it; or nil after waiting for
// another caller who was computing it (get then has it, unless that
// failed).
func (c *cache) claim(k cacheKey) (done func()) {
	c.mu.Lock()
	if wait, ok := c.making[k]; ok {
		c.mu.Unlock()
		<-wait
		return nil
	}
	ch := make(chan struct{})
	c.making[k] = ch
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		delete(c.making, k)
		c.mu.Unlock()
		close(ch)
	}
}

func (c *cache) get(k cacheKey) *Snapshot {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byKey[k]
	if !ok {
		return nil
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).snap
}

func (c *cache) put(k cacheKey, s *Snapshot) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		e.Value.(*cacheEntry).snap = s
		return
	}
	c.byKey[k] = c.order.PushFront(&cacheEntry{k, s})
	for c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(*cacheEntry).key)
	}
}
