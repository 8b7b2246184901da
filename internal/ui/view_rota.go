package ui

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/plan"
	"rota/internal/report"
	"rota/internal/termtext"
)

// rotaView is the paper's table: months across, the SPOC and buddy of each,
// its working days, gap days and a coverage bar, with the focused month's
// details below.
type rotaView struct {
	wholePlan
	c *common
	// per month, computed on Refresh
	gapDays  []int
	baseGaps []int // a what-if's base, for the change in gap days
	ranges   [][]report.Range
	// handover shows the selected month's handover sheet below the table
	// instead of its gaps (H).
	handover bool
	// sheetTop is the first line of sheetMonth's handover sheet shown, as
	// scrolled with ↑↓; another month's sheet starts at its top.
	sheetTop   int
	sheetMonth calendar.Month
}

func newRotaView(c *common) *rotaView { return &rotaView{c: c} }

func (v *rotaView) Title() string   { return "Rota" }
func (v *rotaView) Capturing() bool { return false }
func (v *rotaView) Resize()         {}

func (v *rotaView) Refresh() {
	r := v.c.result()
	f := r.Frame
	v.gapDays = make([]int, len(f.Months))
	v.ranges = make([][]report.Range, len(f.Months))
	for i := range f.Months {
		v.gapDays[i] = r.GapDays(i)
	}
	// The runs are in start-date order (report.Ranges), so each month's
	// are one stretch of the planners' shared slice: no copy, capped so
	// that nothing appends into the next month's.
	all := v.c.gapRanges()
	for lo := 0; lo < len(all); {
		hi := lo + 1
		mo := all[lo].From.Month()
		for hi < len(all) && all[hi].From.Month() == mo {
			hi++
		}
		if i, ok := f.MonthIndex(mo); ok {
			v.ranges[i] = all[lo:hi:hi]
		}
		lo = hi
	}
	v.baseGaps = nil
	if d := v.c.diff; d != nil {
		b := d.Base()
		v.baseGaps = make([]int, len(b.Frame.Months))
		for i := range b.Frame.Months {
			v.baseGaps[i] = b.GapDays(i)
		}
	}
}

func (v *rotaView) ShortHelp() []key.Binding {
	k := v.c.keys
	if v.handover {
		return []key.Binding{k.Left, k.Right, k.SheetScroll, k.Handover, k.HandoverNote, k.HandoverAck}
	}
	return []key.Binding{k.Left, k.Right, k.Enter, k.SPOC, k.Buddy, k.Swap, k.Absent, k.Handover}
}

func (v *rotaView) FullHelp() [][]key.Binding {
	k := v.c.keys
	sheet := []key.Binding{k.Handover, k.HandoverNote, k.HandoverAck}
	if v.handover {
		sheet = append(sheet, k.SheetScroll)
	}
	return [][]key.Binding{{k.Left, k.Right, k.PrevMonth, k.NextMonth, k.Today, k.Enter}, {k.SPOC, k.Buddy, k.Swap, k.Absent}, sheet}
}

