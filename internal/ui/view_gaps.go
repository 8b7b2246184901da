package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/coverage"
	"rota/internal/memo"
	"rota/internal/report"
)

// gapsView lists every gap as runs of dates with the reason; in a what-if
// it also lists the gaps the what-if resolves. Enter shows the day in Month.
type gapsView struct {
	wholePlan
	c      *common
	items  []gapItem
	cursor int
	top    int
	days   int // dates with a gap
	crit   int // critical runs
	// warnings are the plan's warnings as `rota check` groups them,
	// critical first: advice a PA should see where the gaps are.
	warnings []report.WarningLine
}

// maxWarnings is how many warning lines the Gaps view gives at most, so
// the gaps keep most of a small screen.
const maxWarnings = 4

// warningLines is how many lines the warnings take: a heading and up to
// maxWarnings, the last saying how many more there are.
func (v *gapsView) warningLines() int {
	if len(v.warnings) == 0 {
		return 0
	}
	return 1 + min(len(v.warnings), maxWarnings, max(v.c.bodyH/4, 1))
}

// gapItem is one run of gaps, new or resolved in a what-if.
type gapItem struct {
	*report.Range        // the planners' shared run (derive): never changed
	mark          string // "+" new in the what-if, "-" resolved by it, "" otherwise
}

func newGapsView(c *common) *gapsView { return &gapsView{c: c} }

func (v *gapsView) Title() string   { return "Gaps" }
func (v *gapsView) Capturing() bool { return false }
func (v *gapsView) Resize()         { v.top = scroll(v.top, v.cursor, v.listH(), len(v.items)) }

func (v *gapsView) Refresh() {
	c := v.c
	r := c.result()
	ranges := c.gapRanges()
	v.crit = 0
	for i := range ranges {
		if ranges[i].Critical {
			v.crit++
		}
	}
	switch {
	case c.diff == nil && len(ranges) > 0:
		// The plan itself: the same list for every planner on this
		// version (derive's runs), made once.
		v.items = gapLists.Get(&ranges[0], func() []gapItem { return gapList(ranges, nil) })
	default:
		v.items = gapList(ranges, c.diff)
	}
	v.warnings = report.WarningLines(r)
	v.days = 0
	var last int32 = -1
	for _, g := range r.Gaps {
		if int32(g.Date) != last {
			v.days++
			last = int32(g.Date)
		}
	}
	v.cursor = min(v.cursor, max(len(v.items)-1, 0))
	v.Resize()
}

// gapLists holds the Gaps lists of the plans' versions last shown, by
// their first run (derive's, shared): never changed once made.
var gapLists = memo.New[*report.Range, []gapItem](4)

// gapList is the Gaps view's list of ranges, with diff's new and resolved
// runs in a what-if. Critical runs (SPOC or statutory) come first, as a PA
// must act on them first; in a what-if, which is about what it changes,
// new gaps come before resolved ones and those before the rest. Each group
// keeps the runs' date order: a stable partition, not a sort, since a
// council's decade has tens of thousands of runs.
func gapList(ranges []report.Range, diff *Diff) []gapItem {
	items := make([]gapItem, 0, len(ranges))
	for i := range ranges {
		it := gapItem{Range: &ranges[i]}
		if diff != nil && anyNew(diff, ranges[i]) {
			it.mark = "+"
		}
		items = append(items, it)
	}
	if diff != nil {
		resolved := report.Ranges(diff.Base(), diff.Resolved)
		for i := range resolved {
			items = append(items, gapItem{Range: &resolved[i], mark: "-"})
		}
	}
	group := func(it gapItem) int {
		g := 4
		switch it.mark {
		case "+":
			g = 0
		case "-":
			g = 2
		}
		if !it.Critical {
			g++
		}
		return g
	}
	var start [7]int
	for _, it := range items {
		start[group(it)+1]++
	}
	for g := 1; g < len(start); g++ {
		start[g] += start[g-1]
	}
	sorted := make([]gapItem, len(items))
	for _, it := range items {
		g := group(it)
		sorted[start[g]] = it
		start[g]++
	}
	return sorted
}

