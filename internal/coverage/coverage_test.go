package coverage_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
)

func randomPlan(t *rapid.T) *plan.Plan {
	start := calendar.NewDate(2022, time.Month(rapid.IntRange(1, 12).Draw(t, "month")), rapid.IntRange(1, 28).Draw(t, "day"))
	p := &plan.Plan{
		Name: "random", Start: start, End: start.AddDays(rapid.IntRange(0, 120).Draw(t, "len")),
		Holidays: "england-and-wales",
		Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		SPOC:     plan.SPOC{Buddy: plan.BuddyNext, MostlyAbsent: 0.5},
		Presence: plan.Presence{Enabled: rapid.Bool().Draw(t, "presence")},
	}
	n := rapid.IntRange(2, 5).Draw(t, "people")
	for i := 0; i < n; i++ {
		p.Persons = append(p.Persons, plan.Person{ID: fmt.Sprintf("p%d", i), Name: fmt.Sprintf("P %d", i), Rota: i < 3 || rapid.Bool().Draw(t, "rota")})
	}
	ids := p.PersonIDs()
	for i := rapid.IntRange(0, 6).Draw(t, "duties"); i > 0; i-- {
		chain := rapid.Permutation(ids).Draw(t, "chain")[:rapid.IntRange(1, min(3, n)).Draw(t, "chainLen")]
		p.Duties = append(p.Duties, plan.Duty{ID: fmt.Sprintf("d%d", i), Title: "D", Owner: chain[0], Cover: chain[1:], Statutory: rapid.Bool().Draw(t, "statutory")})
	}
	span := int(p.End - p.Start)
	for i := rapid.IntRange(0, 3).Draw(t, "events"); i > 0; i-- {
		e := plan.Event{ID: fmt.Sprintf("e%d", i), Title: "E", Needs: plan.NeedsSPOC}
		if len(p.Duties) > 0 && rapid.Bool().Draw(t, "needsDuty") {
			e.Needs = rapid.SampledFrom(p.Duties).Draw(t, "duty").ID
		}
		for j := rapid.IntRange(0, 3).Draw(t, "dates"); j > 0; j-- {
			e.Dates = append(e.Dates, p.Start.AddDays(rapid.IntRange(0, span).Draw(t, "date")))
		}
		if len(e.Dates) == 0 || rapid.Bool().Draw(t, "weekly") {
			w := time.Weekday(rapid.IntRange(0, 6).Draw(t, "weekday"))
			e.Weekly = &w
		}
		p.Events = append(p.Events, e)
	}
	for i := rapid.IntRange(0, 10).Draw(t, "absences"); i > 0; i-- {
		from := p.Start.AddDays(rapid.IntRange(-5, span).Draw(t, "from"))
		p.Absences = append(p.Absences, plan.Absence{Person: rapid.SampledFrom(ids).Draw(t, "who"), From: from, To: from.AddDays(rapid.IntRange(0, 20).Draw(t, "alen"))})
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("generated an invalid plan: %v", err)
	}
	return p
}

// absent restates "absent on d" from the plan's absences alone.
func absent(p *plan.Plan, id string, d calendar.Date) bool {
	for _, a := range p.Absences {
		if a.Person == id && a.From <= d && d <= a.To {
			return true
		}
	}
	return false
}

func first(p *plan.Plan, chain []string, d calendar.Date) string {
	for _, id := range chain {
		if !absent(p, id, d) {
			return id
		}
	}
	return ""
}

