package engine_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/engine"
	"rota/internal/plan"
	"rota/internal/sample"
)

// randomPlan draws a small plan: few enough people and months that every
// SPOC assignment can be enumerated.
func randomPlan(t *rapid.T) *plan.Plan {
	n := rapid.IntRange(2, 4).Draw(t, "people")
	start := calendar.NewDate(2022, time.Month(rapid.IntRange(1, 12).Draw(t, "startMonth")), rapid.IntRange(1, 28).Draw(t, "startDay"))
	months := rapid.IntRange(1, 7).Draw(t, "months")
	sy, sm := start.Month().YM()
	end := calendar.MonthOf(sy, sm+time.Month(months-1)).Last().AddDays(-rapid.IntRange(0, 20).Draw(t, "endTrim"))
	if end < start {
		end = start
	}
	p := &plan.Plan{
		Name: "random", Start: start, End: end,
		Holidays: rapid.SampledFrom([]string{"england-and-wales", "scotland", "none"}).Draw(t, "holidays"),
		Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		SPOC: plan.SPOC{
			Buddy:        rapid.SampledFrom([]string{plan.BuddyNext, plan.BuddyPrevious}).Draw(t, "buddy"),
			MostlyAbsent: rapid.SampledFrom([]float64{0.25, 0.5, 0.75, 1}).Draw(t, "mostly"),
		},
		Presence: plan.Presence{Enabled: true},
	}
	for i := 0; i < n; i++ {
		p.Persons = append(p.Persons, plan.Person{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P %d", i), Rota: true})
	}
	ids := p.PersonIDs()
	order := rapid.Permutation(ids).Draw(t, "order")
	p.SPOC.Order, p.SPOC.OrderSet = order, true
	if rapid.Bool().Draw(t, "ownPresenceOrder") {
		p.Presence.Order = rapid.Permutation(ids).Draw(t, "presenceOrder")[:rapid.IntRange(1, n).Draw(t, "presenceLen")]
		p.Presence.OrderSet = true
	}
	span := int(end - start)
	for i := rapid.IntRange(0, 8).Draw(t, "absences"); i > 0; i-- {
		from := start.AddDays(rapid.IntRange(-10, span).Draw(t, "from"))
		p.Absences = append(p.Absences, plan.Absence{
			Person: rapid.SampledFrom(ids).Draw(t, "who"),
			From:   from,
			To:     from.AddDays(rapid.IntRange(0, 40).Draw(t, "len")),
		})
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("generated an invalid plan: %v", err)
	}
	return p
}

// objective is the spec's three-level SPOC objective, computed directly.
func objective(f *engine.Frame, spocs []string) [3]int {
	order := f.Plan.SPOC.Order
	var o [3]int
	counts := map[string]int{}
	for i, s := range spocs {
		if f.MostlyAbsent(s, i) {
			o[0]++
		}
		counts[s]++
		if s != order[i%len(order)] {
			o[2]++
		}
	}
	lo, hi := len(spocs), 0
	for _, id := range order {
		lo, hi = min(lo, counts[id]), max(hi, counts[id])
	}
	o[1] = hi - lo
	return o
}

func less(a, b [3]int) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// bruteForce enumerates every assignment that keeps the fixed months and
// returns the best objective.
func bruteForce(f *engine.Frame, fixed map[calendar.Month]string) [3]int {
	order := f.Plan.SPOC.Order
	m := len(f.Months)
	cur := make([]string, m)
	best := [3]int{1 << 30}
	var walk func(i int)
	walk = func(i int) {
		if i == m {
			if o := objective(f, cur); less(o, best) {
				best = o
			}
			return
		}
		if who, ok := fixed[f.Months[i]]; ok {
			cur[i] = who
			walk(i + 1)
			return
		}
		for _, id := range order {
			cur[i] = id
			walk(i + 1)
		}
	}
	walk(0)
	return best
}

func TestSPOCIsOptimalAgainstBruteForce(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		f := engine.NewFrame(p)
		got := engine.AssignSPOC(f, nil)
		for i, s := range got {
			if !slices.Contains(p.SPOC.Order, s) {
				t.Fatalf("month %d: SPOC %q is not in the order %v", i, s, p.SPOC.Order)
			}
		}
		if want, have := bruteForce(f, nil), objective(f, got); want != have {
			t.Fatalf("objective %v, brute force finds %v; assignment %v", have, want, got)
		}
	})
}