func (v *rotaView) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	c := v.c
	keys := c.keys
	i := c.monthIdx()
	f := c.frame()
	switch {
	case key.Matches(k, keys.Left), key.Matches(k, keys.PrevMonth):
		c.setMonth(i - 1)
		v.sheetTop = 0
	case key.Matches(k, keys.Right), key.Matches(k, keys.NextMonth):
		c.setMonth(i + 1)
		v.sheetTop = 0
	case key.Matches(k, keys.Today):
		c.focus = c.startDate()
		v.sheetTop = 0
	case key.Matches(k, keys.Enter):
		return goTo(c.focus, viewMonth, false)
	case key.Matches(k, keys.SPOC):
		m := f.Months[i]
		return openModal(newPicker(c, "SPOC of "+m.Label(), v.people(f.Plan.SPOC.Order, i, v.refusedSPOC), c.result().Assign.SPOC[i], func(ch choice) tea.Cmd {
			return apply(change.SetSPOC(m, ch.value))
		}))
	case key.Matches(k, keys.Buddy):
		m := f.Months[i]
		return openModal(newPicker(c, "Buddy of "+m.Label(), v.people(f.Plan.SPOC.Order, i, v.refusedBuddy), c.result().Assign.Buddy[i], func(ch choice) tea.Cmd {
			return apply(change.SetBuddy(m, ch.value))
		}))
	case key.Matches(k, keys.Swap):
		m := f.Months[i]
		var items []choice
		for j, o := range f.Months {
			if j != i {
				items = append(items, choice{label: o.Label(), note: "SPOC " + c.name(c.result().Assign.SPOC[j]), value: o.String()})
			}
		}
		next := ""
		if i+1 < len(f.Months) {
			next = f.Months[i+1].String()
		}
		return openModal(newPicker(c, fmt.Sprintf("Swap the SPOC of %s (%s) with", m.Label(), c.name(c.result().Assign.SPOC[i])), items, next, func(ch choice) tea.Cmd {
			for _, o := range f.Months {
				if o.String() == ch.value {
					return apply(change.Swap(m, o))
				}
			}
			return nil
		}))
	case key.Matches(k, keys.Absent):
		m := f.Months[i]
		return openModal(newAbsenceForm(c, "", max(m.First(), f.Plan.Start), min(m.Last(), f.Plan.End)))
	case key.Matches(k, keys.Handover):
		v.handover = !v.handover
		v.sheetTop = 0
	case v.handover && key.Matches(k, keys.Up):
		v.scrollSheet(i, -1)
	case v.handover && key.Matches(k, keys.Down):
		v.scrollSheet(i, 1)
	case key.Matches(k, keys.HandoverNote):
		m := f.Months[i]
		v.handover = true
		check := func(s string) (string, error) {
			if strings.TrimSpace(s) == "" {
				return "", fmt.Errorf("write what the incoming SPOC needs to know")
			}
			return "", plan.CheckText("the note", s, plan.MaxNote)
		}
		return openModal(newPrompt(c, "Note for the handover of "+m.Label()+" (open issues, decisions pending, contacts)", "", check, func(s string) tea.Cmd {
			return apply(change.HandoverNote(m, "", s, ""))
		}))
	case key.Matches(k, keys.HandoverAck):
		v.handover = true
		spoc := c.result().Assign.SPOC[i]
		if why := c.recordRefusal(spoc, "acknowledge the handover of "+f.Months[i].Label()); why != "" {
			return failure(errors.New(why))
		}
		return apply(change.HandoverAck(f.Months[i], spoc, ""))
	}
	return nil
}

// handoverCell is month m's handover status in the table's handover row:
// marked when overdue, as the sheet says it (report.HandoverStatus).
func (v *rotaView) handoverCell(m calendar.Month, w int) string {
	c := v.c
	switch st, _ := report.HandoverStatus(c.result(), m, c.today); st {
	case report.HandoverNotAcknowledged:
		return c.st.Critical.Render(padRight(" unack", w))
	case report.HandoverAcknowledged:
		return c.st.OK.Render(padRight(" ack", w))
	}
	return padRight("", w)
}

// mayAcknowledge says whether the user may acknowledge the handover of a
// month whose SPOC is spoc (K): its SPOC, or a PA for them, on a version
// that may be changed. Others are not offered K.
func (v *rotaView) mayAcknowledge(spoc string) bool {
	return !v.c.snap.ReadOnly && v.c.refusal(v.c.keys.HandoverAck) == nil && v.c.mayRecordFor(spoc)
}

// handoverDetail is month i's handover sheet in room lines: its status,
// then the sections that have something from the line scrolled to, each
// line cut to the width. What does not fit is said, with how to scroll to
// it; a local planner also names the command that prints it all.
func (v *rotaView) handoverDetail(i, room int) string {
	c := v.c
	st := c.st
	m := c.frame().Months[i]
	title, body := v.handoverSheet(i)
	rows := room - 1 // the status line stays
	top := v.sheetStart(i, len(body), rows)
	shown := slices.Clone(body[top:min(top+max(rows, 0), len(body))])
	if top > 0 && len(shown) > 1 {
		shown[0] = st.Muted.Render(cut(fmt.Sprintf("  ↑ %d lines above (↑ scrolls)", top+1), c.bodyW))
	}
	if more := len(body) - top - len(shown); more > 0 && len(shown) > 0 {
		hint := "↓ scrolls"
		if c.refusal(c.keys.HandoverNote) == nil && !c.snap.ReadOnly {
			hint += "; N adds a note"
		}
		if !c.served {
			hint += fmt.Sprintf("; rota handover %s %s prints it all", c.snap.Plan, m)
		}
		shown[len(shown)-1] = st.Muted.Render(cut(fmt.Sprintf("  ↓ %d more lines (%s)", more+1, hint), c.bodyW))
	}
	return strings.Join(append([]string{title}, shown...), "\n") + "\n"
}

