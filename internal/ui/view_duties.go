package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/report"
)

// dutiesView lists the duties by area: owner, cover chain, the days nobody
// holds each, statutory ones marked; / filters.
type dutiesView struct {
	wholePlan
	c         *common
	rows      []dayRow // headings and duties that pass the filter
	cursor    int      // index in rows, always on a duty
	top       int
	filter    textinput.Model
	filtering bool
	ranges    map[string][]report.Range // the selected duty's gaps, by duty
	summary   string                    // the counts above the list
}

func newDutiesView(c *common) *dutiesView {
	in := newInput(c, "")
	in.Placeholder = "title, id, area or person"
	return &dutiesView{c: c, filter: in}
}

func (v *dutiesView) Title() string   { return "Duties" }
func (v *dutiesView) Capturing() bool { return v.filtering }
func (v *dutiesView) Resize()         {}

func (v *dutiesView) Refresh() {
	v.ranges = map[string][]report.Range{}
	r := v.c.result()
	p := r.Frame.Plan
	statutory, uncovered, unconfirmed := 0, 0, 0
	for _, du := range p.Duties {
		if du.Statutory {
			statutory++
		}
		if r.DutyGapCount(du.ID) > 0 {
			uncovered++
		}
		if r.UnconfirmedCount(du.ID) > 0 {
			unconfirmed++
		}
	}
	v.summary = fmt.Sprintf("%d duties, %d statutory (§); %d with days nobody holds", len(p.Duties), statutory, uncovered)
	if unconfirmed > 0 {
		v.summary += fmt.Sprintf("; %d with unconfirmed cover", unconfirmed)
	}
	v.build()
}

// build lists the duties that match the filter under their area headings.
func (v *dutiesView) build() {
	p := v.c.plan()
	q := strings.ToLower(strings.TrimSpace(v.filter.Value()))
	var selected string
	if v.cursor < len(v.rows) && v.rows[v.cursor].duty >= 0 && v.rows[v.cursor].duty < len(p.Duties) {
		selected = p.Duties[v.rows[v.cursor].duty].ID
	}
	v.rows = areaRows(v.rows[:0], p.Duties, func(du plan.Duty) bool { return q == "" || v.matches(du, q) })
	v.cursor = 0
	for i, r := range v.rows {
		if r.duty >= 0 && (selected == "" || p.Duties[r.duty].ID == selected) {
			v.cursor = i
			break
		}
	}
	v.select_()
}

func (v *dutiesView) matches(du plan.Duty, q string) bool {
	p := v.c.plan()
	if strings.Contains(strings.ToLower(du.Title), q) || strings.Contains(du.ID, q) ||
		strings.Contains(strings.ToLower(du.Area), q) {
		return true
	}
	for _, id := range du.Chain() {
		if strings.Contains(id, q) || strings.Contains(strings.ToLower(p.PersonName(id)), q) {
			return true
		}
	}
	return q == "statutory" && du.Statutory
}

// select_ works out the selected duty's gap ranges once.
func (v *dutiesView) select_() {
	du, ok := v.duty()
	if !ok {
		return
	}
	if _, done := v.ranges[du.ID]; done {
		return
	}
	r := v.c.result()
	var gaps []coverage.Gap
	for _, d := range r.DutyGaps(du.ID) {
		gaps = append(gaps, coverage.Gap{Date: d, Kind: coverage.KindDuty, ID: du.ID})
	}
	v.ranges[du.ID] = report.Ranges(r, gaps)
}

func (v *dutiesView) duty() (plan.Duty, bool) {
	if v.cursor >= len(v.rows) || v.rows[v.cursor].duty < 0 {
		return plan.Duty{}, false
	}
	return v.c.plan().Duties[v.rows[v.cursor].duty], true
}

func (v *dutiesView) ShortHelp() []key.Binding {
	k := v.c.keys
	if v.filtering {
		return []key.Binding{k.KeepFilter, k.ClearFilter}
	}
	return []key.Binding{k.Up, k.Down, k.Filter, k.Owner, k.Cover, k.CoverAccept, k.CoverDecline}
}

func (v *dutiesView) FullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown, k.Filter}, {k.Owner, k.Cover}, {k.CoverAccept, k.CoverDecline}}
}

