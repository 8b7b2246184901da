package memo

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Many asking at once for the same key compute it once and share it; a
// key pushed out by newer ones is computed again.
func TestMemoComputesOnceAndForgetsTheOldest(t *testing.T) {
	m := New[int, *int](2)
	var computed atomic.Int32
	compute := func(k int) func() *int {
		return func() *int { computed.Add(1); v := k; return &v }
	}
	var wg sync.WaitGroup
	got := make([]*int, 20)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = m.Get(1, compute(1)) }()
	}
	wg.Wait()
	for _, g := range got {
		if g != got[0] || *g != 1 {
			t.Fatalf("values not shared: %p %p", g, got[0])
		}
	}
	if n := computed.Load(); n != 1 {
		t.Fatalf("computed %d times, want once", n)
	}
	m.Get(2, compute(2))
	m.Get(1, compute(1)) // 1 is now the most recent
	m.Get(3, compute(3)) // pushes out 2
	if n := computed.Load(); n != 3 {
		t.Fatalf("computed %d times, want 3", n)
	}
	m.Get(1, compute(1))
	if n := computed.Load(); n != 3 {
		t.Fatal("the most recently used key was forgotten")
	}
	m.Get(2, compute(2))
	if n := computed.Load(); n != 4 {
		t.Fatal("the least recently used key was kept beyond the size")
	}
}

// A forgotten key is computed again.
func TestForget(t *testing.T) {
	m := New[string, int](4)
	n := 0
	f := func() int { n++; return n }
	m.Get("a", f)
	m.Forget("a")
	if got := m.Get("a", f); got != 2 {
		t.Fatalf("after Forget: %d, want computed again", got)
	}
	m.Forget("nothing") // nothing held: nothing happens
}