// handoverSheet is month i's handover sheet as the panel shows it: its
// status line, then its sections' lines, the notes first.
func (v *rotaView) handoverSheet(i int) (title string, body []string) {
	c := v.c
	st := c.st
	r := c.result()
	m := r.Frame.Months[i]
	// The plan's open what-ifs, as rota handover lists them: on the plan
	// itself, not inside one of them.
	var whatIfs []string
	if c.snap.Scenario == "" {
		for _, sc := range c.scenarios {
			whatIfs = append(whatIfs, sc.Name)
		}
	}
	h, _ := report.NewHandover(r, m, whatIfs, c.today, false)
	title = fmt.Sprintf("Handover of %s: %s", m.Label(), h.Status)
	if h.Status == report.HandoverNotAcknowledged {
		if v.mayAcknowledge(h.SPOC) {
			title += " (K: acknowledge as " + c.name(h.SPOC) + ")"
		}
		title = st.Critical.Render(cut(title, c.bodyW))
	} else {
		title = st.Title.Render(cut(title, c.bodyW))
	}
	// The notes and what needs acting on first: the panel has less room
	// than the sheet.
	secs := h.Lines(termtext.Escape)[1:]
	sort.SliceStable(secs, func(a, b int) bool { return secs[a].Title == "Notes" && secs[b].Title != "Notes" })
	for _, sec := range secs {
		if len(sec.Lines) == 0 {
			continue
		}
		body = append(body, st.Title.Render(cut(sec.Title, c.bodyW)))
		for _, l := range sec.Lines {
			style := st.Muted
			if strings.Contains(l, "UNCONFIRMED") {
				style = st.Critical
			}
			body = append(body, style.Render(cut("  "+l, c.bodyW)))
		}
	}
	return title, body
}

// sheetStart is the first of n sheet lines to show in rows rows for month
// i: where it was scrolled to, within the sheet.
func (v *rotaView) sheetStart(i, n, rows int) int {
	if v.sheetMonth != v.c.frame().Months[i] {
		return 0
	}
	// A terminal too short for the sheet still shows one line of it.
	return max(0, min(v.sheetTop, n-max(rows, 1)))
}

// scrollSheet moves month i's sheet d lines, within it.
func (v *rotaView) scrollSheet(i, d int) {
	_, body := v.handoverSheet(i)
	top := v.sheetStart(i, len(body), v.detailRoom()-1)
	v.sheetMonth = v.c.frame().Months[i]
	v.sheetTop = top + d
	v.sheetTop = v.sheetStart(i, len(body), v.detailRoom()-1)
}

// people lists persons for a picker, with how many days of month i each is
// away and, for those the rules would refuse, why (refused gives it, "" for
// none), so the PA sees it before picking.
func (v *rotaView) people(ids []string, i int, refused func(id string, i int) string) []choice {
	c := v.c
	f := c.frame()
	var out []choice
	for _, id := range ids {
		note := ""
		if n := f.AbsentDays(id, i); n > 0 {
			note = fmt.Sprintf("away %d of %d working days", n, len(f.MonthDays(i)))
			if f.MostlyAbsent(id, i) {
				note = "mostly " + note
			}
		}
		out = append(out, choice{label: f.Plan.PersonName(id), note: note, value: id, refused: refused(id, i)})
	}
	return out
}

// refusedSPOC says why id cannot be month i's SPOC: its buddy, set by
// hand, cannot also be its SPOC (the store's rule; see store.Change SetSPOC).
func (v *rotaView) refusedSPOC(id string, i int) string {
	c := v.c
	m := c.frame().Months[i]
	if c.result().Assign.Buddy[i] == id && c.snap.PinnedBuddies[m] {
		return "refused: the buddy, set by hand; set another buddy first (b)"
	}
	return ""
}

