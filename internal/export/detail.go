package export

import (
	"fmt"

	"rota/internal/calendar"
	"rota/internal/plan"
	"rota/internal/report"
)

// A plan longer than a year makes a page and a paper nobody can use whole:
// a council's decade is a 91 MB page. So the HTML page and the papers
// (Markdown, Word) of such a plan show, unless --from or --to says
// otherwise, a summary of every year of the plan and the detail of one year:
// the one the export is dated in (Options.Stamp), else the first. The page
// says so. The calendar, the CSV and the workbook are data, and stay whole.

// Summarised reports whether a format shows a long plan as a summary and
// one year's detail.
func (f Format) Summarised() bool { return f == HTML || f == Markdown || f == DOCX }

// planYear is a year of a plan, counted from its first month: a plan from
// April runs in financial years.
type planYear struct{ From, To calendar.Month }

func (y planYear) label() string { return y.From.Label() + " to " + y.To.Label() }

// planYears cuts a plan's months into years from its first month.
func planYears(p *plan.Plan) []planYear {
	first, last := p.Start.Month(), p.End.Month()
	var out []planYear
	for m := first; m <= last; m += 12 {
		out = append(out, planYear{m, min(m+11, last)})
	}
	return out
}

// withDetail narrows opt to the detail year when the plan is longer than a
// year and opt names no months; it reports whether it did.
func (opt Options) withDetail(p *plan.Plan) (Options, bool) {
	years := planYears(p)
	if len(years) < 2 || opt.From != 0 || opt.To != 0 {
		return opt, false
	}
	y := years[0]
	if !opt.Stamp.IsZero() {
		now := calendar.MonthOf(opt.Stamp.Year(), opt.Stamp.Month())
		for _, x := range years {
			if x.From <= now && now <= x.To {
				y = x
			}
		}
	}
	opt.From, opt.To = y.From, y.To
	return opt, true
}

// yearSummary is one year of a long plan in the summary.
type yearSummary struct {
	Label          string
	WorkingDays    int
	Gaps, GapDays  int
	Runs, Critical int // runs of gaps; those of the SPOC or a statutory duty
	Detail         bool
}

// summary counts every year of the plan, whatever the detail's range; with
// Options.Person, only the gaps the person could fill.
func (v *view) summary() []yearSummary {
	r := v.r
	f := r.Frame
	var out []yearSummary
	gaps := r.Gaps // in date order
	for _, y := range planYears(v.p) {
		s := yearSummary{Label: y.label(), Detail: v.opt.From == y.From}
		for _, d := range f.Days {
			if m := d.Month(); m >= y.From && m <= y.To {
				s.WorkingDays++
			}
		}
		n := 0
		for n < len(gaps) && gaps[n].Date.Month() <= y.To {
			n++
		}
		mine := gaps[:n:n] // the team's: the year's gaps as they are
		if v.opt.Person != "" {
			mine = nil
			for _, g := range gaps[:n] {
				if v.gapConcerns(g) {
					mine = append(mine, g)
				}
			}
		}
		gaps = gaps[n:]
		s.Gaps = len(mine)
		for i, g := range mine {
			if i == 0 || g.Date != mine[i-1].Date {
				s.GapDays++
			}
		}
		for _, rg := range report.RangesWith(r, mine, false) {
			s.Runs++
			if rg.Critical {
				s.Critical++
			}
		}
		out = append(out, s)
	}
	return out
}

// detailNote says what a summarised page shows, and how to see the rest.
func (v *view) detailNote() string {
	which := "the first year"
	if !v.opt.Stamp.IsZero() {
		now := calendar.MonthOf(v.opt.Stamp.Year(), v.opt.Stamp.Month())
		if now >= v.opt.From && now <= v.opt.To {
			which = "the current year"
		}
	}
	return fmt.Sprintf("This plan runs from %s to %s: the summary counts every year, and the detail below is %s to %s, %s. "+
		"For other months, export with --from and --to (YYYY-MM).",
		v.p.Start.Month().Label(), v.p.End.Month().Label(), v.opt.From.Label(), v.opt.To.Label(), which)
}

// summaryHeader and summaryCells lay the summary out as a table.
var summaryHeader = []string{"Year", "Working days", "Gaps", "Days with gaps", "Runs", "Critical runs"}

func (s yearSummary) cells() []string {
	label := s.Label
	if s.Detail {
		label += " (detail below)"
	}
	return []string{label, fmt.Sprint(s.WorkingDays), fmt.Sprint(s.Gaps), fmt.Sprint(s.GapDays), fmt.Sprint(s.Runs), fmt.Sprint(s.Critical)}
}
