package ui

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/report"
)

// peopleView is the load table across people, which is also the picker,
// and the chosen person's own plan below it.
type peopleView struct {
	c      *common
	cursor int
	scroll int // the person's plan's first line
	loads  []load
	base   map[string]load // a what-if's base loads, to mark changes
	plans  map[string]report.PersonPlan
	lines  map[string][]string // each person's plan laid out at the width
}

// load is one row of the load table.
type load struct {
	id                   string
	lead, buddy, present int
	weekday              [7]int
	owns, covers, away   int
	act                  int // days acting as SPOC for someone, plus duty-days held as cover
}

func newPeopleView(c *common) *peopleView { return &peopleView{c: c} }

func (v *peopleView) Title() string   { return "People" }
func (v *peopleView) WantsBack() bool { return false }

// Scope is the chosen person: a PA looking at Paul who exports wants Paul.
func (v *peopleView) Scope() exportScope {
	if len(v.loads) == 0 {
		return exportScope{}
	}
	return exportScope{person: v.loads[v.cursor].id}
}
func (v *peopleView) Capturing() bool { return false }
func (v *peopleView) Resize() {
	v.lines = map[string][]string{}
	v.plan()
}

func loads(r *coverage.Result) []load {
	f := r.Frame
	p := f.Plan
	idx := map[string]int{}
	out := make([]load, len(p.Persons))
	for i, x := range p.Persons {
		out[i].id = x.ID
		idx[x.ID] = i
	}
	for i := range f.Months {
		if j, ok := idx[r.Assign.SPOC[i]]; ok {
			out[j].lead++
		}
		if j, ok := idx[r.Assign.Buddy[i]]; ok {
			out[j].buddy++
		}
	}
	for k, d := range f.Days {
		if j, ok := idx[r.Assign.Presence[k]]; ok {
			out[j].present++
			out[j].weekday[d.Weekday()]++
		}
		if s, _ := r.SPOC(d); r.Acting[k] != "" && r.Acting[k] != s {
			out[idx[r.Acting[k]]].act++
		}
	}
	for _, du := range p.Duties {
		if j, ok := idx[du.Owner]; ok {
			out[j].owns++
		}
		for _, id := range du.Cover {
			if j, ok := idx[id]; ok {
				out[j].covers++
			}
		}
	}
	awayOn := make([][]int, len(out))  // each person's working days away, by index
	awayAt := make([][]bool, len(out)) // and the same by day, to look up
	for i := range out {
		awayAt[i] = make([]bool, len(f.Days))
		for k, d := range f.Days {
			if f.Absent(out[i].id, d) {
				out[i].away++
				awayOn[i] = append(awayOn[i], k)
				awayAt[i][k] = true
			}
		}
	}
	// A cover holds a duty only on days its owner is away, so only those
	// days are looked at, and the first cover there is found by index: a
	// council's thousands of duties over ten years stay cheap.
	cover := make([]int, 0, 8)
	for _, du := range p.Duties {
		o, ok := idx[du.Owner]
		if !ok || len(du.Cover) == 0 {
			continue
		}
		cover = cover[:0]
		for _, id := range du.Cover {
			if j, ok := idx[id]; ok {
				cover = append(cover, j)
			}
		}
		for _, k := range awayOn[o] {
			for _, j := range cover {
				if !awayAt[j][k] {
					out[j].act++
					break
				}
			}
		}
	}
	return out
}

func (v *peopleView) Refresh() {
	r := v.c.result()
	v.loads = loads(r)
	v.cursor = min(v.cursor, len(v.loads)-1)
	v.plans = map[string]report.PersonPlan{}
	v.lines = map[string][]string{}
	v.base = nil
	if d := v.c.diff; d != nil {
		v.base = map[string]load{}
		for _, l := range loads(d.Base()) {
			v.base[l.id] = l
		}
	}
	v.plan()
}

// plan computes and lays out the chosen person's plan, once per state
// and width.
func (v *peopleView) plan() {
	if len(v.loads) == 0 || v.plans == nil {
		return
	}
	id := v.loads[v.cursor].id
	if _, ok := v.plans[id]; !ok {
		v.plans[id] = report.NewPersonPlan(v.c.result(), id, nil)
	}
	if _, ok := v.lines[id]; !ok {
		v.lines[id] = v.personLines(id)
	}
}