// refusedBuddy says why id cannot be month i's buddy: the SPOC cannot be
// their own buddy.
func (v *rotaView) refusedBuddy(id string, i int) string {
	c := v.c
	if c.result().Assign.SPOC[i] == id {
		return "refused: the SPOC cannot be the buddy"
	}
	return ""
}

func (v *rotaView) View() string {
	c := v.c
	st := c.st
	r := c.result()
	f := r.Frame
	p := f.Plan
	if len(f.Months) == 0 {
		return "The plan has no months."
	}
	var b strings.Builder
	head := fmt.Sprintf("%s · %s – %s · %d working days", p.Name, p.Start.Month().Label(), p.End.Month().Label(), len(f.Days))
	b.WriteString(st.Title.Render(cut(head, c.bodyW)) + "\n")
	if org := strings.Trim(p.Organisation+", "+p.Directorate, ", "); org != "" {
		b.WriteString(st.Muted.Render(cut(org, c.bodyW)) + "\n")
	}
	b.WriteString("\n")

	// Columns: wide enough for the longest short name and a mark.
	colW := 7
	for _, id := range p.SPOC.Order {
		colW = max(colW, len([]rune(c.name(id)))+2)
	}
	const labelW = 10
	colW = min(max(colW, (c.bodyW-labelW)/max(len(f.Months), 1)), 12)
	cols := max((c.bodyW-labelW)/colW, 1)
	cur := c.monthIdx()
	first := 0
	if len(f.Months) > cols {
		first = max(0, min(cur-cols/2, len(f.Months)-cols))
	}
	last := min(first+cols, len(f.Months))
	now, isNow := c.currentMonth()

	lines := make([]string, len(rotaRows))
	for j, l := range rotaRows {
		lines[j] = st.Header.Render(padRight(l, labelW))
	}
	if first > 0 {
		lines[1] = st.Header.Render(padRight("‹", labelW))
	}
	for i := first; i < last; i++ {
		m := f.Months[i]
		y, mm := m.YM()
		year := ""
		if i == first || mm == 1 {
			year = fmt.Sprint(y)
		}
		label := mm.String()[:3]
		if isNow && m == now {
			label += "•"
		}
		sel := i == cur
		if sel {
			label = ">" + label
		} else {
			label = " " + label
		}
		mark := ""
		if c.diff.MonthChanged(m) {
			mark = "~"
		} else if c.pinnedMonth(m) {
			mark = "#"
		}
		gd := fmt.Sprint(v.gapDays[i])
		if v.baseGaps != nil && v.baseGaps[i] != v.gapDays[i] {
			gd = fromTo(v.baseGaps[i], v.gapDays[i], "→")
		}
		days := len(f.MonthDays(i))
		cells := []string{
			st.Muted.Render(padRight(" "+year, colW)),
			padRight(label, colW),
			padRight(" "+c.name(r.Assign.SPOC[i])+mark, colW),
			padRight(" "+c.name(r.Assign.Buddy[i])+mark, colW),
			padRight(fmt.Sprintf(" %d", days), colW),
			padRight(" "+gd, colW),
		}
		switch {
		case v.baseGaps != nil && v.gapDays[i] > v.baseGaps[i]:
			cells[5] = st.New.Render(cells[5])
		case v.baseGaps != nil && v.gapDays[i] < v.baseGaps[i]:
			cells[5] = st.Resolved.Render(cells[5])
		case v.gapDays[i] > 0:
			cells[5] = st.Gap.Render(cells[5])
		}
		if mark == "~" {
			cells[2] = st.Changed.Render(cells[2])
			cells[3] = st.Changed.Render(cells[3])
		}
		full, empty := bar(days-v.gapDays[i], days, colW-2)
		if v.gapDays[i] > days { // gaps on non-working days (events) still count as gaps
			full, empty = bar(0, 1, colW-2)
		}
		cells = append(cells, " "+st.BarFull.Render(strings.Repeat("█", full))+st.BarGap.Render(strings.Repeat("░", empty))+" ")
		cells = append(cells, v.handoverCell(m, colW))
		if sel {
			cells[1] = st.Selected.Render(cells[1])
		} else if m == now {
			cells[1] = st.Current.Render(cells[1])
		}
		for j := range lines {
			lines[j] += cells[j]
		}
	}
	if last < len(f.Months) {
		lines[1] += " ›"
	}
	b.WriteString(strings.Join(lines, "\n") + "\n\n")
	if v.handover {
		b.WriteString(v.handoverDetail(cur, v.detailRoom()))
	} else {
		b.WriteString(v.detail(cur, v.detailRoom()))
	}
	return b.String()
}

