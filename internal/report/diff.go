package report

import (
	"fmt"
	"io"
	"slices"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/diff"
)

// WriteDiff writes d, the difference from rota a to rota b, for people:
// the rules that differ, the assignments that moved (runs of days with the
// same move grouped), who acts instead, and the gaps new and resolved with
// their reasons.
func WriteDiff(w io.Writer, a, b *coverage.Result, d diff.Diff) {
	if d.Empty() {
		fmt.Fprintln(w, "No differences.")
		return
	}
	if len(d.Rules) > 0 {
		fmt.Fprintf(w, "Rules (%d):\n", len(d.Rules))
		for _, r := range d.Rules {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	if d.Assignments() {
		fmt.Fprintln(w, "Assignments:")
		for _, m := range d.Months {
			line := "  " + m.Month.String()
			_, inA := a.Frame.MonthIndex(m.Month)
			_, inB := b.Frame.MonthIndex(m.Month)
			switch {
			case !inA:
				fmt.Fprintf(w, "%s (new): SPOC %s, buddy %s\n", line, orNobody(m.SPOC.To), orNobody(m.Buddy.To))
				continue
			case !inB:
				fmt.Fprintf(w, "%s (no longer in the plan)\n", line)
				continue
			}
			sep := " "
			if m.SPOC != nil {
				line += fmt.Sprintf("%sSPOC %s", sep, move(*m.SPOC))
				sep = ", "
			}
			if m.Buddy != nil {
				line += fmt.Sprintf("%sbuddy %s", sep, move(*m.Buddy))
			}
			fmt.Fprintln(w, line)
		}
		for _, r := range dayRuns(a, b, d.Days, func(x diff.Day) *diff.Change { return x.Presence }) {
			switch r.change {
			case added:
				fmt.Fprintf(w, "  presence %s: new working days, assigned by the rota's rules\n", DateRange(r.from, r.to))
			case removed:
				fmt.Fprintf(w, "  presence %s: no longer working days of the plan\n", DateRange(r.from, r.to))
			default:
				fmt.Fprintf(w, "  presence %s: %s\n", DateRange(r.from, r.to), move(r.change))
			}
		}
	}
	acting := dayRuns(a, b, d.Days, func(x diff.Day) *diff.Change { return x.ActingSPOC })
	acting = slices.DeleteFunc(acting, func(r dayRun) bool { return r.change == added || r.change == removed })
	if len(acting) > 0 {
		fmt.Fprintln(w, "Acting SPOC:")
		for _, r := range acting {
			fmt.Fprintf(w, "  %s: %s\n", DateRange(r.from, r.to), move(r.change))
		}
	}
	writeGaps(w, "New gaps", b, d.NewGaps)
	writeGaps(w, "Resolved gaps", a, d.ResolvedGaps)
}

func writeGaps(w io.Writer, title string, r *coverage.Result, gaps []coverage.Gap) {
	if len(gaps) == 0 {
		return
	}
	ranges := Ranges(r, gaps)
	fmt.Fprintf(w, "%s: %s:\n", title, Count(r, gaps))
	for _, g := range ranges {
		fmt.Fprintf(w, "  %s\n", g)
	}
}

func move(c diff.Change) string { return orNobody(c.From) + " → " + orNobody(c.To) }

func orNobody(s string) string {
	if s == "" {
		return "nobody"
	}
	return s
}

// added and removed stand for the moves of days that only one rota has.
var (
	added   = diff.Change{From: "\x00", To: "new"}
	removed = diff.Change{From: "gone", To: "\x00"}
)

type dayRun struct {
	from, to calendar.Date
	change   diff.Change
}

// dayRuns groups the days whose field made the same move on consecutive
// working days (of either rota) into runs.
func dayRuns(a, b *coverage.Result, days []diff.Day, field func(diff.Day) *diff.Change) []dayRun {
	next := func(day calendar.Date) calendar.Date { // the following working day of either rota
		best := calendar.Date(0)
		for _, f := range []*coverage.Result{a, b} {
			if k, ok := f.Frame.DayIndex(day); ok && k+1 < len(f.Frame.Days) {
				if n := f.Frame.Days[k+1]; best == 0 || n < best {
					best = n
				}
			}
		}
		return best
	}
	var out []dayRun
	for _, x := range days {
		c := field(x)
		if c == nil {
			continue
		}
		ch := *c
		_, inA := a.Frame.DayIndex(x.Date)
		_, inB := b.Frame.DayIndex(x.Date)
		switch {
		case !inA:
			ch = added
		case !inB:
			ch = removed
		}
		if n := len(out); n > 0 && out[n-1].change == ch && next(out[n-1].to) == x.Date {
			out[n-1].to = x.Date
			continue
		}
		out = append(out, dayRun{from: x.Date, to: x.Date, change: ch})
	}
	return out
}
