package ui

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Many asking at once for the same key compute it once and share it; a
// key pushed out by newer ones is computed again.
func TestMemoComputesOnceAndForgetsTheOldest(t *testing.T) {
	m := newMemo[int, *int](2)
	var computed atomic.Int32
	compute := func(k int) func() *int {
		return func() *int { computed.Add(1); v := k; return &v }
	}
	var wg sync.WaitGroup
	got := make([]*int, 20)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = m.get(1, compute(1)) }()
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
	m.get(2, compute(2))
	m.get(1, compute(1)) // 1 is now the most recent
	m.get(3, compute(3)) // pushes out 2
	if n := computed.Load(); n != 3 {
		t.Fatalf("computed %d times, want 3", n)
	}
	m.get(1, compute(1))
	if n := computed.Load(); n != 3 {
		t.Fatal("the most recently used key was forgotten")
	}
	m.get(2, compute(2))
	if n := computed.Load(); n != 4 {
		t.Fatal("the least recently used key was kept beyond the size")
	}
}

// Planners on the same version share what is derived from it, escaped
// text included: rota serve's sessions hold one copy between them.
func TestPlannersOnOneVersionShareItsDerivedData(t *testing.T) {
	src := newSource(t, "cumbria", cumbria(t))
	a, b := mustCurrent(t, src), mustCurrent(t, src)
	if a == b {
		t.Fatal("the test wants two loads")
	}
	if a.Result != b.Result {
		t.Fatal("two loads of a version do not share its escaped result")
	}
	if derive(a, nil) != derive(b, nil) {
		t.Fatal("two loads of a version do not share its runs")
	}
}
