// Package sample generates plans reproducibly from a seed, at the sizes the
// benchmarks and property tests need: a directorate year, a council decade,
// and small random plans. The same seed always gives the same plan.
package sample

import (
	"fmt"
	"math/rand/v2"
	"time"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// Size says how large a generated plan is.
type Size struct {
	People    int // in the SPOC and presence order
	Others    int // persons outside the rota who own duties
	Duties    int
	Years     int
	Absences  int
	Events    int
	MaxAbsent int // longest absence, in days
}

// Team is a small directorate with long absences, so that SPOC months move
// and gaps open: small enough for an exhaustive check of the optimum.
var Team = Size{People: 4, Others: 2, Duties: 30, Years: 1, Absences: 40, Events: 6, MaxAbsent: 25}

// Sizes names the sizes for people and scripts.
var Sizes = map[string]Size{"team": Team, "year": DirectorateYear, "decade": CouncilDecade}

// DirectorateYear is one directorate for a year.
var DirectorateYear = Size{People: 8, Others: 4, Duties: 150, Years: 1, Absences: 200, Events: 20, MaxAbsent: 6}

// CouncilDecade is a whole council over ten years.
var CouncilDecade = Size{People: 20, Others: 30, Duties: 3000, Years: 10, Absences: 5000, Events: 300, MaxAbsent: 6}

// Plan generates a valid plan of the given size from seed.
func Plan(size Size, seed uint64) *plan.Plan {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	start := calendar.NewDate(2024, time.April, 1)
	p := &plan.Plan{
		Name:     fmt.Sprintf("Sample plan %d", seed),
		Start:    start,
		End:      calendar.NewDate(2024+size.Years, time.March, 31),
		Holidays: "england-and-wales",
		Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		SPOC:     plan.SPOC{Buddy: plan.BuddyNext, MostlyAbsent: 0.5},
		Presence: plan.Presence{Enabled: true},
	}
	for i := 0; i < size.People+size.Others; i++ {
		p.Persons = append(p.Persons, plan.Person{
			ID: fmt.Sprintf("p%02d", i), Name: fmt.Sprintf("Person %d", i), Rota: i < size.People,
		})
	}
	all := p.PersonIDs()
	for i := 0; i < size.Duties; i++ {
		owner := all[rng.IntN(len(all))]
		d := plan.Duty{ID: fmt.Sprintf("d%04d", i), Title: fmt.Sprintf("Duty %d", i),
			Area: fmt.Sprintf("Area %d", i%7), Owner: owner, Statutory: rng.IntN(5) == 0}
		for _, j := range rng.Perm(len(all))[:rng.IntN(4)] {
			if all[j] != owner {
				d.Cover = append(d.Cover, all[j])
			}
		}
		p.Duties = append(p.Duties, d)
	}
	span := int(p.End - p.Start)
	for i := 0; i < size.Absences; i++ {
		from := p.Start.AddDays(rng.IntN(span+1) - 5)
		p.Absences = append(p.Absences, plan.Absence{
			Person: all[rng.IntN(len(all))], From: from, To: from.AddDays(rng.IntN(max(1, size.MaxAbsent))), Reason: "leave",
		})
	}
	for i := 0; i < size.Events; i++ {
		e := plan.Event{ID: fmt.Sprintf("e%03d", i), Title: fmt.Sprintf("Event %d", i), Needs: plan.NeedsSPOC}
		if size.Duties > 0 && rng.IntN(2) == 0 {
			e.Needs = p.Duties[rng.IntN(size.Duties)].ID
		}
		if rng.IntN(4) == 0 {
			w := time.Weekday(1 + rng.IntN(5))
			e.Weekly = &w
		} else {
			for k := 0; k < 1+rng.IntN(6); k++ {
				e.Dates = append(e.Dates, p.Start.AddDays(rng.IntN(span+1)))
			}
		}
		p.Events = append(p.Events, e)
	}
	if err := p.Validate(); err != nil {
		panic("sample: generated an invalid plan: " + err.Error())
	}
	return p
}
