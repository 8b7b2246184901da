// Package plantest generates valid plans at random for property tests, so
// every package that stores, encodes or edits plans is tried on more than the
// few plans a person writes by hand.
package plantest

import (
	"fmt"
	"strings"
	"time"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// text draws free text as people type it into a plan: mostly plain words,
// sometimes quotes, backslashes, tabs, newlines and non-ASCII letters, which
// an encoder must escape.
func text(t *rapid.T, label string) string {
	return rapid.OneOf(
		rapid.SampledFrom([]string{"Simon Higgins", "Jo Atkinson", "SIRO", "Chief Executive", "annual leave"}),
		rapid.StringOf(rapid.SampledFrom([]rune("abc XYZ\"'\\\té–ü💡#=[]{}"))).Filter(func(s string) bool { return strings.TrimSpace(s) != "" }),
	).Draw(t, label)
}

// Plan draws a valid plan: two to six persons (at least two in the rota),
// duties with covers, absences, events, closures and any working week.
func Plan(t *rapid.T) *plan.Plan {
	start := calendar.NewDate(2022, time.January, 1).AddDays(rapid.IntRange(0, 800).Draw(t, "start"))
	end := start.AddDays(rapid.IntRange(0, 500).Draw(t, "length"))
	p := &plan.Plan{
		Name:     text(t, "name"),
		Start:    start,
		End:      end,
		Holidays: rapid.SampledFrom(calendar.Regions()).Draw(t, "holidays"),
	}
	if rapid.Bool().Draw(t, "org") {
		p.Organisation = text(t, "organisation")
	}
	if rapid.Bool().Draw(t, "dir") {
		p.Directorate = text(t, "directorate")
	}
	for i, n := 0, rapid.IntRange(0, 3).Draw(t, "closures"); i < n; i++ {
		p.Closures = append(p.Closures, start.AddDays(rapid.IntRange(0, int(end-start)).Draw(t, "closure")))
	}
	week := rapid.SliceOfNDistinct(rapid.IntRange(0, 6), 1, 7, rapid.ID[int]).Draw(t, "workdays")
	for _, w := range week {
		p.Workdays = append(p.Workdays, time.Weekday(w))
	}

	ids := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"jo", "paul", "simon", "tracy", "pam", "ann-1", "x9"}), 2, 6, rapid.ID[string]).Draw(t, "persons")
	var rota []string
	for i, id := range ids {
		inRota := i < 2 || rapid.Bool().Draw(t, "rota")
		p.Persons = append(p.Persons, plan.Person{ID: id, Name: text(t, "pname"), Rota: inRota})
		if rapid.Bool().Draw(t, "title") {
			p.Persons[i].Title = text(t, "title")
		}
		if inRota {
			rota = append(rota, id)
		}
	}

	p.SPOC = plan.SPOC{Buddy: rapid.SampledFrom([]string{plan.BuddyNext, plan.BuddyPrevious}).Draw(t, "buddy"),
		MostlyAbsent: rapid.SampledFrom([]float64{0.5, 1, 0.25, 0.1, 0.333, 1e-5}).Draw(t, "mostly")}
	if rapid.Bool().Draw(t, "spoc-order") {
		p.SPOC.Order = rapid.Permutation(rota).Draw(t, "order")[:rapid.IntRange(2, len(rota)).Draw(t, "order-n")]
		p.SPOC.OrderSet = true
	}
	if rapid.Bool().Draw(t, "spoc-duties") {
		p.SPOC.Duties = rapid.SliceOfN(rapid.SampledFrom([]string{"DMT Chair", "Cabinet", "Full \"Council\""}), 0, 3).Draw(t, "spoc-duties")
	}
	p.Presence.Enabled = rapid.IntRange(0, 4).Draw(t, "presence") > 0
	if rapid.Bool().Draw(t, "presence-order") {
		p.Presence.Order = rapid.Permutation(rota).Draw(t, "porder")[:rapid.IntRange(1, len(rota)).Draw(t, "porder-n")]
		p.Presence.OrderSet = true
	}

	for i, n := 0, rapid.IntRange(0, 4).Draw(t, "duties"); i < n; i++ {
		chain := rapid.Permutation(ids).Draw(t, "chain")[:rapid.IntRange(1, len(ids)).Draw(t, "chain-n")]
		d := plan.Duty{ID: fmt.Sprintf("duty-%d", i), Title: text(t, "dtitle"), Owner: chain[0],
			Statutory: rapid.Bool().Draw(t, "statutory")}
		if len(chain) > 1 {
			d.Cover = chain[1:]
		}
		if rapid.Bool().Draw(t, "area") {
			d.Area = text(t, "area")
		}
		p.Duties = append(p.Duties, d)
	}
	for i, n := 0, rapid.IntRange(0, 5).Draw(t, "absences"); i < n; i++ {
		from := start.AddDays(rapid.IntRange(-10, int(end-start)+10).Draw(t, "from"))
		a := plan.Absence{Person: rapid.SampledFrom(ids).Draw(t, "who"), From: from, To: from.AddDays(rapid.IntRange(0, 40).Draw(t, "days"))}
		if rapid.Bool().Draw(t, "reason") {
			a.Reason = text(t, "reason")
		}
		p.Absences = append(p.Absences, a)
	}
	for i, n := 0, rapid.IntRange(0, 3).Draw(t, "events"); i < n; i++ {
		e := plan.Event{ID: fmt.Sprintf("event-%d", i), Title: text(t, "etitle"), Needs: plan.NeedsSPOC}
		if len(p.Duties) > 0 && rapid.Bool().Draw(t, "needs-duty") {
			e.Needs = rapid.SampledFrom(p.Duties).Draw(t, "needs").ID
		}
		for j, m := 0, rapid.IntRange(0, 3).Draw(t, "dates"); j < m; j++ {
			e.Dates = append(e.Dates, start.AddDays(rapid.IntRange(0, int(end-start)).Draw(t, "date")))
		}
		if len(e.Dates) == 0 || rapid.Bool().Draw(t, "weekly") {
			w := time.Weekday(rapid.IntRange(0, 6).Draw(t, "weekday"))
			e.Weekly = &w
		}
		p.Events = append(p.Events, e)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("the generator drew an invalid plan: %v", err)
	}
	return p
}
