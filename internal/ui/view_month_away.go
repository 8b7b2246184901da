package ui

import (
	"fmt"
	"strings"

	"rota/internal/calendar"
	"rota/internal/plan"
	"rota/internal/report"
)

// The bars under the Month view's calendar: who is away when, across the
// month, so a PA sees overlapping absences at a glance.

// absences draws each person away in m as a bar across the month's days.
func (v *monthView) absences(m calendar.Month) string {
	c := v.c
	st := c.st
	f := c.frame()
	first, last := m.First(), m.Last()
	type row struct {
		id    string
		spans []plan.Absence
	}
	var rows []row
	for _, x := range f.Plan.Persons {
		var spans []plan.Absence
		for _, a := range f.Absences(x.ID) {
			if a.To >= first && a.From <= last {
				spans = append(spans, a)
			}
		}
		if len(spans) > 0 {
			rows = append(rows, row{x.ID, spans})
		}
	}
	if len(rows) == 0 {
		return st.Muted.Render("Nobody is away this month.")
	}
	var b strings.Builder
	nameW := 8
	for _, rw := range rows {
		nameW = max(nameW, len([]rune(c.name(rw.id)))+1)
	}
	nameW = min(nameW, 14)
	// A ruler of the month's days above the bars.
	ruler := []rune(strings.Repeat(" ", int(last-first)+1))
	for d := first; d <= last; d++ {
		if day := d.Time().Day(); day == 1 || day%5 == 0 {
			for j, ch := range fmt.Sprint(day) {
				if at := int(d-first) + j; at < len(ruler) {
					ruler[at] = ch
				}
			}
		}
	}
	b.WriteString(st.Header.Render(padRight("Away", nameW)) + st.Muted.Render(string(ruler)) + "\n")
	room := c.bodyH - strings.Count(v.viewTopFor(m), "\n") - 1
	for j, rw := range rows {
		if j >= room-1 && len(rows) > room {
			b.WriteString(st.Muted.Render(fmt.Sprintf("… %d more away: see People (3)", len(rows)-j)))
			break
		}
		var bars strings.Builder
		for d := first; d <= last; d++ {
			switch {
			case f.Absent(rw.id, d):
				bars.WriteString(st.Away.Render("█"))
			case f.Cal.IsWorking(d):
				bars.WriteString(st.Muted.Render("·"))
			default:
				bars.WriteString(" ")
			}
		}
		var spans []string
		for _, a := range rw.spans {
			s := report.DateRange(a.From, a.To)
			if a.Reason != "" {
				s += " " + a.Reason
			}
			spans = append(spans, s)
		}
		rest := c.bodyW - nameW - int(last-first) - 3
		b.WriteString(padRight(c.name(rw.id), nameW) + bars.String() + "  " + st.Muted.Render(cut(strings.Join(spans, "; "), rest)))
		if j < len(rows)-1 {
			b.WriteString("\n")
		}
	}
	return b.String()
}