func TestSPOCKeepsFixedMonthsAndIsOptimalAmongThem(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		f := engine.NewFrame(p)
		fixed := map[calendar.Month]string{}
		for _, m := range f.Months {
			if rapid.IntRange(0, 3).Draw(t, "pin") == 0 {
				fixed[m] = rapid.SampledFrom(p.SPOC.Order).Draw(t, "pinned")
			}
		}
		got := engine.AssignSPOC(f, fixed)
		for i, m := range f.Months {
			if who, ok := fixed[m]; ok && got[i] != who {
				t.Fatalf("month %s was fixed to %s but got %s", m, who, got[i])
			}
		}
		if want, have := bruteForce(f, fixed), objective(f, got); want != have {
			t.Fatalf("objective %v, brute force finds %v; assignment %v, fixed %v", have, want, got, fixed)
		}
	})
}

func TestNoAbsencesGivesThePlainRotation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		p.Absences = nil
		f := engine.NewFrame(p)
		a := engine.Assign(f, engine.Fixed{})
		for i, s := range a.SPOC {
			if want := p.SPOC.Order[i%len(p.SPOC.Order)]; s != want {
				t.Fatalf("month %d: SPOC %s, plain rotation says %s", i, s, want)
			}
		}
		for k, who := range a.Presence {
			if want := p.Presence.Order[k%len(p.Presence.Order)]; who != want {
				t.Fatalf("working day %d (%s): presence %s, plain rotation says %s", k, f.Days[k], who, want)
			}
		}
	})
}

// wantBuddies restates the spec's buddy rule as plainly as possible.
func wantBuddies(f *engine.Frame, spocs []string) []string {
	order := f.Plan.SPOC.Order
	n := len(order)
	out := make([]string, len(spocs))
	for i, s := range spocs {
		var first string
		step := 1
		if f.Plan.SPOC.Buddy == plan.BuddyPrevious {
			step = -1
			if i > 0 {
				first = spocs[i-1]
			} else {
				first = order[(slices.Index(order, s)-1+n)%n]
			}
		} else if i+1 < len(spocs) {
			first = spocs[i+1]
		} else {
			first = order[(slices.Index(order, s)+1)%n]
		}
		var cands []string
		k := slices.Index(order, first)
		for j := 0; j < n; j++ {
			if c := order[((k+step*j)%n+n)%n]; c != s {
				cands = append(cands, c)
			}
		}
		out[i] = cands[0]
		for _, c := range cands {
			if !f.MostlyAbsent(c, i) {
				out[i] = c
				break
			}
		}
	}
	return out
}

func TestBuddiesFollowTheRule(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		f := engine.NewFrame(p)
		spocs := engine.AssignSPOC(f, nil)
		got := engine.AssignBuddies(f, spocs, nil)
		if want := wantBuddies(f, spocs); !slices.Equal(got, want) {
			t.Fatalf("buddies %v, want %v (SPOCs %v, rule %s)", got, want, spocs, p.SPOC.Buddy)
		}
		for i := range got {
			if got[i] == spocs[i] {
				t.Fatalf("month %d: %s is both SPOC and buddy", i, got[i])
			}
		}
	})
}

// checkPresence asserts the spec's presence invariants: one available
// person from the order on every working day that has one, and balance.
func checkPresence(t *rapid.T, f *engine.Frame, presence []string, fixed map[calendar.Date]string) {
	order := f.Plan.Presence.Order
	counts := map[string]int{}
	for k, d := range f.Days {
		who := presence[k]
		if pin, ok := fixed[d]; ok {
			if who != pin {
				t.Fatalf("%s was fixed to %s but got %s", d, pin, who)
			}
			counts[who]++
			continue
		}
		avail := f.FirstAvailable(order, d)
		switch {
		case avail == "" && who != "":
			t.Fatalf("%s: nobody is available but %s is present", d, who)
		case avail != "" && (!slices.Contains(order, who) || f.Absent(who, d)):
			t.Fatalf("%s: %q is not an available member of %v", d, who, order)
		}
		if who != "" {
			counts[who]++
		}
	}
	// Balance: no path a → … → b over movable days with count(b) <= count(a)-2.
	edges := map[string]map[string]bool{}
	for k, d := range f.Days {
		a := presence[k]
		if a == "" {
			continue
		}
		if _, ok := fixed[d]; ok {
			continue
		}
		for _, b := range order {
			if b != a && !f.Absent(b, d) {
				if edges[a] == nil {
					edges[a] = map[string]bool{}
				}
				edges[a][b] = true
			}
		}
	}
	for _, a := range order {
		seen := map[string]bool{a: true}
		stack := []string{a}
		for len(stack) > 0 {
			x := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for y := range edges[x] {
				if !seen[y] {
					seen[y] = true
					stack = append(stack, y)
				}
			}
		}
		for b := range seen {
			if counts[b] <= counts[a]-2 {
				t.Fatalf("unbalanced: a day could move from %s (%d) to %s (%d)", a, counts[a], b, counts[b])
			}
		}
	}
}

