package ui

import "rota/internal/calendar"

// What the planner does differently when it is one of many on a shared
// plan (rota serve): it opens on the user's own month, and writes no files
// on a machine that is not the user's.

// startOnOwnMonth puts the focus on the first day of the first month from
// today (from the plan's start when it does not cover today) in which me is
// SPOC, when there is one.
func (c *common) startOnOwnMonth(me string) {
	if me == "" {
		return
	}
	r := c.result()
	from := c.today.Month()
	if p := r.Frame.Plan; c.today < p.Start || c.today > p.End {
		from = p.Start.Month() // a plan past or to come: its first such month
	}
	for i, mo := range r.Frame.Months {
		if mo < from || i >= len(r.Assign.SPOC) || r.Assign.SPOC[i] != me {
			continue
		}
		if d := firstDay(r.Frame.Days, mo); d != 0 {
			c.focus = d
		}
		return
	}
}

func firstDay(days []calendar.Date, mo calendar.Month) calendar.Date {
	for _, d := range days {
		if d.Month() == mo {
			return d
		}
	}
	return 0
}
