// Package diff compares two evaluated rotas of one plan, as a PA asks after a
// change or of a what-if scenario: which gaps are new, which are resolved,
// which assignments moved, who acts instead, and which of the plan's rules
// differ. The CLI's `rota diff` and `rota scenario diff` and the interactive
// planner's live scenario view all use it.
package diff

import (
	"rota/internal/calendar"
	"rota/internal/coverage"
)

// Diff is what changed from rota A to rota B.
type Diff struct {
	Rules        []string       `json:"rules"`         // plan rules that differ, one line each
	Months       []Month        `json:"months"`        // months whose SPOC or buddy differs
	Days         []Day          `json:"days"`          // working days whose presence or acting SPOC differs
	NewGaps      []coverage.Gap `json:"new_gaps"`      // gaps of B that A does not have
	ResolvedGaps []coverage.Gap `json:"resolved_gaps"` // gaps of A that B does not have
}

// Change is one value before and after; "" is nobody (or the month or day
// does not exist on that side).
type Change struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Month is one month's assignment change; a nil field did not change.
type Month struct {
	Month calendar.Month `json:"month"`
	SPOC  *Change        `json:"spoc,omitempty"`
	Buddy *Change        `json:"buddy,omitempty"`
}

// Day is one working day's change; a nil field did not change.
type Day struct {
	Date       calendar.Date `json:"date"`
	Presence   *Change       `json:"presence,omitempty"`
	ActingSPOC *Change       `json:"acting_spoc,omitempty"`
}

// Empty reports whether A and B are the same rota under the same rules.
func (d Diff) Empty() bool {
	return len(d.Rules) == 0 && len(d.Months) == 0 && len(d.Days) == 0 && len(d.NewGaps) == 0 && len(d.ResolvedGaps) == 0
}

// Assignments reports whether any SPOC, buddy or presence assignment moved
// (acting changes alone follow from absences and do not count).
func (d Diff) Assignments() bool {
	if len(d.Months) > 0 {
		return true
	}
	for _, x := range d.Days {
		if x.Presence != nil {
			return true
		}
	}
	return false
}

// Compare compares rota a with rota b. They may differ in period and
// calendar: a month or day on one side only shows as a change from or to "".
func Compare(a, b *coverage.Result) Diff {
	d := Diff{Rules: Rules(a.Frame.Plan, b.Frame.Plan)}
	d.months(a, b)
	d.days(a, b)
	d.NewGaps, d.ResolvedGaps = gapSets(a.Gaps, b.Gaps)
	return d
}

func change(from, to string) *Change {
	if from == to {
		return nil
	}
	return &Change{From: from, To: to}
}

func (d *Diff) months(a, b *coverage.Result) {
	type sb struct{ spoc, buddy string }
	at := func(r *coverage.Result) map[calendar.Month]sb {
		out := map[calendar.Month]sb{}
		for i, m := range r.Frame.Months {
			out[m] = sb{r.Assign.SPOC[i], r.Assign.Buddy[i]}
		}
		return out
	}
	am, bm := at(a), at(b)
	first, last := min(a.Frame.Plan.Start.Month(), b.Frame.Plan.Start.Month()), max(a.Frame.Plan.End.Month(), b.Frame.Plan.End.Month())
	for m := first; m <= last; m++ {
		x, y := am[m], bm[m]
		if c := (Month{Month: m, SPOC: change(x.spoc, y.spoc), Buddy: change(x.buddy, y.buddy)}); c.SPOC != nil || c.Buddy != nil {
			d.Months = append(d.Months, c)
		}
	}
}

func (d *Diff) days(a, b *coverage.Result) {
	type pa struct{ presence, acting string }
	at := func(r *coverage.Result) map[calendar.Date]pa {
		out := make(map[calendar.Date]pa, len(r.Frame.Days))
		for k, day := range r.Frame.Days {
			out[day] = pa{r.Assign.Presence[k], r.Acting[k]}
		}
		return out
	}
	ad, bd := at(a), at(b)
	dates := make([]calendar.Date, 0, len(a.Frame.Days)+len(b.Frame.Days))
	i, j := 0, 0
	for i < len(a.Frame.Days) || j < len(b.Frame.Days) {
		switch {
		case j == len(b.Frame.Days) || (i < len(a.Frame.Days) && a.Frame.Days[i] < b.Frame.Days[j]):
			dates = append(dates, a.Frame.Days[i])
			i++
		case i == len(a.Frame.Days) || b.Frame.Days[j] < a.Frame.Days[i]:
			dates = append(dates, b.Frame.Days[j])
			j++
		default:
			dates = append(dates, a.Frame.Days[i])
			i++
			j++
		}
	}
	for _, day := range dates {
		x, y := ad[day], bd[day]
		if c := (Day{Date: day, Presence: change(x.presence, y.presence), ActingSPOC: change(x.acting, y.acting)}); c.Presence != nil || c.ActingSPOC != nil {
			d.Days = append(d.Days, c)
		}
	}
}

// gapSets returns the gaps only in b (new) and only in a (resolved), each in
// the spec's order.
func gapSets(a, b []coverage.Gap) (added, removed []coverage.Gap) {
	in := func(list []coverage.Gap) map[coverage.Gap]bool {
		m := make(map[coverage.Gap]bool, len(list))
		for _, g := range list {
			m[g] = true
		}
		return m
	}
	ina, inb := in(a), in(b)
	for _, g := range b {
		if !ina[g] {
			added = append(added, g)
		}
	}
	for _, g := range a {
		if !inb[g] {
			removed = append(removed, g)
		}
	}
	return added, removed
}
