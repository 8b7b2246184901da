package ui

import (
	"fmt"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/diff"
)

// Diff is what a what-if changes against its base, as package diff finds
// it (the same comparison `rota scenario diff` prints), with the lookups the
// views make for every cell they draw.
type Diff struct {
	diff.Diff
	New, Resolved []coverage.Gap // gaps only in the what-if; gaps only in the base
	Months        int            // months whose SPOC or buddy changed
	Days          int            // working days whose presence or acting SPOC changed

	newGap, resolved map[coverage.Gap]bool
	month            map[calendar.Month]bool
	day              map[calendar.Date]bool
	base             *coverage.Result
}

// Compare returns what cur changes against base.
func Compare(base, cur *coverage.Result) *Diff {
	dd := diff.Compare(base, cur)
	d := &Diff{
		Diff: dd, New: dd.NewGaps, Resolved: dd.ResolvedGaps, Months: len(dd.Months), Days: len(dd.Days),
		newGap:   make(map[coverage.Gap]bool, len(dd.NewGaps)),
		resolved: make(map[coverage.Gap]bool, len(dd.ResolvedGaps)),
		month:    make(map[calendar.Month]bool, len(dd.Months)),
		day:      make(map[calendar.Date]bool, len(dd.Days)),
		base:     base,
	}
	for _, g := range dd.NewGaps {
		d.newGap[g] = true
	}
	for _, g := range dd.ResolvedGaps {
		d.resolved[g] = true
	}
	for _, m := range dd.Months {
		d.month[m.Month] = true
	}
	for _, x := range dd.Days {
		d.day[x.Date] = true
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

// Empty reports whether the what-if changes nothing.
func (d *Diff) Empty() bool { return d == nil || d.Diff.Empty() }

// diffSummary counts what a comparison found, for one line of text:
// "2 new gaps, 1 resolved, 1 month and 3 days changed".
func diffSummary(d *Diff) string {
	return fmt.Sprintf("%d new %s, %d resolved, %d %s and %d %s changed",
		len(d.New), plural(len(d.New), "gap", "gaps"), len(d.Resolved),
		d.Months, plural(d.Months, "month", "months"), d.Days, plural(d.Days, "day", "days"))
}

// fromTo writes a count a what-if changes as "5→10": the plan's figure, then
// the what-if's. A sign or a plus sign ("5+5", "10 (+5)") reads as a sum.
func fromTo(was, now int, arrow string) string {
	return fmt.Sprintf("%d%s%d", was, arrow, now)
}
