package ui

import (
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
	"rota/internal/report"
)

// common is the state the parent shares with every view.
type common struct {
	src   Source
	dir   string // where exports go unless given a full path
	st    *Styles
	keys  *KeyMap
	width int // the terminal
	h     int
	bodyW int // the space a view draws in
	bodyH int
	// served is a planner run by rota serve (Options.NoFiles): no exports,
	// and no command line to point its user to.
	served bool

	snap      *Snapshot // what the views show
	base      *Snapshot // a what-if's base; nil otherwise
	diff      *Diff     // snap against base; nil unless a what-if
	history   []Version
	scenarios []ScenarioInfo
	names     map[string]string // short names for tables
	today     calendar.Date
	focus     calendar.Date  // the selected date, shared by Rota, Month and Gaps
	presence  map[string]int // presence days per person
	gapText   string         // "12 gaps on 5 days", for the status bar
	derived   *derived       // the gaps as runs of days (gapRanges), computed once per state
	wds       []time.Weekday // the plan's working weekdays, Monday first: the grid's columns
	// planLatest is the plan's latest version as far as the planner knows:
	// a what-if whose base is older is behind the plan.
	planLatest int
}

// startDate is the date the planner opens on: today when the plan covers
// it, else the plan's first working day.
func (c *common) startDate() calendar.Date {
	f := c.snap.Result.Frame
	if c.today >= f.Plan.Start && c.today <= f.Plan.End {
		return c.today
	}
	if len(f.Days) > 0 {
		return f.Days[0]
	}
	return f.Plan.Start
}

// currentMonth is the month marked as current: today's, when the plan
// covers today. A plan wholly past or to come has none: marking its first
// month would tell a PA that it is this month.
func (c *common) currentMonth() (calendar.Month, bool) {
	p := c.snap.Result.Frame.Plan
	if c.today >= p.Start && c.today <= p.End {
		return c.today.Month(), true
	}
	return 0, false
}

func (c *common) result() *coverage.Result { return c.snap.Result }
func (c *common) frame() *engine.Frame     { return c.snap.Result.Frame }
func (c *common) plan() *plan.Plan         { return c.snap.Result.Frame.Plan }

// name is what tables call a person: "—" for nobody.
func (c *common) name(id string) string {
	if id == "" {
		return "—"
	}
	if n, ok := c.names[id]; ok {
		return n
	}
	return id
}

// monthIdx is the index of the focused month in the plan.
func (c *common) monthIdx() int {
	i, _ := c.frame().MonthIndex(c.focus.Month())
	return i
}

// setMonth moves the focus to month i, keeping the day of the month where
// it can, so paging through months keeps your place.
func (c *common) setMonth(i int) {
	f := c.frame()
	i = max(0, min(i, len(f.Months)-1))
	m := f.Months[i]
	_, _, day := c.focus.YMD()
	d := m.First().AddDays(day - 1)
	if d > m.Last() {
		d = m.Last()
	}
	d = max(f.Plan.Start, min(d, f.Plan.End))
	// Land on a date the month's grid has a column for: the nearest working
	// weekday after, else before.
	for e := d; e <= min(m.Last(), f.Plan.End); e++ {
		if f.Cal.IsWorkday(e) {
			c.focus = e
			return
		}
	}
	for e := d; e >= max(m.First(), f.Plan.Start); e-- {
		if f.Cal.IsWorkday(e) {
			c.focus = e
			return
		}
	}
	c.focus = d
}

// pinnedMonth reports whether an explicit change set m's SPOC or buddy.
func (c *common) pinnedMonth(m calendar.Month) bool { return c.snap.PinnedMonths[m] }

// pinnedDay reports whether an explicit change set d's presence.
func (c *common) pinnedDay(d calendar.Date) bool { return c.snap.PinnedDays[d] }

// suggestPresence returns who should be present on working day d when the
// person saved for it is away: the available person of the presence order
// with the fewest presence days (spec section 9, engine.SuggestPresence),
// "" when the person saved is there or nobody is free.
func (c *common) suggestPresence(d calendar.Date) string {
	r := c.result()
	f := r.Frame
	k, ok := f.DayIndex(d)
	if !ok || !f.Plan.Presence.Enabled {
		return ""
	}
	if who := r.Assign.Presence[k]; who != "" && !f.Absent(who, d) {
		return ""
	}
	return engine.SuggestPresenceCounted(f, r.Assign, d, c.presence)
}

// countPresence counts each person's presence days.
func countPresence(r *coverage.Result) map[string]int {
	out := map[string]int{}
	for _, id := range r.Assign.Presence {
		if id != "" {
			out[id]++
		}
	}
	return out
}

// gapRanges is the state's gaps as runs of days (report.Ranges).
func (c *common) gapRanges() []report.Range { return c.derived.Ranges() }