// TestGapsMatchADayByDayReading recomputes every gap the slow, obvious way
// from sections 3 to 6 of the spec and compares.
func TestGapsMatchADayByDayReading(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := randomPlan(t)
		r := coverage.Compute(p)
		f := r.Frame
		var want []coverage.Gap
		spocOn := func(d calendar.Date) string {
			i, _ := f.MonthIndex(d.Month())
			return first(p, []string{r.Assign.SPOC[i], r.Assign.Buddy[i]}, d)
		}
		for d := p.Start; d <= p.End; d++ {
			working := slices.Contains(f.Days, d)
			if working && spocOn(d) == "" {
				want = append(want, coverage.Gap{Date: d, Kind: "spoc"})
			}
			if working && p.Presence.Enabled && first(p, p.Presence.Order, d) == "" {
				want = append(want, coverage.Gap{Date: d, Kind: "presence"})
			}
			var duties, events []string
			for _, du := range p.Duties {
				if working && first(p, du.Chain(), d) == "" {
					duties = append(duties, du.ID)
				}
			}
			for _, e := range p.Events {
				on := slices.Contains(e.Dates, d) || (e.Weekly != nil && working && d.Weekday() == *e.Weekly)
				if !on {
					continue
				}
				who := spocOn(d)
				if e.Needs != plan.NeedsSPOC {
					du, _ := p.Duty(e.Needs)
					who = first(p, du.Chain(), d)
				}
				if who == "" {
					events = append(events, e.ID)
				}
			}
			slices.Sort(duties)
			slices.Sort(events)
			for _, id := range duties {
				want = append(want, coverage.Gap{Date: d, Kind: "duty", ID: id})
			}
			for _, id := range events {
				want = append(want, coverage.Gap{Date: d, Kind: "event", ID: id})
			}
		}
		if !slices.Equal(r.Gaps, want) {
			t.Fatalf("gaps\n got %v\nwant %v", r.Gaps, want)
		}
		for k, d := range f.Days {
			if got := r.Acting[k]; got != spocOn(d) {
				t.Fatalf("%s: acting SPOC %q, want %q", d, got, spocOn(d))
			}
			if n := len(r.GapsOn(d)); n != countOn(want, d) {
				t.Fatalf("%s: GapsOn gives %d gaps, want %d", d, n, countOn(want, d))
			}
		}
		for _, du := range p.Duties {
			if len(r.DutyGaps(du.ID)) != r.DutyGapCount(du.ID) {
				t.Fatalf("duty %s: DutyGaps and DutyGapCount disagree", du.ID)
			}
			if len(du.Cover) == 0 && !hasWarning(r, "no-cover", du.ID) {
				t.Fatalf("duty %s has no cover but no no-cover warning", du.ID)
			}
		}
	})
}

func countOn(gaps []coverage.Gap, d calendar.Date) int {
	n := 0
	for _, g := range gaps {
		if g.Date == d {
			n++
		}
	}
	return n
}

func hasWarning(r *coverage.Result, kind, id string) bool {
	for _, w := range r.Warnings {
		if w.Kind == kind && w.ID == id {
			return true
		}
	}
	return false
}

