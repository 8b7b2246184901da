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
}

type cacheEntry struct {
	key  cacheKey
	snap *Snapshot
}

func newCache(size int) *cache {
	return &cache{size: size, order: list.New(), byKey: map[cacheKey]*list.Element{}}
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
