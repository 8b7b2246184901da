package engine

import (
	"math/bits"
	"sort"

	"rota/internal/calendar"
)

const nobody = -1

// AssignPresence returns who is present in the county on each working day:
// someone available from presence.order, balanced as the spec defines (no
// chain of days can move a day from a count c to a count c-2 or less), the
// plain rotation where nobody is away, and close to it otherwise. Fixed days
// are kept, even when their person is away, so coverage can show the gap.
func AssignPresence(f *Frame, fixed map[calendar.Date]string) []string {
	out := make([]string, len(f.Days))
	if !f.Plan.Presence.Enabled {
		return out
	}
	order := f.Plan.Presence.Order
	m := len(order)
	if m == 0 {
		return out
	}
	r := newPresenceRun(f, order, fixed)
	r.greedy()
	r.balance()
	for k, j := range r.who {
		switch {
		case r.fixed[k] != "":
			out[k] = r.fixed[k]
		case j >= 0:
			out[k] = order[j]
		}
	}
	return out
}

type presenceRun struct {
	f      *Frame
	m      int
	avail  []uint64 // per day, bit j: order[j] is available
	fixed  []string // per day, the fixed person or ""
	who    []int    // per day, index into order or nobody
	count  []int
	wcount [][7]int
}

func newPresenceRun(f *Frame, order []string, fixed map[calendar.Date]string) *presenceRun {
	m := len(order)
	r := &presenceRun{
		f:      f,
		m:      m,
		avail:  make([]uint64, len(f.Days)),
		fixed:  make([]string, len(f.Days)),
		who:    make([]int, len(f.Days)),
		count:  make([]int, m),
		wcount: make([][7]int, m),
	}
	pos := map[string]int{}
	for j, id := range order {
		pos[id] = j
	}
	for k, d := range f.Days {
		var mask uint64
		for j, id := range order {
			if !f.Absent(id, d) {
				mask |= 1 << uint(j)
			}
		}
		r.avail[k] = mask
		r.who[k] = nobody
		if id, ok := fixed[d]; ok && id != "" {
			r.fixed[k] = id
			if j, in := pos[id]; in {
				r.take(k, j)
			}
		}
	}
	return r
}

func (r *presenceRun) take(k, j int) {
	r.who[k] = j
	r.count[j]++
	r.wcount[j][r.f.Days[k].Weekday()]++
}

func (r *presenceRun) give(k int) {
	j := r.who[k]
	r.count[j]--
	r.wcount[j][r.f.Days[k].Weekday()]--
	r.who[k] = nobody
}

// greedy gives each free day to its plain-rotation person when available,
// else to the available person with the fewest days, then the fewest of
// that weekday, then the nearest after the plain person in the order.
func (r *presenceRun) greedy() {
	for k := range r.f.Days {
		if r.fixed[k] != "" || r.avail[k] == 0 {
			continue
		}
		plain := k % r.m
		if r.avail[k]&(1<<uint(plain)) != 0 {
			r.take(k, plain)
			continue
		}
		wd := r.f.Days[k].Weekday()
		best := nobody
		for step := 1; step < r.m; step++ {
			j := (plain + step) % r.m
			if r.avail[k]&(1<<uint(j)) == 0 {
				continue
			}
			if best == nobody || r.count[j] < r.count[best] ||
				(r.count[j] == r.count[best] && r.wcount[j][wd] < r.wcount[best][wd]) {
				best = j
			}
		}
		r.take(k, best)
	}
}

