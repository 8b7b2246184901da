package coverage

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"rota/internal/calendar"
)

// warnings gathers the advice a PA wants before the plan goes out: single
// points of failure first, then loads and months that lean on one person.
func warnings(r *Result) []Warning {
	f := r.Frame
	p := f.Plan
	var out []Warning
	for _, du := range p.Duties {
		if len(du.Cover) == 0 {
			w := Warning{Kind: "no-cover", ID: du.ID, Severity: Warn,
				Message: fmt.Sprintf("%s has no cover: when %s is away nobody holds it (a single point of failure)", du.Title, p.PersonName(du.Owner))}
			if du.Statutory {
				w.Severity = Critical
				w.Message = fmt.Sprintf("statutory delegation %s has no cover: when %s is away nobody can act on it", du.Title, p.PersonName(du.Owner))
			}
			out = append(out, w)
		}
		if n := r.DutyGapCount(du.ID); n > 0 && du.Statutory {
			out = append(out, Warning{Kind: "statutory-gap", ID: du.ID, Severity: Critical,
				Message: fmt.Sprintf("statutory delegation %s is uncovered on %d working %s", du.Title, n, plural(n, "day", "days"))})
		}
		if n := r.UnconfirmedCount(du.ID); n > 0 {
			out = append(out, Warning{Kind: "unconfirmed-cover", ID: du.ID, Severity: Critical,
				Message: fmt.Sprintf("%s falls to cover nobody has accepted on %d working %s (rota cover accept)", du.Title, n, plural(n, "day", "days"))})
		}
	}
	out = append(out, overload(r)...)
	for i, m := range f.Months {
		if s := r.Assign.SPOC[i]; s != "" && f.MostlyAbsent(s, i) {
			out = append(out, Warning{Kind: "spoc-mostly-absent", ID: m.String(), Severity: Warn,
				Message: fmt.Sprintf("%s: the SPOC %s is away for most of the month", m.Label(), p.PersonName(s))})
		}
		if b := r.Assign.Buddy[i]; b != "" && f.MostlyAbsent(b, i) {
			out = append(out, Warning{Kind: "buddy-mostly-absent", ID: m.String(), Severity: Warn,
				Message: fmt.Sprintf("%s: the buddy %s is away for most of the month", m.Label(), p.PersonName(b))})
		}
	}
	out = append(out, weekdaySkew(r)...)
	for _, e := range p.Events {
		if e.Weekly != nil && len(e.Dates) == 0 && !slices.Contains(p.Workdays, *e.Weekly) {
			out = append(out, Warning{Kind: "event-no-dates", ID: e.ID, Severity: Warn,
				Message: fmt.Sprintf("%s is weekly on %s, which is not a working day of this plan, so it never happens", e.Title, calendar.WeekdayName(*e.Weekly))})
		}
	}
	return out
}

// overload flags people who own far more duties than the others: losing
// them for a week leaves the most uncovered.
func overload(r *Result) []Warning {
	p := r.Frame.Plan
	owned := map[string]int{}
	for _, du := range p.Duties {
		owned[du.Owner]++
	}
	if len(owned) < 2 {
		return nil
	}
	total := 0
	for _, n := range owned {
		total += n
	}
	mean := float64(total) / float64(len(owned))
	ids := make([]string, 0, len(owned))
	for id := range owned {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []Warning
	for _, id := range ids {
		if n := owned[id]; float64(n) > 2*mean && float64(n) >= mean+3 {
			out = append(out, Warning{Kind: "overload", ID: id, Severity: Advice,
				Message: fmt.Sprintf("%s holds %d duties, more than twice the average of %.1f", p.PersonName(id), n, mean)})
		}
	}
	return out
}

// weekdaySkew flags a person who is present on most of one weekday, such as
// every Friday, which a rota is meant to avoid.
func weekdaySkew(r *Result) []Warning {
	f := r.Frame
	if !f.Plan.Presence.Enabled || len(f.Plan.Presence.Order) < 2 {
		return nil
	}
	per := map[string]*[7]int{}
	var all [7]int
	for k, d := range f.Days {
		who := r.Assign.Presence[k]
		if who == "" {
			continue
		}
		if per[who] == nil {
			per[who] = &[7]int{}
		}
		per[who][d.Weekday()]++
		all[d.Weekday()]++
	}
	var out []Warning
	for _, id := range f.Plan.Presence.Order {
		c := per[id]
		if c == nil {
			continue
		}
		for wd := time.Sunday; wd <= time.Saturday; wd++ {
			if all[wd] >= 8 && 2*c[wd] > all[wd] {
				out = append(out, Warning{Kind: "weekday-skew", ID: id, Severity: Advice,
					Message: fmt.Sprintf("%s is present on %d of the %d %ss: consider a presence order whose length does not divide the working week", f.Plan.PersonName(id), c[wd], all[wd], wd)})
			}
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
