package ui

import (
	"slices"
	"sync"
)

// memo keeps the values last computed from a few inputs, computing each
// once however many ask at the same time. The planners of rota serve (one
// per SSH session, up to fifty and more in one process) all show the same
// versions of a plan: what they derive from a version alone is computed
// and held once for them all instead of once each. Values are shared, so
// nothing may change them.
type memo[K comparable, V any] struct {
	mu   sync.Mutex
	size int
	keys []K // least recently used first
	vals map[K]*memoEntry[V]
}

type memoEntry[V any] struct {
	done chan struct{} // closed once v is computed
	v    V
}

func newMemo[K comparable, V any](size int) *memo[K, V] {
	return &memo[K, V]{size: size, vals: map[K]*memoEntry[V]{}}
}

// get returns the value for k, computing it with f unless it is kept or
// being computed.
func (m *memo[K, V]) get(k K, f func() V) V {
	m.mu.Lock()
	if e, ok := m.vals[k]; ok {
		if i := slices.Index(m.keys, k); i >= 0 {
			m.keys = append(slices.Delete(m.keys, i, i+1), k)
		}
		m.mu.Unlock()
		<-e.done
		return e.v
	}
	e := &memoEntry[V]{done: make(chan struct{})}
	m.vals[k] = e
	m.keys = append(m.keys, k)
	for len(m.keys) > m.size {
		delete(m.vals, m.keys[0])
		m.keys = slices.Delete(m.keys, 0, 1)
	}
	m.mu.Unlock()
	defer close(e.done)
	e.v = f()
	return e.v
}
