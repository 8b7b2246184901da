package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/memo"
	"rota/internal/report"
)

// monthView is one month as a calendar: each working day with who is
// present and who acts as SPOC, gaps marked, and below each person's
// absences as bars. Enter opens the day: who holds every duty and why.
type monthView struct {
	c      *common
	day    bool                    // the day is open
	dayp   *dayPane                // the open day
	events map[calendar.Date][]int // event indices by date
}

func newMonthView(c *common) *monthView {
	v := &monthView{c: c}
	v.dayp = &dayPane{c: c, events: func(d calendar.Date) []int { return v.events[d] }}
	return v
}

func (v *monthView) Title() string   { return "Month" }
func (v *monthView) WantsBack() bool { return v.day }

// Scope is the month shown: a PA looking at October who exports wants
// October.
func (v *monthView) Scope() exportScope {
	m := v.c.focus.Month()
	return exportScope{from: m, to: m}
}
func (v *monthView) Capturing() bool { return false }
func (v *monthView) Resize()         {}

func (v *monthView) Refresh() {
	r := v.c.result()
	p := r.Frame.Plan
	v.dayp.refresh()
	v.events = eventDays.Get(r, func() map[calendar.Date][]int {
		events := map[calendar.Date][]int{}
		for i, e := range p.Events {
			for _, d := range r.EventDates(e) {
				events[d] = append(events[d], i)
			}
		}
		return events
	})
}

// eventDays holds, for the results last shown, the plan's events on each
// day (indexes into Plan.Events), shared by the planners showing them
// (memo): a council decade has hundreds of events over ten years. Never
// changed once made.
var eventDays = memo.New[*coverage.Result, map[calendar.Date][]int](4)

func (v *monthView) ShortHelp() []key.Binding {
	k := v.c.keys
	if v.day {
		return []key.Binding{k.Back,
			k.DayStep, k.DayScroll,
			k.Present, k.Accept, k.Absent}
	}
	return []key.Binding{
		k.MonthStep,
		k.PrevMonth, k.NextMonth, k.Enter, k.Present, k.Accept, k.Absent,
	}
}

func (v *monthView) FullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{
		{k.Left, k.Right, k.Up, k.Down, k.PrevMonth, k.NextMonth, k.Today},
		{k.Enter, k.Back, k.Present, k.Accept, k.Absent},
	}
}

// step moves the focus by n dates that have a column in the grid.
func (v *monthView) step(n int) {
	c := v.c
	p := c.plan()
	d := c.focus
	dir := 1
	if n < 0 {
		dir, n = -1, -n
	}
	for n > 0 {
		next := d.AddDays(dir)
		if next < p.Start || next > p.End {
			break
		}
		d = next
		if c.frame().Cal.IsWorkday(d) {
			n--
		}
	}
	if c.frame().Cal.IsWorkday(d) {
		c.focus = d
	}
}