func (v *dutiesView) move(d int) {
	for i := v.cursor + d; i >= 0 && i < len(v.rows); i += d {
		if v.rows[i].duty >= 0 {
			v.cursor = i
			break
		}
	}
	v.select_()
}

func (v *dutiesView) Update(msg tea.Msg) tea.Cmd {
	c := v.c
	keys := c.keys
	k, ok := msg.(tea.KeyMsg)
	if v.filtering {
		switch {
		case ok && key.Matches(k, keys.KeepFilter):
			v.filtering = false
			v.filter.Blur()
			return nil
		case ok && key.Matches(k, keys.ClearFilter):
			v.filtering = false
			v.filter.Blur()
			v.filter.SetValue("")
			v.build()
			return nil
		}
		var cmd tea.Cmd
		v.filter, cmd = v.filter.Update(msg)
		v.build()
		return cmd
	}
	if !ok {
		return nil
	}
	switch {
	case key.Matches(k, keys.Up):
		v.move(-1)
	case key.Matches(k, keys.Down):
		v.move(1)
	case key.Matches(k, keys.PageUp):
		for range max(v.listH()-1, 1) {
			v.move(-1)
		}
	case key.Matches(k, keys.PageDown):
		for range max(v.listH()-1, 1) {
			v.move(1)
		}
	case key.Matches(k, keys.Filter):
		v.filtering = true
		return v.filter.Focus()
	case key.Matches(k, keys.Back) && v.filter.Value() != "":
		v.filter.SetValue("")
		v.build()
	case key.Matches(k, keys.Owner):
		du, ok := v.duty()
		if !ok {
			return nil
		}
		p := c.plan()
		var items []choice
		for _, x := range p.Persons {
			note := x.Title
			if slices.Contains(du.Cover, x.ID) {
				note = "in the cover, leaves it" // the store takes a new owner out of the cover
			}
			items = append(items, choice{label: x.Name, note: note, value: x.ID})
		}
		return openModal(newPicker(c, "Owner of "+du.Title, items, du.Owner, func(ch choice) tea.Cmd {
			return apply(change.SetOwner(du.ID, ch.value))
		}))
	case key.Matches(k, keys.CoverAccept), key.Matches(k, keys.CoverDecline):
		if du, ok := v.duty(); ok {
			return v.coverAnswer(du, key.Matches(k, keys.CoverAccept))
		}
	case key.Matches(k, keys.Cover):
		du, ok := v.duty()
		if !ok {
			return nil
		}
		p := c.plan()
		check := func(s string) (string, error) {
			ids, err := parseCover(p, du, s)
			if err != nil {
				return "", err
			}
			if len(ids) == 0 {
				return "no cover: nobody holds it when " + c.name(du.Owner) + " is away", nil
			}
			var names []string
			for _, id := range ids {
				names = append(names, p.PersonName(id))
			}
			return c.name(du.Owner) + " → " + strings.Join(names, " → "), nil
		}
		return openModal(newPrompt(c, "Cover of "+du.Title+" (ids or first names, in order, comma-separated)", strings.Join(du.Cover, ", "), check, func(s string) tea.Cmd {
			ids, _ := parseCover(p, du, s)
			return apply(change.SetCover(du.ID, ids))
		}))
	}
	return nil
}

