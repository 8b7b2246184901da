package ui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// dayPane is one day opened from the Month view: who acts as SPOC and who
// is present, who is away, the day's events, and every duty under its area
// with who holds it and why (owner away → cover). The Month view owns it and
// hands it the keys while it is open.
type dayPane struct {
	c      *common
	scroll int      // the first duty row shown
	rows   []dayRow // area headings and duties
	events func(calendar.Date) []int
}

// dayRow is a line of the open day's duty list: an area heading or a duty.
type dayRow struct {
	area string
	duty int // index in the plan's duties; -1 for a heading
}

// areaRows appends to rows the duties that keep passes (all when keep is
// nil) under one heading per area: areas in the order they first appear in
// the plan, each area's duties in file order, however the file scatters
// them.
func areaRows(rows []dayRow, duties []plan.Duty, keep func(plan.Duty) bool) []dayRow {
	var areas []string
	byArea := map[string][]int{}
	for i, du := range duties {
		if keep != nil && !keep(du) {
			continue
		}
		if _, seen := byArea[du.Area]; !seen {
			areas = append(areas, du.Area)
		}
		byArea[du.Area] = append(byArea[du.Area], i)
	}
	for _, a := range areas {
		rows = append(rows, dayRow{area: a, duty: -1})
		for _, i := range byArea[a] {
			rows = append(rows, dayRow{duty: i})
		}
	}
	return rows
}

// refresh lists the duties by area after the plan changed.
func (v *dayPane) refresh() {
	v.rows = areaRows(v.rows[:0], v.c.plan().Duties, nil)
}

// update moves through the day: a working day back or on, the duty list up
// or down. It reports whether the key was the day's.
func (v *dayPane) update(k tea.KeyMsg) bool {
	c := v.c
	keys := c.keys
	page := max(c.bodyH-8, 1)
	last := max(len(v.rows)-1, 0)
	switch {
	case key.Matches(k, keys.Left):
		v.stepWorking(-1)
	case key.Matches(k, keys.Right):
		v.stepWorking(1)
	case key.Matches(k, keys.Up):
		v.scroll = max(v.scroll-1, 0)
	case key.Matches(k, keys.Down):
		v.scroll = min(v.scroll+1, last)
	case key.Matches(k, keys.PageDown):
		v.scroll = min(v.scroll+page, last)
	case key.Matches(k, keys.PageUp):
		v.scroll = max(v.scroll-page, 0)
	default:
		return false
	}
	return true
}

// stepWorking moves the focus to the next or previous working day.
func (v *dayPane) stepWorking(dir int) {
	f := v.c.frame()
	k := sort.Search(len(f.Days), func(i int) bool { return f.Days[i] >= v.c.focus })
	if dir > 0 {
		if k < len(f.Days) && f.Days[k] == v.c.focus {
			k++
		}
	} else {
		k--
	}
	if k >= 0 && k < len(f.Days) {
		v.c.focus = f.Days[k]
	}
}

