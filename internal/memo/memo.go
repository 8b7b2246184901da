// Package memo keeps the values last computed from a few inputs, computing
// each once however many ask for it at the same time. rota serve runs one
// planner per SSH session, dozens in one process, all on the same versions
// of a plan: what they read or derive from a version alone is computed and
// held once for them all instead of once each.
package memo

import (
	"slices"
	"sync"
)

// Memo holds at most its size of values, the least recently used going
// first. Values are shared between callers, so nobody may change one. The
// zero Memo is not usable: make one with New.
type Memo[K comparable, V any] struct {
	mu   sync.Mutex
	size int
	keys []K // least recently used first
	vals map[K]*entry[V]
}

type entry[V any] struct {
	done chan struct{} // closed once v is computed
	v    V
}

// New returns a Memo holding at most size values.
func New[K comparable, V any](size int) *Memo[K, V] {
	return &Memo[K, V]{size: size, vals: map[K]*entry[V]{}}
}

// Get returns the value for k, computing it with f unless it is held or
// being computed (then it waits for it).
func (m *Memo[K, V]) Get(k K, f func() V) V {
	m.mu.Lock()
	if e, ok := m.vals[k]; ok {
		if i := slices.Index(m.keys, k); i >= 0 {
			m.keys = append(slices.Delete(m.keys, i, i+1), k)
		}
		m.mu.Unlock()
		<-e.done
		return e.v
	}
	e := &entry[V]{done: make(chan struct{})}
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

// Forget drops k, so that the next Get computes it again: for a value
// that turned out to be an error.
func (m *Memo[K, V]) Forget(k K) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.vals[k]; ok {
		delete(m.vals, k)
		m.keys = slices.DeleteFunc(m.keys, func(x K) bool { return x == k })
	}
}