// parseCover reads a typed cover list.
func parseCover(p *plan.Plan, du plan.Duty, s string) ([]string, error) {
	var ids []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := findPerson(p, part)
		if err != nil {
			return nil, err
		}
		if id == du.Owner {
			return nil, fmt.Errorf("%s owns it and cannot also cover it", p.PersonName(id))
		}
		if slices.Contains(ids, id) {
			return nil, fmt.Errorf("%s is named twice", p.PersonName(id))
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// listH is how many rows the list has on screen.
func (v *dutiesView) listH() int { return max(v.c.bodyH-6, 3) }

func (v *dutiesView) View() string {
	c := v.c
	st := c.st
	r := c.result()
	p := c.plan()
	var b strings.Builder
	head := v.summary
	if v.filtering || v.filter.Value() != "" {
		v.filter.Width = max(c.bodyW-12, 10)
		head = "Filter: " + v.filter.View()
		if !v.filtering {
			head += st.Muted.Render("  (esc clears)")
		}
	}
	b.WriteString(cut(head, c.bodyW) + "\n")
	chainW := min(max(c.bodyW/3, 16), 40)
	titleW := c.bodyW - chainW - 16
	b.WriteString(st.Header.Render(padRight("    Duty", titleW+4)+padRight("owner → cover", chainW)+padLeft("days nobody", 12)) + "\n")
	h := v.listH()
	v.top = scroll(v.top, v.cursor, h, len(v.rows))
	if len(v.rows) == 0 {
		b.WriteString(st.Muted.Render("  no duty matches") + "\n")
	}
	var base *coverage.Result
	if c.diff != nil {
		base = c.diff.Base()
	}
	for i := v.top; i < min(v.top+h, len(v.rows)); i++ {
		row := v.rows[i]
		if row.duty < 0 {
			name := row.area
			if name == "" {
				name = "Other duties"
			}
			b.WriteString(st.Header.Render(cut(name, c.bodyW)) + "\n")
			continue
		}
		du := p.Duties[row.duty]
		mark := "  "
		if i == v.cursor {
			mark = "> "
		}
		stat := "  "
		if du.Statutory {
			stat = "§ "
		}
		chain := c.name(du.Owner) + " → "
		if len(du.Cover) == 0 {
			chain += "no cover"
		} else {
			var names []string
			for _, id := range du.Cover {
				names = append(names, c.name(id))
			}
			chain += strings.Join(names, " → ")
		}
		n := r.DutyGapCount(du.ID)
		days := "-"
		if n > 0 {
			days = fmt.Sprint(n)
		}
		style := st.Muted
		if n > 0 {
			style = st.Gap
		}
		if base != nil {
			if was := base.DutyGapCount(du.ID); was != n {
				days = fromTo(was, n, " → ")
				style = st.New
				if n < was {
					style = st.Resolved
				}
			}
			if bd, ok := base.Frame.Duty(du.ID); ok && (bd.Owner != du.Owner || !slices.Equal(bd.Cover, du.Cover)) {
				chain = "~" + chain
			}
		}
		line := mark + stat + padRight(cut(du.Title, titleW-1), titleW) + padRight(cut(chain, chainW-1), chainW)
		if i == v.cursor {
			b.WriteString(st.Selected.Render(line) + style.Render(padLeft(days, 12)) + "\n")
		} else {
			b.WriteString(line + style.Render(padLeft(days, 12)) + "\n")
		}
	}
	if du, ok := v.duty(); ok {
		b.WriteString("\n")
		b.WriteString(v.detail(du))
	}
	return b.String()
}

// detail describes the selected duty: its full chain and its gaps.
func (v *dutiesView) detail(du plan.Duty) string {
	c := v.c
	st := c.st
	p := c.plan()
	var chain []string
	for _, id := range du.Chain() {
		chain = append(chain, p.PersonName(id))
	}
	line := du.Title + ": " + strings.Join(chain, " → ")
	if len(du.Cover) == 0 {
		line += " (no cover: a single point of failure)"
	}
	if du.Statutory {
		line += " · statutory"
	}
	out := cut(line, c.bodyW) + "\n"
	if n := c.result().UnconfirmedCount(du.ID); n > 0 {
		days := c.result().UnconfirmedDays(du.ID)
		// The planner's own key, not a command: a served planner's user has
		// no command line, and A is what the planner offers.
		how := ""
		if c.refusal(c.keys.CoverAccept) == nil {
			how = " (A accepts it)"
		}
		out += st.Critical.Render(cut(fmt.Sprintf("Unconfirmed cover on %d days from %s: the cover has not accepted%s", n, days[0].Short(), how), c.bodyW)) + "\n"
	}
	rs := v.ranges[du.ID]
	if len(rs) == 0 {
		return out + st.OK.Render("Held every working day.")
	}
	parts := make([]string, 0, len(rs))
	for _, g := range rs {
		parts = append(parts, report.DateRange(g.From, g.To)+" ("+g.Why+")")
	}
	return out + st.Gap.Render(cut(fmt.Sprintf("Nobody holds it on %d days: %s", v.c.result().DutyGapCount(du.ID), strings.Join(parts, "; ")), c.bodyW))
}