// view shows the open day: the SPOC, presence, every duty with who holds
// it and why, and the events.
func (v *dayPane) view() string {
	c := v.c
	st := c.st
	r := c.result()
	f := r.Frame
	p := f.Plan
	d := c.focus
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	add(st.Title.Render(d.Time().Format("Monday 2 January 2006")))
	k, working := f.DayIndex(d)
	if !working {
		add(st.Muted.Render("Not a working day: " + f.Cal.WhyClosed(d) + "."))
	}
	// why says why someone is away, "" when they are not.
	why := func(id string) string {
		if a, ok := f.Absence(id, d); ok {
			if a.Reason != "" {
				return "away (" + a.Reason + ")"
			}
			return "away"
		}
		return ""
	}
	away := func(id string) string {
		if w := why(id); w != "" {
			return c.name(id) + " " + w
		}
		return ""
	}
	if working {
		s, bu := r.SPOC(d)
		acting := r.Acting[k]
		line := fmt.Sprintf("SPOC %s, buddy %s: acting SPOC %s", c.name(s), c.name(bu), c.name(acting))
		switch {
		case acting == "":
			line = st.Critical.Render(fmt.Sprintf("SPOC %s, buddy %s: nobody acts as SPOC (%s; %s)", c.name(s), c.name(bu), away(s), away(bu)))
		case acting != s:
			line += " (" + away(s) + ")"
		}
		add(line)
		if p.Presence.Enabled {
			who := r.Assign.Presence[k]
			line := "Present in the county: " + c.name(who)
			if c.pinnedDay(d) {
				line += " (set by hand)"
			}
			switch {
			case who == "":
				line = st.Gap.Render("Present in the county: nobody !")
			case f.Absent(who, d):
				line = st.Gap.Render(line + ", but " + why(who) + " !")
			}
			add(line)
			if s := c.suggestPresence(d); s != "" {
				add(st.Gap.Render(fmt.Sprintf("  y makes %s present: available, fewest presence days (%d)", c.name(s), c.presence[s])))
			}
		}
	}
	var out []string
	for _, x := range p.Persons {
		if a := away(x.ID); a != "" {
			out = append(out, a)
		}
	}
	if len(out) > 0 {
		add("Away: " + strings.Join(out, ", "))
	}
	if gaps := r.GapsOn(d); len(gaps) > 0 {
		add(st.Gap.Render(fmt.Sprintf("%d %s today", len(gaps), plural(len(gaps), "gap", "gaps"))))
	}
	titleW := min(max(c.bodyW*55/100, 20), 60)
	var list []string
	// Only the rows that fit are drawn: a plan may have thousands of duties.
	var evs []string
	for _, i := range v.events(d) {
		e := p.Events[i]
		holder := r.EventHolder(e, d)
		need := "SPOC"
		if e.Needs != plan.NeedsSPOC {
			if du, ok := f.Duty(e.Needs); ok {
				need = du.Title
			}
		}
		who := c.name(holder)
		if holder == "" {
			who = st.Gap.Render("! nobody")
		}
		evs = append(evs, "  "+padRight(cut(e.Title+" (needs "+need+")", titleW-3), titleW-2)+who)
	}
	if len(evs) > 0 {
		add(st.Header.Render("Events today"))
		lines = append(lines, evs...)
	}
	add("")
	room := max(c.bodyH-len(lines), 1)
	top := min(v.scroll, max(len(v.rows)-room, 0))
	if top > 0 {
		lines[len(lines)-1] = st.Muted.Render(fmt.Sprintf("↑ %d more", top))
	}
	for _, row := range v.rows[top:min(top+room, len(v.rows))] {
		if row.duty < 0 {
			name := row.area
			if name == "" {
				name = "Other duties"
			}
			list = append(list, st.Header.Render(name))
			continue
		}
		du := p.Duties[row.duty]
		holder, status := r.HolderStatus(du.ID, d)
		mark := "  "
		if du.Statutory {
			mark = " §"
		}
		var who string
		switch {
		case !working:
			who = st.Muted.Render("—")
		case holder == "":
			var why []string
			for _, id := range du.Chain() {
				why = append(why, away(id))
			}
			g := coverage.Gap{Date: d, Kind: coverage.KindDuty, ID: du.ID}
			s := st.Gap
			if du.Statutory {
				s = st.Critical
			}
			prefix := "! nobody"
			if c.diff.IsNew(g) {
				prefix, s = "+ nobody", st.New
			}
			who = s.Render(prefix + ": " + strings.Join(why, ", "))
		case status == coverage.Unconfirmed:
			// Neither a gap nor held: nobody may act until the cover accepts.
			who = st.Critical.Render("unconfirmed cover: " + c.name(holder) + " has not accepted (" + away(du.Owner) + ")")
		case holder != du.Owner:
			who = c.name(holder) + st.Muted.Render(" (cover: "+away(du.Owner)+")")
		default:
			who = c.name(holder)
		}
		list = append(list, mark+padRight(cut(du.Title, titleW-3), titleW-2)+who)
	}
	if rest := len(v.rows) - top - room; rest > 0 && len(list) > 0 {
		list[len(list)-1] = st.Muted.Render(fmt.Sprintf("↓ %d more (j/k, pgup/pgdn)", rest+1))
	}
	return strings.Join(append(lines, list...), "\n")
}