// rotaRows are the table's rows, labelled; the first two are the year and
// the month.
var rotaRows = []string{"", "", "SPOC", "buddy", "days", "gap days", "covered", "handover"}

// detailRoom is how many lines the focused month's detail has below the
// table: the heading, the organisation if any, a blank line, the table's
// rows and a blank line take the rest.
func (v *rotaView) detailRoom() int {
	p := v.c.plan()
	head := 2
	if strings.Trim(p.Organisation+", "+p.Directorate, ", ") != "" {
		head++
	}
	return v.c.bodyH - head - len(rotaRows) - 1
}

// detail describes month i in room lines.
func (v *rotaView) detail(i, room int) string {
	c := v.c
	st := c.st
	r := c.result()
	f := r.Frame
	p := f.Plan
	m := f.Months[i]
	var b strings.Builder
	s, bu := r.Assign.SPOC[i], r.Assign.Buddy[i]
	line := fmt.Sprintf("%s: SPOC %s, buddy %s, %d working days", m.First().Time().Format("January 2006"), p.PersonName(s), p.PersonName(bu), len(f.MonthDays(i)))
	b.WriteString(st.Title.Render(cut(line, c.bodyW)) + "\n")
	var notes []string
	if n := f.AbsentDays(s, i); n > 0 {
		notes = append(notes, fmt.Sprintf("the SPOC is away %d %s", n, plural(n, "day", "days")))
	}
	if n := f.AbsentDays(bu, i); n > 0 {
		notes = append(notes, fmt.Sprintf("the buddy is away %d %s", n, plural(n, "day", "days")))
	}
	if st, _ := report.HandoverStatus(r, m, c.today); st == report.HandoverNotAcknowledged {
		if v.mayAcknowledge(s) {
			notes = append(notes, "handover not acknowledged (H shows it, K acknowledges)")
		} else {
			notes = append(notes, "handover not acknowledged (H shows it)")
		}
	}
	if c.pinnedMonth(m) {
		notes = append(notes, "set by hand (#)")
	}
	if c.diff.MonthChanged(m) {
		b0 := c.diff.Base()
		if j, ok := b0.Frame.MonthIndex(m); ok {
			notes = append(notes, fmt.Sprintf("the plan has SPOC %s, buddy %s (~)", c.name(b0.Assign.SPOC[j]), c.name(b0.Assign.Buddy[j])))
		}
	}
	if len(notes) > 0 {
		b.WriteString(cut(strings.Join(notes, "; "), c.bodyW) + "\n")
	}
	gaps := v.ranges[i]
	if c.diff != nil {
		// In a what-if, what it changes comes first.
		gaps = slices.Clone(gaps)
		sort.SliceStable(gaps, func(a, b int) bool { return anyNew(c.diff, gaps[a]) && !anyNew(c.diff, gaps[b]) })
	}
	room -= strings.Count(b.String(), "\n") + 1
	if len(gaps) == 0 {
		b.WriteString(st.OK.Render("No gaps this month.") + "\n")
	} else {
		b.WriteString(fmt.Sprintf("Gaps this month, in %d %s:\n", len(gaps), plural(len(gaps), "run", "runs")))
		room--
		for j, g := range gaps {
			if j == room-1 && len(gaps) > room {
				b.WriteString(st.Muted.Render(fmt.Sprintf("  … and %d more: see Gaps (5)", len(gaps)-j)) + "\n")
				break
			}
			style, mark := st.Gap, "  "
			if g.Critical {
				style = st.Critical
			}
			if c.diff != nil && anyNew(c.diff, g) {
				style, mark = st.New, "+ "
			}
			b.WriteString(style.Render(cut(mark+g.String(), c.bodyW)) + "\n")
		}
		room -= len(gaps)
	}
	if len(p.SPOC.Duties) > 0 && room > 0 {
		b.WriteString(st.Muted.Render(cut("The SPOC covers: "+strings.Join(p.SPOC.Duties, ", ")+".", c.bodyW)))
	}
	return b.String()
}
