package diff

import (
	"fmt"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// Rules lists, one line each, how plan b's rules differ from plan a's: the
// period and calendar, persons (and their email), orders, duties, absences
// and events. A
// re-import shows it so that a PA sees what the file changes before trusting
// it, and scenario diffs start with it.
func Rules(a, b *plan.Plan) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	text := func(what, x, y string) {
		if x != y {
			add("%s %q → %q", what, x, y)
		}
	}
	text("name:", a.Name, b.Name)
	text("organisation:", a.Organisation, b.Organisation)
	text("directorate:", a.Directorate, b.Directorate)
	if a.Start != b.Start || a.End != b.End {
		add("period: %s to %s → %s to %s", a.Start, a.End, b.Start, b.End)
	}
	if a.Holidays != b.Holidays {
		add("holidays: %s → %s", a.Holidays, b.Holidays)
	}
	plus, minus := listDiff(dates(a.Closures), dates(b.Closures))
	for _, d := range plus {
		add("closure added: %s", d)
	}
	for _, d := range minus {
		add("closure removed: %s", d)
	}
	plus, minus = listDiff(holidays(a.ExtraHolidays), holidays(b.ExtraHolidays))
	for _, h := range plus {
		add("holiday added: %s", h)
	}
	for _, h := range minus {
		add("holiday removed: %s", h)
	}
	if x, y := calendar.JoinWeekdays(a.Workdays), calendar.JoinWeekdays(b.Workdays); x != y {
		add("working week: %s → %s", x, y)
	}

	for _, x := range b.Persons {
		y, ok := a.Person(x.ID)
		if !ok {
			add("person added: %s (%s)", x.ID, x.Name)
			continue
		}
		text("person "+x.ID+": name", y.Name, x.Name)
		text("person "+x.ID+": title", y.Title, x.Title)
		if x.Rota != y.Rota {
			add("person %s: rota %v → %v", x.ID, y.Rota, x.Rota)
		}
		// A contact change alters no assignment, but where rota notify
		// sends is worth a line: a re-import that only adds addresses
		// must not read as "No differences".
		switch {
		case y.Email == x.Email:
		case y.Email == "":
			add("email of %s set: %s", x.ID, x.Email)
		case x.Email == "":
			add("email of %s removed (was %s)", x.ID, y.Email)
		default:
			add("email of %s: %s → %s", x.ID, y.Email, x.Email)
		}
	}
	for _, x := range a.Persons {
		if _, ok := b.Person(x.ID); !ok {
			add("person removed: %s (%s)", x.ID, x.Name)
		}
	}

	order := func(what string, x, y []string) {
		if xs, ys := strings.Join(x, ", "), strings.Join(y, ", "); xs != ys {
			add("%s %s → %s", what, orNone(xs), orNone(ys))
		}
	}
	order("SPOC order:", a.SPOC.Order, b.SPOC.Order)
	if a.SPOC.Buddy != b.SPOC.Buddy {
		add("buddy rule: %s → %s", a.SPOC.Buddy, b.SPOC.Buddy)
	}
	if a.SPOC.MostlyAbsent != b.SPOC.MostlyAbsent {
		add("mostly_absent: %v → %v", a.SPOC.MostlyAbsent, b.SPOC.MostlyAbsent)
	}
	order("SPOC covers:", a.SPOC.Duties, b.SPOC.Duties)
	if a.Presence.Enabled != b.Presence.Enabled {
		add("daily presence: enabled %v → %v", a.Presence.Enabled, b.Presence.Enabled)
	}
	order("presence order:", a.Presence.Order, b.Presence.Order)

	for _, x := range b.Duties {
		y, ok := a.Duty(x.ID)
		if !ok {
			add("duty added: %s (%s), owner %s", x.ID, x.Title, x.Owner)
			continue
		}
		what := "duty " + x.ID
		text(what+": title", y.Title, x.Title)
		text(what+": area", y.Area, x.Area)
		if x.Owner != y.Owner {
			add("%s: owner %s → %s", what, y.Owner, x.Owner)
		}
		order(what+": cover", y.Cover, x.Cover)
		if x.Statutory != y.Statutory {
			add("%s: statutory %v → %v", what, y.Statutory, x.Statutory)
		}
	}
	for _, x := range a.Duties {
		if _, ok := b.Duty(x.ID); !ok {
			add("duty removed: %s (%s)", x.ID, x.Title)
		}
	}

	plus, minus = listDiff(absences(a.Absences), absences(b.Absences))
	for _, s := range plus {
		add("absence added: %s", s)
	}
	for _, s := range minus {
		add("absence removed: %s", s)
	}

	evA := map[string]plan.Event{}
	for _, e := range a.Events {
		evA[e.ID] = e
	}
	evB := map[string]bool{}
	for _, e := range b.Events {
		evB[e.ID] = true
		f, ok := evA[e.ID]
		if !ok {
			add("event added: %s (%s), needs %s", e.ID, e.Title, e.Needs)
			continue
		}
		what := "event " + e.ID
		text(what+": title", f.Title, e.Title)
		if f.Needs != e.Needs {
			add("%s: needs %s → %s", what, f.Needs, e.Needs)
		}
		plus, minus := listDiff(dates(f.Dates), dates(e.Dates))
		for _, d := range plus {
			add("%s: date added: %s", what, d)
		}
		for _, d := range minus {
			add("%s: date removed: %s", what, d)
		}
		if x, y := weekly(f.Weekly), weekly(e.Weekly); x != y {
			add("%s: weekly %s → %s", what, x, y)
		}
	}
	for _, e := range a.Events {
		if !evB[e.ID] {
			add("event removed: %s (%s)", e.ID, e.Title)
		}
	}
	return out
}

// AbsenceText describes an absence as diffs and logs print it.
func AbsenceText(x plan.Absence) string {
	s := fmt.Sprintf("%s %s to %s", x.Person, x.From, x.To)
	if x.From == x.To {
		s = fmt.Sprintf("%s %s", x.Person, x.From)
	}
	if x.Reason != "" {
		s += " (" + x.Reason + ")"
	}
	return s
}

func absences(list []plan.Absence) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = AbsenceText(x)
	}
	return out
}

func dates(list []calendar.Date) []string {
	out := make([]string, len(list))
	for i, d := range list {
		out[i] = d.String()
	}
	return out
}

func weekly(w *time.Weekday) string {
	if w == nil {
		return "(none)"
	}
	return calendar.WeekdayName(*w)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// listDiff compares two lists as multisets, keeping b's order for what was
// added and a's for what was removed.
func listDiff(a, b []string) (added, removed []string) {
	count := map[string]int{}
	for _, x := range a {
		count[x]++
	}
	for _, x := range b {
		if count[x] > 0 {
			count[x]--
		} else {
			added = append(added, x)
		}
	}
	count = map[string]int{}
	for _, x := range b {
		count[x]++
	}
	for _, x := range a {
		if count[x] > 0 {
			count[x]--
		} else {
			removed = append(removed, x)
		}
	}
	return added, removed
}

func holidays(hs []calendar.Holiday) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Date.String() + " " + h.Name
	}
	return out
}
