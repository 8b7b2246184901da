package report

import (
	"fmt"
	"io"
	"sort"

	"rota/internal/calendar"
	"rota/internal/coverage"
)

// UnconfirmedRange is a run of consecutive working days on which a duty
// falls to cover that has not accepted it (configs/plan-format.md section
// 5): the same duty, owner away, and the same person it would fall to.
type UnconfirmedRange struct {
	Duty     string
	Title    string
	Owner    string
	Person   string
	From, To calendar.Date
	Days     int
}

// UnconfirmedRanges groups r.Unconfirmed into runs, by duty in id order and
// then by date.
func UnconfirmedRanges(r *coverage.Result) []UnconfirmedRange {
	f := r.Frame
	byDuty := map[string][]coverage.UnconfirmedCover{}
	var order []string
	for _, u := range r.Unconfirmed {
		if _, ok := byDuty[u.Duty]; !ok {
			order = append(order, u.Duty)
		}
		byDuty[u.Duty] = append(byDuty[u.Duty], u)
	}
	sort.Strings(order)
	var out []UnconfirmedRange
	for _, id := range order {
		du, _ := f.Duty(id)
		var cur *UnconfirmedRange
		prev := -2
		for _, u := range byDuty[id] {
			k, _ := f.DayIndex(u.Date)
			if cur != nil && k == prev+1 && u.Person == cur.Person {
				cur.To, cur.Days = u.Date, cur.Days+1
			} else {
				if cur != nil {
					out = append(out, *cur)
				}
				cur = &UnconfirmedRange{Duty: id, Title: du.Title, Owner: du.Owner, Person: u.Person, From: u.Date, To: u.Date, Days: 1}
			}
			prev = k
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	return out
}

// String formats a run as one line of `rota check`: "SIRO: unconfirmed
// cover 10–14 Oct 2022 (5 days) — paul away, simon has not accepted".
func (u UnconfirmedRange) String() string {
	days := ""
	if u.Days > 1 {
		days = fmt.Sprintf(" (%d days)", u.Days)
	}
	return fmt.Sprintf("%s: unconfirmed cover %s%s — %s away, %s has not accepted [critical]", u.Title, DateRange(u.From, u.To), days, u.Owner, u.Person)
}

// writeUnconfirmed writes the runs of unconfirmed cover under their heading,
// nothing when there are none.
func writeUnconfirmed(w io.Writer, r *coverage.Result) {
	runs := UnconfirmedRanges(r)
	if len(runs) == 0 {
		return
	}
	fmt.Fprintf(w, "\nUnconfirmed cover: %d duty-%s in %d %s, not gaps and not covered until accepted (rota cover accept):\n",
		len(r.Unconfirmed), plural(len(r.Unconfirmed), "day", "days"), len(runs), plural(len(runs), "run", "runs"))
	for _, u := range runs {
		fmt.Fprintf(w, "  %s\n", u)
	}
}