func TestPresenceIsStaffedAndBalanced(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		f := engine.NewFrame(p)
		checkPresence(t, f, engine.AssignPresence(f, nil), nil)
	})
}

func TestPresenceKeepsFixedDays(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		f := engine.NewFrame(p)
		fixed := map[calendar.Date]string{}
		for _, d := range f.Days {
			if rapid.IntRange(0, 9).Draw(t, "pin") == 0 {
				fixed[d] = rapid.SampledFrom(p.Presence.Order).Draw(t, "who")
			}
		}
		checkPresence(t, f, engine.AssignPresence(f, fixed), fixed)
	})
}

func TestPresenceDisabledAssignsNobody(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		p.Presence.Enabled = false
		for k, who := range engine.AssignPresence(engine.NewFrame(p), nil) {
			if who != "" {
				t.Fatalf("working day %d: presence %s while presence is disabled", k, who)
			}
		}
	})
}

func TestAssignIsDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		a := engine.Assign(engine.NewFrame(p), engine.Fixed{})
		b := engine.Assign(engine.NewFrame(p.Clone()), engine.Fixed{})
		if !slices.Equal(a.SPOC, b.SPOC) || !slices.Equal(a.Buddy, b.Buddy) || !slices.Equal(a.Presence, b.Presence) {
			t.Fatal("the same plan gave two different rotas")
		}
	})
}

// dpOptimum is the exact optimum by dynamic programming over the vector of
// loads, as the conformance checker computes it; it reaches plans too long
// to enumerate.
func dpOptimum(f *engine.Frame) [3]int {
	order := f.Plan.SPOC.Order
	n := len(order)
	type state [4]int
	bad := 0
	states := map[state]int{{}: 0}
	for i := range f.Months {
		var ok []int
		for j, id := range order {
			if !f.MostlyAbsent(id, i) {
				ok = append(ok, j)
			}
		}
		if len(ok) == 0 {
			bad++
			for j := range order {
				ok = append(ok, j)
			}
		}
		next := map[state]int{}
		for s, dev := range states {
			for _, j := range ok {
				t := s
				t[j]++
				d := dev
				if j != i%n {
					d++
				}
				if old, seen := next[t]; !seen || d < old {
					next[t] = d
				}
			}
		}
		states = next
	}
	best := [3]int{bad, 1 << 30, 1 << 30}
	for s, dev := range states {
		lo, hi := s[0], s[0]
		for j := 1; j < n; j++ {
			lo, hi = min(lo, s[j]), max(hi, s[j])
		}
		if c := [3]int{bad, hi - lo, dev}; less(c, best) {
			best = c
		}
	}
	return best
}

func TestSPOCIsOptimalOnLongPlans(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 4).Draw(t, "people")
		months := rapid.IntRange(12, 40).Draw(t, "months")
		p := &plan.Plan{
			Name: "long", Start: calendar.NewDate(2024, 1, 1), End: calendar.NewDate(2024, time.Month(months), 0),
			Holidays: "england-and-wales",
			Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
			SPOC:     plan.SPOC{Buddy: plan.BuddyNext, MostlyAbsent: 0.5},
			Presence: plan.Presence{Enabled: true},
		}
		for i := 0; i < n; i++ {
			p.Persons = append(p.Persons, plan.Person{ID: fmt.Sprintf("p%d", i), Name: "x", Rota: true})
		}
		span := int(p.End - p.Start)
		for i := rapid.IntRange(0, 3*months).Draw(t, "absences"); i > 0; i-- {
			from := p.Start.AddDays(rapid.IntRange(0, span).Draw(t, "from"))
			p.Absences = append(p.Absences, plan.Absence{Person: fmt.Sprintf("p%d", rapid.IntRange(0, n-1).Draw(t, "who")),
				From: from, To: from.AddDays(rapid.IntRange(0, 45).Draw(t, "len"))})
		}
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		f := engine.NewFrame(p)
		got := engine.AssignSPOC(f, nil)
		if want, have := dpOptimum(f), objective(f, got); want != have {
			t.Fatalf("objective %v, the optimum is %v", have, want)
		}
	})
}