func (v *monthView) Update(msg tea.Msg) tea.Cmd {
	if g, ok := msg.(gotoMsg); ok {
		v.day = g.day
		return nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	c := v.c
	keys := c.keys
	f := c.frame()
	switch {
	case v.day && key.Matches(k, keys.Back):
		v.day = false
	case v.day && v.dayp.update(k):
	case key.Matches(k, keys.Left):
		v.step(-1)
	case key.Matches(k, keys.Right):
		v.step(1)
	case key.Matches(k, keys.Up):
		v.step(-len(v.c.wds))
	case key.Matches(k, keys.Down):
		v.step(len(v.c.wds))
	case key.Matches(k, keys.PrevMonth):
		c.setMonth(c.monthIdx() - 1)
	case key.Matches(k, keys.NextMonth):
		c.setMonth(c.monthIdx() + 1)
	case key.Matches(k, keys.Today):
		c.focus = c.startDate()
	case key.Matches(k, keys.Enter):
		v.day, v.dayp.scroll = true, 0
	case key.Matches(k, keys.Present):
		return v.pickPresence()
	case key.Matches(k, keys.Accept):
		d := c.focus
		who := c.suggestPresence(d)
		if who == "" {
			return status("no suggestion: the person present on " + d.Short() + " is not away")
		}
		return apply(change.SetPresence(d, who))
	case key.Matches(k, keys.Absent):
		return openModal(newAbsenceForm(c, "", c.focus, c.focus))
	}
	// The focus may land on a weekday that is not a date of the plan's grid
	// (a month edge); keep it inside the plan.
	c.focus = max(f.Plan.Start, min(c.focus, f.Plan.End))
	return nil
}

func (v *monthView) pickPresence() tea.Cmd {
	c := v.c
	r := c.result()
	f := r.Frame
	d := c.focus
	if _, ok := f.DayIndex(d); !ok {
		return failure(fmt.Errorf("%s is not a working day: nobody needs to be present", d.Short()))
	}
	if !f.Plan.Presence.Enabled {
		return failure(fmt.Errorf("this plan has no daily presence rota"))
	}
	var items []choice
	for _, id := range f.Plan.Presence.Order {
		note := fmt.Sprintf("%d days present", c.presence[id])
		if a, away := f.Absence(id, d); away {
			note = "away"
			if a.Reason != "" {
				note += " (" + a.Reason + ")"
			}
		}
		items = append(items, choice{label: f.Plan.PersonName(id), note: note, value: id})
	}
	return openModal(newPicker(c, "Present in the county on "+d.Short(), items, r.Presence(d), func(ch choice) tea.Cmd {
		return apply(change.SetPresence(d, ch.value))
	}))
}

func (v *monthView) View() string {
	if v.day {
		return v.dayp.view()
	}
	c := v.c
	st := c.st
	r := c.result()
	f := r.Frame
	i := c.monthIdx()
	m := f.Months[i]
	var b strings.Builder
	head := fmt.Sprintf("%s · SPOC %s · buddy %s · %d working days · %d gap days",
		m.First().Time().Format("January 2006"), c.name(r.Assign.SPOC[i]), c.name(r.Assign.Buddy[i]), len(f.MonthDays(i)), r.GapDays(i))
	// Before the counts, so a narrow terminal still shows it.
	if hs, _ := report.HandoverStatus(r, m, c.today); hs == report.HandoverNotAcknowledged {
		head = strings.Replace(head, " · ", " · handover not acknowledged · ", 1)
	}
	b.WriteString(st.Title.Render(cut(head, c.bodyW)) + "\n")

	n := max(len(v.c.wds), 1)
	cw := max(min(c.bodyW/n, 24), 8)
	for _, wd := range v.c.wds {
		b.WriteString(st.Header.Render(padRight(" "+wd.String()[:3], cw)))
	}
	b.WriteString("\n")
	weeks := v.weeks(m)
	// A tall terminal gets a third line per day: its gaps or its events.
	tall := c.bodyH >= 3*len(weeks)+12
	for _, week := range weeks {
		var top, bottom, third strings.Builder
		for _, d := range week {
			t, bo, th := v.cell(d, cw)
			top.WriteString(t)
			bottom.WriteString(bo)
			third.WriteString(th)
		}
		b.WriteString(top.String() + "\n" + bottom.String() + "\n")
		if tall {
			b.WriteString(third.String() + "\n")
		}
	}
	b.WriteString(v.dayLine())
	b.WriteString(v.absences(m))
	// A tall terminal also lists the day's gaps and the marks.
	room := c.bodyH - strings.Count(b.String(), "\n") - 2
	if gaps := r.GapsOn(c.focus); len(gaps) > 0 && room > 2 {
		b.WriteString("\n\n" + st.Header.Render(fmt.Sprintf("Gaps on %s (%d)", c.focus.Short(), len(gaps))))
		room -= 2
		for j, g := range gaps {
			if j == room-1 && len(gaps) > room {
				b.WriteString("\n" + st.Muted.Render(fmt.Sprintf("  … %d more: enter shows the day", len(gaps)-j)))
				break
			}
			mark := "! "
			if c.diff.IsNew(g) {
				mark = "+ "
			}
			b.WriteString("\n" + st.Gap.Render(cut(mark+r.Title(g)+": "+r.Why(g), c.bodyW)))
		}
		room -= min(len(gaps), room)
	}
	if room > 1 {
		b.WriteString("\n\n" + st.Muted.Render(cut("! gap · * the buddy acts · ? present person away · # set by hand · ~ + - what-if", c.bodyW)))
	}
	return b.String()
}

// weeks returns the grid's dates: one row per week, one column per working
// weekday; 0 where the row has no date of m.
func (v *monthView) weeks(m calendar.Month) [][]calendar.Date {
	var out [][]calendar.Date
	var row []calendar.Date
	week := calendar.Date(-1)
	for d := m.First(); d <= m.Last(); d++ {
		col := slices.Index(v.c.wds, d.Weekday())
		if col < 0 {
			continue
		}
		if ws := d.AddDays(-int((d.Weekday() + 6) % 7)); ws != week {
			if row != nil {
				out = append(out, row)
			}
			row = make([]calendar.Date, len(v.c.wds))
			week = ws
		}
		row[col] = d
	}
	if row != nil {
		out = append(out, row)
	}
	return out
}

// cell draws one date of the grid as two lines of w cells.
func (v *monthView) cell(d calendar.Date, w int) (string, string, string) {
	c := v.c
	st := c.st
	r := c.result()
	f := r.Frame
	if d == 0 {
		return strings.Repeat(" ", w), strings.Repeat(" ", w), strings.Repeat(" ", w)
	}
	sel := d == c.focus
	lead := " "
	if sel {
		lead = ">"
	}
	day := d.Time().Day()
	var top, bottom string
	style := st.Muted
	switch {
	case d < f.Plan.Start || d > f.Plan.End:
		top = fmt.Sprintf("%s%2d", lead, day)
		bottom = "    outside plan"
	case !f.Cal.IsWorking(d):
		why := "closed"
		if _, hol := f.Cal.Holiday(d); hol {
			why = "holiday"
		}
		top = fmt.Sprintf("%s%2d %s", lead, day, why)
		bottom = "    " + cut(f.Cal.WhyClosed(d), w-5)
		if gaps := r.GapsOn(d); len(gaps) > 0 {
			top += " !"
			style = st.Gap
		}
	default:
		style = v.c.st.Plain
		who := r.Presence(d)
		name := c.name(who)
		if who != "" && f.Absent(who, d) {
			name += "?" // assigned but away: the suggestion shows below
		}
		marks := v.marks(d)
		top = fmt.Sprintf("%s%2d %s%s", lead, day, name, marks)
		acting := r.Acting[mustIndex(f, d)]
		spoc, _ := r.SPOC(d)
		bottom = "    SPOC " + c.name(acting)
		switch {
		case acting == "":
			bottom = "    no SPOC"
		case acting != spoc:
			bottom += "*"
		}
		switch {
		case v.hasNewGap(d):
			style = st.New
		case len(r.GapsOn(d)) > 0:
			style = st.Gap
		case c.diff.DayChanged(d) || v.hasResolvedGap(d):
			style = st.Changed
		}
	}
	third := "    "
	if gaps := r.GapsOn(d); len(gaps) > 0 {
		third += fmt.Sprintf("%d %s", len(gaps), plural(len(gaps), "gap", "gaps"))
	} else {
		var titles []string
		for _, i := range v.events[d] {
			titles = append(titles, f.Plan.Events[i].Title)
		}
		third += strings.Join(titles, ", ")
	}
	top, bottom, third = padRight(top, w), padRight(bottom, w), padRight(third, w)
	if sel {
		return st.Selected.Render(top), st.Selected.Render(bottom), st.Selected.Render(third)
	}
	if d == c.today {
		top = st.Current.Render(top)
	} else {
		top = style.Render(top)
	}
	return top, style.Render(bottom), st.Muted.Render(third)
}

func mustIndex(f interface {
	DayIndex(calendar.Date) (int, bool)
}, d calendar.Date) int {
	k, _ := f.DayIndex(d)
	return k
}

// marks are the text marks of a working day: ! gap, + new gap, - resolved,
// ~ changed by the what-if, # set by hand.
func (v *monthView) marks(d calendar.Date) string {
	c := v.c
	s := ""
	switch {
	case v.hasNewGap(d):
		s += "+"
	case len(c.result().GapsOn(d)) > 0:
		s += "!"
	}
	if v.hasResolvedGap(d) {
		s += "-"
	}
	if c.diff.DayChanged(d) {
		s += "~"
	}
	if c.pinnedDay(d) {
		s += "#"
	}
	if s != "" {
		s = " " + s
	}
	return s
}

func (v *monthView) hasNewGap(d calendar.Date) bool {
	if v.c.diff == nil {
		return false
	}
	for _, g := range v.c.result().GapsOn(d) {
		if v.c.diff.IsNew(g) {
			return true
		}
	}
	return false
}

func (v *monthView) hasResolvedGap(d calendar.Date) bool {
	if v.c.diff == nil {
		return false
	}
	for _, g := range v.c.diff.Base().GapsOn(d) {
		if v.c.diff.IsResolved(g) {
			return true
		}
	}
	return false
}

// dayLine sums up the focused day under the grid, with the suggestion when
// the person present is away.
func (v *monthView) dayLine() string {
	c := v.c
	st := c.st
	r := c.result()
	f := r.Frame
	d := c.focus
	var parts []string
	parts = append(parts, d.Short())
	if _, ok := f.DayIndex(d); !ok {
		parts = append(parts, "not a working day: "+f.Cal.WhyClosed(d))
	} else {
		if f.Plan.Presence.Enabled {
			parts = append(parts, "present "+c.name(r.Presence(d)))
		}
		parts = append(parts, "acting SPOC "+c.name(r.ActingSPOC(d)))
	}
	if gaps := r.GapsOn(d); len(gaps) > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", len(gaps), plural(len(gaps), "gap", "gaps")))
	}
	out := cut(strings.Join(parts, " · "), c.bodyW) + "\n"
	if who := c.suggestPresence(d); who != "" {
		away := r.Presence(d)
		out += st.Gap.Render(cut(fmt.Sprintf("%s is away: y makes %s present (fewest presence days, %d)", c.name(away), c.name(who), c.presence[who]), c.bodyW)) + "\n"
	}
	return out
}

// viewTopFor is the part of the month above the absences, for its height.
func (v *monthView) viewTopFor(m calendar.Month) string {
	weeks := len(v.weeks(m))
	per := 2
	if v.c.bodyH >= 3*weeks+12 {
		per = 3
	}
	lines := 2 + per*weeks + 1
	if v.c.suggestPresence(v.c.focus) != "" {
		lines++
	}
	return strings.Repeat("\n", lines)
}
