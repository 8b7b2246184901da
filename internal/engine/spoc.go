package engine

import "rota/internal/calendar"

// Fixed holds the assignments that the optimiser must keep: explicit changes
// a PA made, and, when re-planning from a date, everything before it.
type Fixed struct {
	SPOC     map[calendar.Month]string
	Buddy    map[calendar.Month]string
	Presence map[calendar.Date]string
}

// Assignment is who the rota assigns: per month (aligned with Frame.Months) a
// SPOC and a buddy, and per working day (aligned with Frame.Days) the person
// present in the county, "" for nobody.
type Assignment struct {
	SPOC     []string
	Buddy    []string
	Presence []string
}

// Assign computes the rota of f, keeping what fixed holds.
func Assign(f *Frame, fixed Fixed) Assignment {
	a := Assignment{SPOC: AssignSPOC(f, fixed.SPOC)}
	a.Buddy = AssignBuddies(f, a.SPOC, fixed.Buddy)
	a.Presence = AssignPresence(f, fixed.Presence)
	return a
}

// AssignSPOC returns each month's SPOC: an exact optimum of the spec's
// objective (mostly-absent months, then the spread of the load, then the
// months that differ from the plain rotation), found as a min-cost flow per
// candidate range of loads, with the fixed months kept.
func AssignSPOC(f *Frame, fixed map[calendar.Month]string) []string {
	order := f.Plan.SPOC.Order
	n, months := len(order), len(f.Months)
	out := make([]string, months)
	if n == 0 {
		return out
	}
	pos := map[string]int{}
	for j, id := range order {
		pos[id] = j
	}
	offset := make([]int, n) // months already fixed to each person
	var free []int
	var allowed [][]int
	for i, m := range f.Months {
		if who, ok := fixed[m]; ok && who != "" {
			out[i] = who
			if j, in := pos[who]; in {
				offset[j]++
			}
			continue
		}
		var ok []int
		for j, id := range order {
			if !f.MostlyAbsent(id, i) {
				ok = append(ok, j)
			}
		}
		if len(ok) == 0 { // everyone is mostly away: the month is bad whoever leads
			for j := range order {
				ok = append(ok, j)
			}
		}
		free = append(free, i)
		allowed = append(allowed, ok)
	}
	if len(free) == 0 {
		return out
	}
	total := len(free)
	for _, o := range offset {
		total += o
	}
	var best []int
	bestDev := -1
	for spread := 0; spread <= total && best == nil; spread++ {
		// The lowest load is at most the mean and the highest at least it,
		// so only these lows can give this spread.
		for lo := max(0, (total+n-1)/n-spread); lo <= total/n; lo++ {
			pick, dev, ok := spocFlow(free, allowed, offset, lo, lo+spread, n)
			if ok && (best == nil || dev < bestDev) {
				best, bestDev = pick, dev
			}
		}
	}
	for k, i := range free {
		out[i] = order[best[k]]
	}
	return out
}

// spocFlow assigns the free months so that every person's load (fixed months
// included) lies in [lo, hi], with the fewest departures from the plain
// rotation. Lower bounds are forced by edges of a large negative cost.
func spocFlow(free []int, allowed [][]int, offset []int, lo, hi, n int) ([]int, int, bool) {
	total := len(free)
	big := total + 1
	src, sink := 0, 1
	monthNode := func(k int) int { return 2 + k }
	personNode := func(j int) int { return 2 + total + j }
	g := newFlowGraph(2 + total + n)
	need := 0
	var must []int
	for j := 0; j < n; j++ {
		lower := max(0, lo-offset[j])
		upper := hi - offset[j]
		if upper < lower {
			return nil, 0, false
		}
		need += lower
		e := -1
		if lower > 0 {
			e = g.edge(personNode(j), sink, lower, -big)
		}
		must = append(must, e)
		if upper > lower {
			g.edge(personNode(j), sink, upper-lower, 0)
		}
	}
	if need > total {
		return nil, 0, false
	}
	edges := make([][]int, total)
	for k, i := range free {
		g.edge(src, monthNode(k), 1, 0)
		plain := i % n
		// The plain person's edge goes in last so that the adjacency list,
		// which is walked newest first, tries it first: ties keep the plain rotation.
		for _, j := range allowed[k] {
			if j != plain {
				edges[k] = append(edges[k], g.edge(monthNode(k), personNode(j), 1, 1))
			}
		}
		for _, j := range allowed[k] {
			if j == plain {
				edges[k] = append(edges[k], g.edge(monthNode(k), personNode(j), 1, 0))
			}
		}
	}
	sent, cost := g.run(src, sink, total)
	if sent < total {
		return nil, 0, false
	}
	for j, e := range must {
		lower := max(0, lo-offset[j])
		if e >= 0 && g.flow(e) < lower {
			return nil, 0, false
		}
	}
	pick := make([]int, total)
	for k := range free {
		for _, e := range edges[k] {
			if g.flow(e) > 0 {
				pick[k] = g.to[e] - (2 + total)
			}
		}
	}
	return pick, cost + big*need, true
}

// AssignBuddies returns each month's buddy by the spec's rule: the first
// candidate, starting from the neighbouring month's SPOC and walking the
// order, who is not the SPOC and not mostly absent.
func AssignBuddies(f *Frame, spocs []string, fixed map[calendar.Month]string) []string {
	order := f.Plan.SPOC.Order
	n := len(order)
	pos := map[string]int{}
	for j, id := range order {
		pos[id] = j
	}
	out := make([]string, len(spocs))
	for i, s := range spocs {
		if who, ok := fixed[f.Months[i]]; ok && who != "" {
			out[i] = who
			continue
		}
		step := 1
		var first string
		if f.Plan.SPOC.Buddy == "previous" {
			step = -1
			if i > 0 {
				first = spocs[i-1]
			} else {
				first = order[((pos[s]-1)%n+n)%n]
			}
		} else {
			if i+1 < len(spocs) {
				first = spocs[i+1]
			} else {
				first = order[(pos[s]+1)%n]
			}
		}
		k, ok := pos[first]
		if !ok {
			k = pos[s] + step
		}
		fallback := ""
		for c := 0; c < n; c++ {
			cand := order[((k+step*c)%n+n)%n]
			if cand == s {
				continue
			}
			if fallback == "" {
				fallback = cand
			}
			if !f.MostlyAbsent(cand, i) {
				out[i] = cand
				break
			}
		}
		if out[i] == "" {
			out[i] = fallback
		}
	}
	return out
}