func cumbria(t *testing.T) *plan.Plan {
	t.Helper()
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCumbriaHasNoGapsButWarnsOfEverySinglePointOfFailure(t *testing.T) {
	p := cumbria(t)
	r := coverage.Compute(p)
	if len(r.Gaps) != 0 {
		t.Fatalf("%d gaps with nobody away", len(r.Gaps))
	}
	for _, du := range p.Duties {
		if !hasWarning(r, "no-cover", du.ID) {
			t.Errorf("no no-cover warning for %s", du.ID)
		}
	}
	for _, w := range r.Warnings {
		if w.Kind == "no-cover" && strings.Contains(w.Message, "statutory") != (w.Severity == coverage.Critical) {
			t.Errorf("statutory duties, and only they, are critical: %+v", w)
		}
	}
}

func TestAbsenceOfOwnerAndSPOCMakesGapsWithReasons(t *testing.T) {
	p := cumbria(t)
	// Paul and the October SPOC's buddy Simon are both away on 10-11 Oct;
	// Tracy, October's SPOC, is away on 11 Oct only.
	p.Absences = append(p.Absences,
		plan.Absence{Person: "paul", From: calendar.NewDate(2022, 10, 10), To: calendar.NewDate(2022, 10, 11), Reason: "sick"},
		plan.Absence{Person: "simon", From: calendar.NewDate(2022, 10, 10), To: calendar.NewDate(2022, 10, 11)},
		plan.Absence{Person: "tracy", From: calendar.NewDate(2022, 10, 11), To: calendar.NewDate(2022, 10, 11)},
	)
	r := coverage.Compute(p)
	oct11 := calendar.NewDate(2022, 10, 11)
	if got := r.ActingSPOC(oct11); got != "" {
		t.Fatalf("11 Oct: %q acts as SPOC though Tracy and Simon are away", got)
	}
	if got := r.ActingSPOC(oct11 - 1); got != "tracy" {
		t.Fatalf("10 Oct: %q acts as SPOC, want tracy", got)
	}
	if got := r.Holder("siro", oct11); got != "" {
		t.Fatalf("SIRO held by %q while Paul is away", got)
	}
	if got := r.Why(coverage.Gap{Date: oct11, Kind: "duty", ID: "siro"}); got != "paul away (sick)" {
		t.Fatalf("why: %q", got)
	}
	if got := r.Why(coverage.Gap{Date: oct11, Kind: "spoc"}); got != "tracy away, simon away" {
		t.Fatalf("why: %q", got)
	}
	var kinds []string
	for _, g := range r.GapsOn(oct11) {
		kinds = append(kinds, g.Kind+":"+g.ID)
	}
	if kinds[0] != "spoc:" || !slices.Contains(kinds, "duty:siro") || !slices.Contains(kinds, "duty:hro1s") {
		t.Fatalf("11 Oct gaps %v", kinds)
	}
	if !hasWarning(r, "statutory-gap", "siro-delegation") {
		t.Fatal("no statutory-gap warning for the SIRO delegation")
	}
}

func TestSavedPresenceOfAnAbsentPersonIsAGap(t *testing.T) {
	p := cumbria(t)
	f := engine.NewFrame(p)
	a := engine.Assign(f, engine.Fixed{})
	// Record leave after the rota was saved: the saved day keeps its person.
	day := f.Days[3]
	who := a.Presence[3]
	p.Absences = append(p.Absences, plan.Absence{Person: who, From: day, To: day})
	r := coverage.Evaluate(engine.NewFrame(p), a)
	if r.Presence(day) != who {
		t.Fatalf("the saved presence moved from %s to %s", who, r.Presence(day))
	}
	gaps := r.GapsOn(day)
	if len(gaps) == 0 || gaps[0].Kind != "presence" {
		t.Fatalf("%s: gaps %v, want a presence gap", day, gaps)
	}
}

func TestWeeklyEventOnAClosedWeekdayIsWarned(t *testing.T) {
	p := cumbria(t)
	sat := time.Saturday
	p.Events = append(p.Events, plan.Event{ID: "away-day", Title: "Away day", Needs: "spoc", Weekly: &sat})
	r := coverage.Compute(p)
	if !hasWarning(r, "event-no-dates", "away-day") {
		t.Fatal("a weekly event on Saturdays never happens and should be warned of")
	}
}

func TestPresenceOrderOfFiveIsWarnedOfWeekdaySkew(t *testing.T) {
	p := cumbria(t)
	p.Persons[4].Rota = true // Pam joins the presence rota: five people, five weekdays
	p.Presence.Order = []string{"simon", "jo", "paul", "tracy", "pam"}
	r := coverage.Compute(p)
	if !hasWarning(r, "weekday-skew", "simon") {
		t.Fatalf("with five people over five weekdays everyone has the same weekday; warnings: %v", r.Warnings)
	}
	if hasWarning(coverage.Compute(cumbria(t)), "weekday-skew", "simon") {
		t.Fatal("four people rotate through the weekdays and should not be warned")
	}
}