// balance moves days along chains from people with many days to people with
// at least two fewer until no such chain is left. Each move lowers the sum of
// squared counts, so it ends; the result is balanced by construction.
func (r *presenceRun) balance() {
	// Each move lowers the sum of squared counts by at least two, so this
	// bound is never reached; it only guards against a bug looping forever.
	for limit := len(r.who)*len(r.who) + 1; limit > 0; limit-- {
		adj := make([]uint64, r.m)
		for k, j := range r.who {
			if j >= 0 && r.fixed[k] == "" {
				adj[j] |= r.avail[k] &^ (1 << uint(j))
			}
		}
		path := r.findChain(adj)
		if path == nil {
			return
		}
		// Move from the end of the chain back, so each step's giver still
		// has the day it is about to pass on.
		for i := len(path) - 2; i >= 0; i-- {
			r.move(path[i], path[i+1])
		}
	}
}

// findChain returns a path a → … → b in adj with count(b) <= count(a)-2,
// starting from the busiest person that has one and ending at the least busy
// person reachable.
func (r *presenceRun) findChain(adj []uint64) []int {
	sources := make([]int, r.m)
	for j := range sources {
		sources[j] = j
	}
	// Busiest first: their chains relieve the most.
	for i := 1; i < len(sources); i++ {
		for x := i; x > 0 && r.count[sources[x]] > r.count[sources[x-1]]; x-- {
			sources[x], sources[x-1] = sources[x-1], sources[x]
		}
	}
	parent := make([]int, r.m)
	for _, a := range sources {
		for j := range parent {
			parent[j] = -2
		}
		parent[a] = -1
		queue := []int{a}
		best := -1
		for qi := 0; qi < len(queue); qi++ {
			x := queue[qi]
			for rest := adj[x]; rest != 0; rest &= rest - 1 {
				y := bits.TrailingZeros64(rest)
				if parent[y] != -2 {
					continue
				}
				parent[y] = x
				queue = append(queue, y)
				if r.count[y] <= r.count[a]-2 && (best < 0 || r.count[y] < r.count[best]) {
					best = y
				}
			}
		}
		if best < 0 {
			continue
		}
		var path []int
		for y := best; y != -1; y = parent[y] {
			path = append(path, y)
		}
		for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
			path[i], path[j] = path[j], path[i]
		}
		return path
	}
	return nil
}

// move passes one free day from x to y on which y is available. It prefers,
// in turn: a day that is y's in the plain rotation (and not x's); a day
// that does not put y in the county two days running, so days given back
// are spread rather than handed over in a block; the day nearest to one on
// which y was away, so someone back from leave catches up soon after it
// rather than months before; and a weekday y has few of and x many.
func (r *presenceRun) move(x, y int) {
	away := r.awayDays(y)
	bestK, bestScore := -1, 0
	for k, j := range r.who {
		if j != x || r.fixed[k] != "" || r.avail[k]&(1<<uint(y)) == 0 {
			continue
		}
		wd := r.f.Days[k].Weekday()
		score := r.wcount[x][wd] - r.wcount[y][wd] // within ±a few hundred
		score += (4096 - min(nearestGap(away, k), 4096)) << 10
		if (k == 0 || r.who[k-1] != y) && (k+1 == len(r.who) || r.who[k+1] != y) {
			score += 1 << 23
		}
		if k%r.m == y {
			score += 1 << 25
		}
		if k%r.m == x {
			score -= 1 << 24
		}
		if bestK < 0 || score > bestScore {
			bestK, bestScore = k, score
		}
	}
	if bestK < 0 {
		return
	}
	r.give(bestK)
	r.take(bestK, y)
}

// awayDays returns the working days, in order, on which order[j] is not
// available.
func (r *presenceRun) awayDays(j int) []int {
	var out []int
	for k, mask := range r.avail {
		if mask&(1<<uint(j)) == 0 {
			out = append(out, k)
		}
	}
	return out
}

// nearestGap returns how many working days k lies from the nearest of the
// sorted days, or a large number when there are none.
func nearestGap(days []int, k int) int {
	i := sort.SearchInts(days, k)
	best := 1 << 20
	if i < len(days) {
		best = days[i] - k
	}
	if i > 0 {
		best = min(best, k-days[i-1])
	}
	return best
}
