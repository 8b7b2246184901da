package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// Acting is a run of days on which a person stands in for someone else.
type Acting struct {
	What     string // "SPOC" or a duty's title
	For      string // whose place they take
	From, To calendar.Date
	Days     int
}

// PersonPlan is one person's share of the rota: "my plan".
type PersonPlan struct {
	ID, Name, Title string
	Lead, Buddy     []calendar.Month
	Presence        []calendar.Date // days assigned presence
	PresenceAway    []calendar.Date // of those, the days recorded away: presence gaps, not presence
	Owns, Covers    []string        // duty ids
	Acting          []Acting
	Absences        []string // formatted
}

// NewPersonPlan gathers person id's share of r, optionally within one month.
func NewPersonPlan(r *coverage.Result, id string, month *calendar.Month) PersonPlan {
	f := r.Frame
	p := f.Plan
	x, _ := p.Person(id)
	pp := PersonPlan{ID: id, Name: x.Name, Title: x.Title}
	in := func(m calendar.Month) bool { return month == nil || *month == m }
	for i, m := range f.Months {
		if !in(m) {
			continue
		}
		if r.Assign.SPOC[i] == id {
			pp.Lead = append(pp.Lead, m)
		}
		if r.Assign.Buddy[i] == id {
			pp.Buddy = append(pp.Buddy, m)
		}
	}
	for k, d := range f.Days {
		if in(d.Month()) && r.Assign.Presence[k] == id {
			pp.Presence = append(pp.Presence, d)
			if r.PresenceAway(k) {
				pp.PresenceAway = append(pp.PresenceAway, d)
			}
		}
	}
	for _, du := range p.Duties {
		if du.Owner == id {
			pp.Owns = append(pp.Owns, du.ID)
		}
		for _, c := range du.Cover {
			if c == id {
				pp.Covers = append(pp.Covers, du.ID)
			}
		}
	}
	type key struct{ what, whom string }
	runs := map[key]*Acting{}
	var order []key
	prev := map[key]int{}
	add := func(k key, d calendar.Date, idx int) {
		if a, ok := runs[k]; ok && prev[k] == idx-1 {
			a.To = d
			a.Days++
		} else {
			if ok {
				pp.Acting = append(pp.Acting, *a)
			} else {
				order = append(order, k)
			}
			runs[k] = &Acting{What: k.what, For: k.whom, From: d, To: d, Days: 1}
		}
		prev[k] = idx
	}
	// Only the duties this person covers can fall to them; a council has
	// thousands, so find those once rather than on every day.
	var covered []plan.Duty
	var chains [][]string
	for _, du := range p.Duties {
		if du.Owner != id && containsID(du.Cover, id) {
			covered = append(covered, du)
			chains = append(chains, du.Chain())
		}
	}
	for k, d := range f.Days {
		if !in(d.Month()) {
			continue
		}
		if s, _ := r.SPOC(d); s != id && r.Acting[k] == id {
			add(key{"SPOC", s}, d, k)
		}
		for j, du := range covered {
			if f.FirstAvailable(chains[j], d) == id {
				add(key{du.Title, du.Owner}, d, k)
			}
		}
	}
	for _, k := range order {
		pp.Acting = append(pp.Acting, *runs[k])
	}
	for _, a := range f.Absences(id) {
		s := DateRange(a.From, a.To)
		if a.Reason != "" {
			s += " (" + a.Reason + ")"
		}
		pp.Absences = append(pp.Absences, s)
	}
	return pp
}

// absenceDates lists a person's absences as dates only, without reasons.
func absenceDates(r *coverage.Result, id string) []string {
	var out []string
	for _, a := range r.Frame.Absences(id) {
		out = append(out, DateRange(a.From, a.To))
	}
	return out
}

func containsID(list []string, id string) bool {
	for _, x := range list {
		if x == id {
			return true
		}
	}
	return false
}

// WritePerson writes a person's plan as `rota plan --person` prints it,
// within opt.Month when set; absences show their reasons only with
// opt.Reasons.
func WritePerson(w io.Writer, r *coverage.Result, id string, opt Options) {
	p := r.Frame.Plan
	month := opt.Month
	pp := NewPersonPlan(r, id, month)
	if !opt.Reasons {
		pp.Absences = absenceDates(r, id)
	}
	title := pp.Name
	if pp.Title != "" {
		title += ", " + pp.Title
	}
	fmt.Fprintf(w, "%s — %s\n", title, p.Name)
	if month != nil {
		fmt.Fprintf(w, "%s only\n", month.Label())
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "SPOC (you lead):   %s\n", MonthList(pp.Lead))
	fmt.Fprintf(w, "Buddy (you cover): %s\n", MonthList(pp.Buddy))
	if p.Presence.Enabled {
		present := slices.DeleteFunc(slices.Clone(pp.Presence), func(d calendar.Date) bool { return slices.Contains(pp.PresenceAway, d) })
		fmt.Fprintf(w, "\nIn the county on %d %s:\n", len(present), plural(len(present), "day", "days"))
		byMonth := map[calendar.Month][]string{}
		var months []calendar.Month
		for _, d := range present {
			m := d.Month()
			if _, ok := byMonth[m]; !ok {
				months = append(months, m)
			}
			byMonth[m] = append(byMonth[m], d.Time().Format("Mon 2"))
		}
		for _, m := range months {
			fmt.Fprintf(w, "  %s: %s\n", m.Label(), strings.Join(byMonth[m], ", "))
		}
		if len(pp.PresenceAway) > 0 {
			days := make([]string, len(pp.PresenceAway))
			for i, d := range pp.PresenceAway {
				days[i] = d.Short()
			}
			fmt.Fprintf(w, "Assigned but away, so presence gaps until someone else is set (%d): %s\n", len(days), strings.Join(days, ", "))
		}
	}
	fmt.Fprintf(w, "\nDuties you hold (%d):\n", len(pp.Owns))
	for _, id := range pp.Owns {
		du, _ := p.Duty(id)
		cover := "no cover"
		if len(du.Cover) > 0 {
			cover = "cover: " + strings.Join(du.Cover, " → ")
		}
		fmt.Fprintf(w, "  %s (%s)%s\n", du.Title, cover, statutoryMark(du.Statutory))
	}
	fmt.Fprintf(w, "\nDuties you cover (%d):\n", len(pp.Covers))
	for _, id := range pp.Covers {
		du, _ := p.Duty(id)
		fmt.Fprintf(w, "  %s (owner %s)%s\n", du.Title, du.Owner, statutoryMark(du.Statutory))
	}
	fmt.Fprintf(w, "\nDays you act for someone else (%d):\n", len(pp.Acting))
	for _, a := range pp.Acting {
		fmt.Fprintf(w, "  %s for %s: %s\n", a.What, p.PersonName(a.For), DateRange(a.From, a.To))
	}
	fmt.Fprintf(w, "\nAbsences (%d):\n", len(pp.Absences))
	for _, a := range pp.Absences {
		fmt.Fprintf(w, "  %s\n", a)
	}
}

func statutoryMark(s bool) string {
	if s {
		return " [statutory]"
	}
	return ""
}

// MonthList writes months for people, "Aug 2022, Dec 2022", or "none".
func MonthList(ms []calendar.Month) string {
	if len(ms) == 0 {
		return "none"
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Label()
	}
	return strings.Join(out, ", ")
}
