package ui

import (
	"rota/internal/calendar"
	"rota/internal/coverage"
)

// Diff is what a what-if changes against its base: the views colour new
// gaps, resolved gaps and changed assignments from it.
type Diff struct {
	New, Resolved []coverage.Gap // gaps only in the what-if; gaps only in the base
	NewDays       int            // dates with a gap in the what-if and none in the base
	ResolvedDays  int            // dates with a gap in the base and none in the what-if
	Months        int            // months whose SPOC or buddy changed
	Days          int            // working days whose presence or acting SPOC changed

	newGap, resolved map[coverage.Gap]bool
	month            map[calendar.Month]bool
	day              map[calendar.Date]bool
	base             *coverage.Result
}

// Compare returns what cur changes against base. Both must be of one plan
// period, which a what-if always is.
func Compare(base, cur *coverage.Result) *Diff {
	d := &Diff{
		newGap: map[coverage.Gap]bool{}, resolved: map[coverage.Gap]bool{},
		month: map[calendar.Month]bool{}, day: map[calendar.Date]bool{}, base: base,
	}
	was := make(map[coverage.Gap]bool, len(base.Gaps))
	for _, g := range base.Gaps {
		was[g] = true
	}
	is := make(map[coverage.Gap]bool, len(cur.Gaps))
	for _, g := range cur.Gaps {
		is[g] = true
		if !was[g] {
			d.New = append(d.New, g)
			d.newGap[g] = true
		}
	}
	for _, g := range base.Gaps {
		if !is[g] {
			d.Resolved = append(d.Resolved, g)
			d.resolved[g] = true
		}
	}
	seen := map[calendar.Date]bool{}
	for _, g := range d.New {
		if !seen[g.Date] && len(base.GapsOn(g.Date)) == 0 {
			d.NewDays++
		}
		seen[g.Date] = true
	}
	clear(seen)
	for _, g := range d.Resolved {
		if !seen[g.Date] && len(cur.GapsOn(g.Date)) == 0 {
			d.ResolvedDays++
		}
		seen[g.Date] = true
	}
	f, bf := cur.Frame, base.Frame
	for i, m := range f.Months {
		j, ok := bf.MonthIndex(m)
		if !ok || base.Assign.SPOC[j] != cur.Assign.SPOC[i] || base.Assign.Buddy[j] != cur.Assign.Buddy[i] {
			d.month[m] = true
			d.Months++
		}
	}
	for k, day := range f.Days {
		j, ok := bf.DayIndex(day)
		if !ok || base.Assign.Presence[j] != cur.Assign.Presence[k] || base.Acting[j] != cur.Acting[k] {
			d.day[day] = true
			d.Days++
		}
	}
	return d
}

// IsNew reports whether g appears only in the what-if.
func (d *Diff) IsNew(g coverage.Gap) bool { return d != nil && d.newGap[g] }

// IsResolved reports whether g appears only in the base.
func (d *Diff) IsResolved(g coverage.Gap) bool { return d != nil && d.resolved[g] }

// MonthChanged reports whether m's SPOC or buddy differs from the base.
func (d *Diff) MonthChanged(m calendar.Month) bool { return d != nil && d.month[m] }

// DayChanged reports whether the presence or acting SPOC of day differs.
func (d *Diff) DayChanged(day calendar.Date) bool { return d != nil && d.day[day] }

// Base returns the result the what-if is compared with.
func (d *Diff) Base() *coverage.Result { return d.base }

// Empty reports whether the what-if changes nothing that shows.
func (d *Diff) Empty() bool {
	return d == nil || (len(d.New) == 0 && len(d.Resolved) == 0 && d.Months == 0 && d.Days == 0)
}