func (v *peopleView) ShortHelp() []key.Binding {
	k := v.c.keys
	return []key.Binding{k.Up, k.Down, k.PageDown, k.Absent, k.Unabsent}
}

func (v *peopleView) FullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Absent, k.Unabsent}}
}

func (v *peopleView) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok || len(v.loads) == 0 {
		return nil
	}
	c := v.c
	keys := c.keys
	switch {
	case key.Matches(k, keys.Up):
		v.cursor, v.scroll = max(v.cursor-1, 0), 0
		v.plan()
	case key.Matches(k, keys.Down):
		v.cursor, v.scroll = min(v.cursor+1, len(v.loads)-1), 0
		v.plan()
	case key.Matches(k, keys.PageDown):
		v.scroll += max(v.room()-1, 1)
	case key.Matches(k, keys.PageUp):
		v.scroll = max(v.scroll-max(v.room()-1, 1), 0)
	case key.Matches(k, keys.Absent):
		d := c.focus
		return openModal(newAbsenceForm(c, v.loads[v.cursor].id, d, d))
	case key.Matches(k, keys.Unabsent):
		id := v.loads[v.cursor].id
		if me, only := c.ownAbsencesOnly(); only && id != me {
			// Only their own are offered, wherever the cursor is.
			if id = me; me == "" {
				return failure(fmt.Errorf("your user names no person of this plan, so you have no absences to remove"))
			}
		}
		f := c.frame()
		var items []choice
		for i, a := range f.Absences(id) {
			note := a.Reason
			items = append(items, choice{label: report.DateRange(a.From, a.To), note: note, value: fmt.Sprint(i)})
		}
		if len(items) == 0 {
			return status(f.Plan.PersonName(id) + " has no absences recorded")
		}
		return openModal(newPicker(c, "Remove an absence of "+f.Plan.PersonName(id), items, "", func(ch choice) tea.Cmd {
			var i int
			fmt.Sscan(ch.value, &i)
			a := f.Absences(id)[i]
			return apply(change.RemoveAbsence(id, a.From, a.To))
		}))
	}
	return nil
}

// room is how many lines the person's plan has under the table.
func (v *peopleView) room() int { return v.c.bodyH - len(v.loads) - 3 }

