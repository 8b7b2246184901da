package report

import (
	"fmt"

	"rota/internal/calendar"
	"rota/internal/coverage"
)

// The units rota counts gaps in, the same wherever a figure is shown (the
// planner, rota check, show, edit and diff, the JSON and every export):
//
//   - a gap is one subject (the SPOC, presence in the county, a duty or an
//     event) that nobody holds on one date: the (date, kind, id) of
//     plan-format.md section 6, so a duty uncovered for ten working days is
//     ten gaps, and one person away may make many gaps a day;
//   - gap days are the dates with at least one gap;
//   - a run is one subject's gaps on consecutive working days for the same
//     people away (Ranges): the lines a paper lists.
//
// A figure is written with its unit: "142 gaps on 10 days, in 16 runs".

// Totals counts a set of gaps in each unit.
type Totals struct {
	Gaps int `json:"gaps"`
	Days int `json:"gap_days"`
	Runs int `json:"runs"`
}

// Count counts gaps (of r) in each unit.
func Count(r *coverage.Result, gaps []coverage.Gap) Totals {
	days := map[calendar.Date]bool{}
	for _, g := range gaps {
		days[g.Date] = true
	}
	return Totals{Gaps: len(gaps), Days: len(days), Runs: len(RangesWith(r, gaps, false))}
}

// String writes the totals with their units, "142 gaps on 10 days, in 16
// runs", or "no gaps".
func (t Totals) String() string {
	if t.Gaps == 0 {
		return "no gaps"
	}
	return fmt.Sprintf("%d %s on %d %s, in %d %s", t.Gaps, plural(t.Gaps, "gap", "gaps"),
		t.Days, plural(t.Days, "day", "days"), t.Runs, plural(t.Runs, "run", "runs"))
}