func TestCumbriaReproducesThePaper(t *testing.T) {
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	f := engine.NewFrame(p)
	a := engine.Assign(f, engine.Fixed{})
	wantSPOC := []string{"simon", "jo", "paul", "tracy", "simon", "jo", "paul", "tracy", "simon"}
	wantBuddy := []string{"jo", "paul", "tracy", "simon", "jo", "paul", "tracy", "simon", "jo"}
	if !slices.Equal(a.SPOC, wantSPOC) || !slices.Equal(a.Buddy, wantBuddy) {
		t.Fatalf("SPOC %v buddy %v; the paper has %v and %v", a.SPOC, a.Buddy, wantSPOC, wantBuddy)
	}
	// Working days per month, from the reference's calendar facts.
	wantDays := []int{21, 22, 21, 21, 22, 20, 21, 20, 23}
	for i := range f.Months {
		if got := len(f.MonthDays(i)); got != wantDays[i] {
			t.Errorf("%s: %d working days, want %d", f.Months[i], got, wantDays[i])
		}
	}
}

func TestAMostlyAbsentSPOCIsReplacedAndTheLoadStaysEven(t *testing.T) {
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	// Paul is away all September, his month in the paper.
	p.Absences = append(p.Absences, plan.Absence{Person: "paul", From: calendar.NewDate(2022, 9, 1), To: calendar.NewDate(2022, 9, 30)})
	f := engine.NewFrame(p)
	spocs := engine.AssignSPOC(f, nil)
	if spocs[2] == "paul" {
		t.Fatalf("Paul leads September while away all month: %v", spocs)
	}
	counts := map[string]int{}
	for _, s := range spocs {
		counts[s]++
	}
	if counts["paul"] != 2 || counts["simon"] > 3 {
		t.Fatalf("loads %v: Paul should still lead twice and nobody more than three times", counts)
	}
	if got := objective(f, spocs); got[0] != 0 || got[1] != 1 {
		t.Fatalf("objective %v: no mostly-absent month and a spread of 1 are possible", got)
	}
}

// TestPresenceSpreadsTheWeekdays: nobody should get most of the Mondays or
// Fridays. Over a directorate year with leave, no one's share of any
// weekday exceeds twice their fair share.
func TestPresenceSpreadsTheWeekdays(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		p := sample.Plan(sample.DirectorateYear, seed)
		f := engine.NewFrame(p)
		pres := engine.AssignPresence(f, nil)
		per := map[string]*[7]int{}
		var all [7]int
		for k, d := range f.Days {
			if pres[k] == "" {
				continue
			}
			if per[pres[k]] == nil {
				per[pres[k]] = &[7]int{}
			}
			per[pres[k]][d.Weekday()]++
			all[d.Weekday()]++
		}
		fair := 1 / float64(len(p.Presence.Order))
		for id, c := range per {
			for wd := time.Monday; wd <= time.Friday; wd++ {
				if share := float64(c[wd]) / float64(all[wd]); share > 2*fair {
					t.Errorf("seed %d: %s has %d of %d %ss (%.0f%%, fair %.0f%%)", seed, id, c[wd], all[wd], wd, 100*share, 100*fair)
				}
			}
		}
	}
}

// TestCatchUpDaysFollowTheAbsence: someone back from leave gets their
// missed presence days back soon after it, not months before, and the
// days they miss go to others in the rotation around it.
func TestCatchUpDaysFollowTheAbsence(t *testing.T) {
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	from, to := calendar.NewDate(2022, 10, 3), calendar.NewDate(2022, 10, 14)
	p.Absences = append(p.Absences, plan.Absence{Person: "paul", From: from, To: to})
	f := engine.NewFrame(p)
	pres := engine.AssignPresence(f, nil)
	moved := 0
	for k, who := range pres {
		d := f.Days[k]
		if plain := p.Presence.Order[k%len(p.Presence.Order)]; who != plain {
			moved++
			if d < from.AddDays(-14) || d > to.AddDays(14) {
				t.Errorf("%s: %s is present instead of %s, far from Paul's absence (%s to %s)", d, who, plain, from, to)
			}
		}
	}
	if moved == 0 {
		t.Fatal("Paul's presence days during his absence were not given to anyone")
	}
}

func TestCountWorkingDaysAgreesWithTheList(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		f := engine.NewFrame(p)
		from := p.Start.AddDays(rapid.IntRange(-400, 400).Draw(t, "from"))
		to := from.AddDays(rapid.IntRange(-5, 800).Draw(t, "len"))
		want := 0
		for _, d := range f.Days {
			if from <= d && d <= to {
				want++
			}
		}
		if got := f.CountWorkingDays(from, to); got != want {
			t.Fatalf("CountWorkingDays(%s, %s) = %d, want %d", from, to, got, want)
		}
	})
}