func (v *peopleView) View() string {
	c := v.c
	st := c.st
	p := c.plan()
	if len(v.loads) == 0 {
		return "The plan names nobody."
	}
	var b strings.Builder
	wds := c.wds
	nameW := 8
	for _, l := range v.loads {
		nameW = max(nameW, len([]rune(p.PersonName(l.id)))+3)
	}
	nameW = max(min(nameW, c.bodyW-41-4*len(wds), 24), 10)
	head := padRight("  Person", nameW) + " SPOC buddy present"
	for _, wd := range wds {
		head += " " + wd.String()[:3]
	}
	head += " owns covers acts away"
	b.WriteString(st.Header.Render(cut(head, c.bodyW)) + "\n")
	for i, l := range v.loads {
		mark := "  "
		if i == v.cursor {
			mark = "> "
		}
		bl, changed := v.base[l.id]
		num := func(n, was, w int) string {
			s := padLeft(fmt.Sprint(n), w)
			if changed && n != was {
				return st.Changed.Render(padLeft(fmt.Sprintf("~%d", n), w))
			}
			return s
		}
		line := padRight(mark+cut(p.PersonName(l.id), nameW-3), nameW) +
			num(l.lead, bl.lead, 5) + num(l.buddy, bl.buddy, 6) + num(l.present, bl.present, 8)
		for _, wd := range wds {
			line += num(l.weekday[wd], bl.weekday[wd], 4)
		}
		line += num(l.owns, bl.owns, 5) + num(l.covers, bl.covers, 7) + num(l.act, bl.act, 5) + num(l.away, bl.away, 5)
		if i == v.cursor {
			line = st.Selected.Render(padRight(line, min(c.bodyW, lineWidth(line))))
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n")
	lines := v.lines[v.loads[v.cursor].id]
	room := max(v.room(), 1)
	top := min(v.scroll, max(len(lines)-room, 0))
	// A copy: the last line may become the "more" note, and lines is the
	// cache every later frame draws from.
	shown := slices.Clone(lines[top:min(top+room, len(lines))])
	if top+room < len(lines) && len(shown) > 0 {
		shown[len(shown)-1] = st.Muted.Render(fmt.Sprintf("↓ %d more lines (pgdn)", len(lines)-top-room+1))
	}
	b.WriteString(strings.Join(shown, "\n"))
	return b.String()
}

func lineWidth(s string) int { return len([]rune(s)) }

// personLines is the chosen person's plan, one fact a line, wrapped to the
// width.
func (v *peopleView) personLines(id string) []string {
	c := v.c
	st := c.st
	p := c.plan()
	pp, ok := v.plans[id]
	if !ok {
		return []string{st.Muted.Render("…")}
	}
	var lines []string
	add := func(label, text string) {
		for i, l := range wrap(text, c.bodyW-14) {
			if i == 0 {
				lines = append(lines, st.Header.Render(padRight(label, 14))+l)
			} else {
				lines = append(lines, strings.Repeat(" ", 14)+l)
			}
		}
	}
	title := pp.Name
	if pp.Title != "" {
		title += ", " + pp.Title
	}
	lines = append(lines, st.Title.Render(cut(title, c.bodyW)))
	add("Leads (SPOC)", report.MonthList(pp.Lead))
	add("Buddy", report.MonthList(pp.Buddy))
	if p.Presence.Enabled {
		byMonth := map[calendar.Month]int{}
		var months []calendar.Month
		for _, d := range pp.Presence {
			if byMonth[d.Month()] == 0 {
				months = append(months, d.Month())
			}
			byMonth[d.Month()]++
		}
		var parts []string
		if len(c.frame().Months) <= 12 {
			for _, m := range months {
				_, mm := m.YM()
				parts = append(parts, fmt.Sprintf("%s %d", mm.String()[:3], byMonth[m]))
			}
		} else {
			years := map[int]int{}
			var order []int
			for _, m := range months {
				y, _ := m.YM()
				if years[y] == 0 {
					order = append(order, y)
				}
				years[y] += byMonth[m]
			}
			for _, y := range order {
				parts = append(parts, fmt.Sprintf("%d: %d", y, years[y]))
			}
		}
		text := fmt.Sprintf("%d days", len(pp.Presence))
		if len(parts) > 0 {
			text += ": " + strings.Join(parts, ", ")
		}
		add("Present", text)
	}
	add(fmt.Sprintf("Away (%d)", len(pp.Absences)), orNone(strings.Join(pp.Absences, "; ")))
	// Acting runs are listed up to a screenful; a decade has hundreds.
	var acts []string
	days := 0
	for i, a := range pp.Acting {
		days += a.Days
		if i < maxActs {
			acts = append(acts, fmt.Sprintf("%s for %s %s", a.What, c.name(a.For), report.DateRange(a.From, a.To)))
		}
	}
	if n := len(pp.Acting) - maxActs; n > 0 {
		acts = append(acts, fmt.Sprintf("and %d more runs, %d days in all", n, days))
	}
	// The table's "acts" column counts the same days, so the two agree.
	add(fmt.Sprintf("Acts (%d %s)", days, plural(days, "day", "days")), orNone(strings.Join(acts, "; ")))
	add(fmt.Sprintf("Owns (%d)", len(pp.Owns)), v.duties(pp.Owns))
	add(fmt.Sprintf("Covers (%d)", len(pp.Covers)), v.duties(pp.Covers))
	return lines
}

// maxActs is how many acting runs a person's plan lists.
const maxActs = 12

func (v *peopleView) duties(ids []string) string {
	f := v.c.frame()
	var out []string
	for _, id := range ids {
		du, _ := f.Duty(id)
		t := du.Title
		if du.Statutory {
			t = "§ " + t
		}
		out = append(out, t)
	}
	return orNone(strings.Join(out, "; "))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// wrap breaks text into lines of at most w cells at spaces.
func wrap(text string, w int) []string {
	w = max(w, 10)
	var lines []string
	var line strings.Builder
	n := 0
	for _, word := range strings.Fields(text) {
		k := utf8.RuneCountInString(word)
		switch {
		case n == 0:
			line.WriteString(word)
			n = k
		case n+1+k <= w:
			line.WriteByte(' ')
			line.WriteString(word)
			n += 1 + k
		default:
			lines = append(lines, line.String())
			line.Reset()
			line.WriteString(word)
			n = k
		}
	}
	if n > 0 || len(lines) == 0 {
		lines = append(lines, cut(line.String(), w))
	}
	return lines
}