// anyNew reports whether a run has a date whose gap the base did not have.
func anyNew(diff *Diff, g report.Range) bool {
	for d := g.From; d <= g.To; d++ {
		if diff.IsNew(coverage.Gap{Date: d, Kind: g.Kind, ID: g.ID}) {
			return true
		}
	}
	return false
}

func (v *gapsView) ShortHelp() []key.Binding {
	k := v.c.keys
	return []key.Binding{k.Up, k.Down, k.ShowDay}
}

func (v *gapsView) FullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Enter}}
}

func (v *gapsView) listH() int { return max(v.c.bodyH-5-v.warningLines(), 3) }

func (v *gapsView) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok || len(v.items) == 0 {
		return nil
	}
	keys := v.c.keys
	switch {
	case key.Matches(k, keys.Up):
		v.cursor = max(v.cursor-1, 0)
	case key.Matches(k, keys.Down):
		v.cursor = min(v.cursor+1, len(v.items)-1)
	case key.Matches(k, keys.PageUp):
		v.cursor = max(v.cursor-v.listH()+1, 0)
	case key.Matches(k, keys.PageDown):
		v.cursor = min(v.cursor+v.listH()-1, len(v.items)-1)
	case key.Matches(k, keys.Enter):
		return goTo(v.items[v.cursor].From, viewMonth, false)
	}
	v.top = scroll(v.top, v.cursor, v.listH(), len(v.items))
	return nil
}

func (v *gapsView) View() string {
	c := v.c
	st := c.st
	r := c.result()
	var b strings.Builder
	if len(r.Gaps) == 0 {
		b.WriteString(st.OK.Render("No gaps: every working day has a SPOC, someone present and every duty held.") + "\n")
	} else {
		b.WriteString(cut(fmt.Sprintf("%d %s on %d %s, in %d %s; %d critical (SPOC or statutory)",
			len(r.Gaps), plural(len(r.Gaps), "gap", "gaps"), v.days, plural(v.days, "day", "days"),
			len(v.items), plural(len(v.items), "run", "runs"), v.crit), c.bodyW) + "\n")
	}
	if d := c.diff; d != nil {
		b.WriteString(cut(fmt.Sprintf("What-if against version %d: + %d new, - %d resolved", c.snap.Base, len(d.New), len(d.Resolved)), c.bodyW) + "\n")
	}
	if n := v.warningLines(); n > 0 {
		b.WriteString(st.Header.Render(cut(fmt.Sprintf("%d %s, critical first:", len(r.Warnings), plural(len(r.Warnings), "warning", "warnings")), c.bodyW)) + "\n")
		for i, w := range v.warnings[:n-1] {
			text := "  " + w.Text
			if i == n-2 && len(v.warnings) > n-1 {
				text = fmt.Sprintf("  … and %d more", len(v.warnings)-n+2)
			}
			style := st.Muted
			switch w.Severity {
			case coverage.Critical:
				style = st.Critical
			case coverage.Warn:
				style = st.Gap
			}
			b.WriteString(style.Render(cut(text, c.bodyW)) + "\n")
		}
	}
	if len(v.items) == 0 {
		return b.String()
	}
	dateW := 22
	b.WriteString(st.Header.Render(padRight("    When", dateW+4)+"What: who is away") + "\n")
	h := v.listH()
	top := min(v.top, max(len(v.items)-h, 0))
	for i := top; i < min(top+h, len(v.items)); i++ {
		it := v.items[i]
		sel := "  "
		if i == v.cursor {
			sel = "> "
		}
		mark := " "
		if it.mark != "" {
			mark = it.mark
		}
		when := report.DateRange(it.From, it.To)
		if it.Days > 1 {
			when += fmt.Sprintf(" (%dd)", it.Days)
		}
		crit := " "
		if it.Critical {
			crit = "!"
		}
		line := cut(sel+mark+crit+padRight(when, dateW)+it.Title+": "+it.Why, c.bodyW)
		style := st.Gap
		switch {
		case it.mark == "+":
			style = st.New
		case it.mark == "-":
			style = st.Resolved
		case it.Critical:
			style = st.Critical
		}
		if i == v.cursor {
			style = st.Selected
		}
		b.WriteString(style.Render(line) + "\n")
	}
	it := v.items[v.cursor]
	b.WriteString("\n" + cut(it.String(), c.bodyW))
	return b.String()
}
