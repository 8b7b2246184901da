// Package ui is the interactive planner: a Bubble Tea program with one small
// model per view (Rota, Month, People, Duties, Gaps, History) and a parent
// Model that routes keys and messages, saves changes through a Source and
// draws the tabs, the status bar and the help. The views only draw what the
// parent computed when the plan last changed; nothing is computed in View.
package ui

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/report"
)

// Options adjust the planner; the zero value is what `rota` uses.
type Options struct {
	// Today is the date the planner calls today (the real date when zero):
	// it picks the month shown first and is marked in the views.
	Today calendar.Date
	// Renderer is the program's renderer, for its terminal's colour profile
	// and background: lipgloss.NewRenderer(output). Each program has its
	// own, so planners on several terminals can draw at once. When nil, one
	// is made for standard output.
	Renderer *lipgloss.Renderer
	// Styles and Keys replace the defaults when set; Styles should be built
	// with NewStyles from the program's renderer.
	Styles *Styles
	Keys   *KeyMap
	// Status is a first message for the status line, such as what was
	// imported to open the planner.
	Status string
	// Dir is the folder an export's file name is taken in when it is not
	// absolute: the working directory when empty.
	Dir string
}

// The views, in tab order; their number is their key.
const (
	viewRota = iota
	viewMonth
	viewPeople
	viewDuties
	viewGaps
	viewHistory
	viewCount
)

// view is one tab: a small model with its own Update and View that reads the
// shared state and asks the parent for changes through messages.
type view interface {
	Title() string
	Update(msg tea.Msg) tea.Cmd
	View() string
	// Refresh recomputes what the view draws after the plan changed.
	Refresh()
	// Resize lays the view out for the body size in the shared state.
	Resize()
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Capturing reports whether the view is taking typed text, so the
	// parent's single-letter keys must not fire.
	Capturing() bool
	// WantsBack reports whether esc means something inside the view (closing
	// the day), before it means leaving a read-only version.
	WantsBack() bool
	// Scope is what an export from the view covers: a person ("" for the
	// team) and a range of months (zero for the whole plan).
	Scope() exportScope
}

// exportScope is what the export form starts on from a view.
type exportScope struct {
	person   string
	from, to calendar.Month // both zero: the whole plan
}

// wholePlan is what most views export: the team and the whole plan; a view
// embeds it unless it narrows the scope or uses esc itself.
type wholePlan struct{}

func (wholePlan) WantsBack() bool    { return false }
func (wholePlan) Scope() exportScope { return exportScope{} }

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
	ranges    []report.Range // the gaps as runs of days, computed once per state
	wds       []time.Weekday // the plan's working weekdays, Monday first: the grid's columns
}

// Model is the planner's parent model.
type Model struct {
	src      Source
	c        *common
	views    [viewCount]view
	active   int
	modal    modal
	showHelp bool
	help     help.Model
	status   string
	isErr    bool
	busy     bool
	// closed is the form the last key closed, so that a change it asked
	// for and the rules refuse can open it again as the PA left it.
	closed modal
}

// typedForm is a modal holding what the PA typed; a refused change opens
// it again, so nothing typed is lost.
type typedForm interface {
	modal
	keepsTyping()
}

// New opens the planner on src's latest version.
func New(src Source, opt Options) (*Model, error) {
	snap, err := src.Current()
	if err != nil {
		return nil, err
	}
	if opt.Renderer == nil {
		opt.Renderer = lipgloss.NewRenderer(os.Stdout)
	}
	if opt.Styles == nil {
		opt.Styles = NewStyles(opt.Renderer)
	}
	if opt.Keys == nil {
		opt.Keys = DefaultKeyMap()
	}
	if opt.Today == 0 {
		opt.Today = calendar.FromTime(time.Now())
	}
	if opt.Dir == "" {
		if wd, err := os.Getwd(); err == nil {
			opt.Dir = wd
		} else {
			opt.Dir = "."
		}
	}
	c := &common{src: src, st: opt.Styles, keys: opt.Keys, today: opt.Today, dir: opt.Dir, width: 80, h: 24}
	m := &Model{src: src, c: c, help: help.New()}
	m.help.Styles = helpStyles(c.st)
	m.views = [viewCount]view{
		newRotaView(c), newMonthView(c), newPeopleView(c),
		newDutiesView(c), newGapsView(c), newHistoryView(c),
	}
	first := loadedMsg{snap: snap}
	withLists(src, &first)
	m.loaded(first)
	c.focus = c.startDate()
	m.resize(80, 24)
	m.status = strings.TrimPrefix(opt.Status+"; "+first.note, "; ")
	m.status = strings.TrimSuffix(m.status, "; ")
	return m, nil
}

// withLists adds the lists the History view shows to msg. A failure to read
// them is said in the status bar rather than shown as an empty history; it
// does not hide the plan, which was read.
func withLists(src Source, msg *loadedMsg) {
	var err error
	if msg.history, err = src.History(); err == nil {
		msg.scenarios, err = src.Scenarios()
	}
	if err != nil {
		msg.note = strings.TrimPrefix(msg.note+"; cannot read the plan's history: "+err.Error(), "; ")
	}
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

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd { return nil }

// loadedMsg carries a new state of the plan from the source.
type loadedMsg struct {
	snap      *Snapshot
	base      *Snapshot // set for a what-if
	history   []Version
	scenarios []ScenarioInfo
	note      string
	err       error
	reload    bool // the source refused because the plan moved on: show the latest
	derived   *derived
	reopen    modal // the form that asked for a refused change, to open again
}

// derived is what the views need beyond the evaluated plan and takes time
// on a large plan: computed in the command that loaded the plan, so the
// program keeps answering keys meanwhile.
type derived struct {
	ranges []report.Range
	diff   *Diff
}

func derive(snap, base *Snapshot) *derived {
	d := &derived{ranges: report.Ranges(snap.Result, snap.Result.Gaps)}
	if snap.Scenario != "" && base != nil {
		d.diff = Compare(base.Result, snap.Result)
	}
	return d
}

// applyMsg asks the parent to save a change.
type applyMsg struct{ c change.Change }

// gotoMsg asks the parent to show a date in a view.
type gotoMsg struct {
	date calendar.Date
	view int
	day  bool // open the day
}

// statusMsg puts a message in the status bar.
type statusMsg struct {
	text  string
	isErr bool
}

// openModalMsg opens a form, picker or prompt over the view.
type openModalMsg struct{ m modal }

// sourceMsg asks the parent to run an operation on the source.
type sourceMsg struct{ op func(Source) loadedMsg }

func apply(c change.Change) tea.Cmd { return func() tea.Msg { return applyMsg{c} } }
func status(s string) tea.Cmd       { return func() tea.Msg { return statusMsg{text: s} } }
func failure(err error) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: err.Error(), isErr: true} }
}
func openModal(md modal) tea.Cmd { return func() tea.Msg { return openModalMsg{md} } }
func goTo(d calendar.Date, v int, day bool) tea.Cmd {
	return func() tea.Msg { return gotoMsg{date: d, view: v, day: day} }
}
func onSource(op func(Source) loadedMsg) tea.Cmd {
	return func() tea.Msg { return sourceMsg{op} }
}

// run does op on the source in a command and reports the new state with
// the lists the History view shows.
func (m *Model) run(op func(Source) loadedMsg) tea.Cmd {
	m.busy = true
	src := m.src
	return func() tea.Msg {
		msg := op(src)
		if msg.err == nil || msg.reload {
			withLists(src, &msg)
		}
		if msg.reload {
			if cur, err := src.Current(); err == nil {
				msg.snap, msg.base = cur, nil
			}
		}
		if msg.snap != nil {
			msg.derived = derive(msg.snap, msg.base)
		}
		return msg
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.resize(msg.Width, msg.Height)
		return m, nil
	case tea.KeyMsg:
		return m, m.key(msg)
	case loadedMsg:
		m.busy = false
		m.loaded(msg)
		return m, nil
	case applyMsg:
		return m, m.apply(msg.c)
	case sourceMsg:
		return m, m.run(msg.op)
	case gotoMsg:
		m.c.focus = msg.date
		m.active = msg.view
		// The view shown decides what the message means to it (the Month
		// view opens or closes the day).
		return m, m.views[msg.view].Update(msg)
	case statusMsg:
		m.status, m.isErr = msg.text, msg.isErr
		return m, nil
	case historyDiffMsg:
		return m, m.views[viewHistory].Update(msg)
	case openModalMsg:
		m.modal = msg.m
		return m, m.modal.Init()
	case exportedMsg:
		// The status bar reports an export even when its form was closed
		// while it was being written.
		m.status, m.isErr = msg.text, msg.isErr
	}
	if m.modal != nil {
		cmd, done := m.modal.Update(msg)
		if done {
			m.closed, m.modal = m.modal, nil
		}
		return m, cmd
	}
	return m, m.views[m.active].Update(msg)
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	if key.Matches(msg, k.Interrupt) {
		return tea.Quit
	}
	m.status, m.isErr = "", false
	m.closed = nil
	if m.modal != nil {
		cmd, done := m.modal.Update(msg)
		if done {
			m.closed, m.modal = m.modal, nil
		}
		return cmd
	}
	if m.showHelp {
		m.showHelp = false
		return nil
	}
	v := m.views[m.active]
	if v.Capturing() {
		return v.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Quit):
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return nil
	case key.Matches(msg, k.Next):
		m.active = (m.active + 1) % viewCount
		return nil
	case key.Matches(msg, k.Prev):
		m.active = (m.active + viewCount - 1) % viewCount
		return nil
	case key.Matches(msg, k.Undo):
		return m.undo()
	case key.Matches(msg, k.Scenario):
		return m.scenarioKey()
	case key.Matches(msg, k.Export):
		return openModal(m.openExport())
	case key.Matches(msg, k.Back) && m.c.snap.ReadOnly && !v.WantsBack():
		return m.run(func(s Source) loadedMsg {
			snap, err := s.Current()
			return loadedMsg{snap: snap, err: err, note: "back to the latest version"}
		})
	}
	for i, b := range k.View {
		if key.Matches(msg, b) {
			m.active = i
			return nil
		}
	}
	return v.Update(msg)
}

func (m *Model) readOnly() error {
	if m.c.snap.ReadOnly {
		return fmt.Errorf("version %d is open to read only: esc returns to the latest version", m.c.snap.Version)
	}
	return nil
}

func (m *Model) apply(c change.Change) tea.Cmd {
	if err := m.readOnly(); err != nil {
		return failure(err)
	}
	on, base := m.c.snap, m.c.base
	var reopen modal
	if f, ok := m.closed.(typedForm); ok {
		reopen = f
	}
	m.closed = nil
	return m.run(func(s Source) loadedMsg {
		snap, err := s.Apply(on, c)
		if err != nil {
			return loadedMsg{err: fmt.Errorf("refused: %w", err), reload: errors.Is(err, ErrConflict) && on.Scenario == "", reopen: reopen}
		}
		note := fmt.Sprintf("saved version %d: %s", snap.Version, c)
		if snap.Scenario != "" {
			note = fmt.Sprintf("what-if %s: %s", snap.Scenario, c)
		}
		return loadedMsg{snap: snap, base: base, note: note}
	})
}

func (m *Model) undo() tea.Cmd {
	if err := m.readOnly(); err != nil {
		return failure(err)
	}
	on, base := m.c.snap, m.c.base
	return m.run(func(s Source) loadedMsg {
		snap, err := s.Undo(on)
		if err != nil {
			return loadedMsg{err: err, reload: errors.Is(err, ErrConflict) && on.Scenario == ""}
		}
		note := fmt.Sprintf("undone: saved version %d", snap.Version)
		if snap.Scenario != "" {
			note = fmt.Sprintf("what-if %s: last change undone", snap.Scenario)
		}
		return loadedMsg{snap: snap, base: base, note: note}
	})
}

// scenarioKey starts a what-if, or in one offers to adopt, rebase, keep or drop it.
func (m *Model) scenarioKey() tea.Cmd {
	if m.c.snap.Scenario != "" {
		return openModal(newEndScenario(m.c, m.c.snap))
	}
	if err := m.readOnly(); err != nil {
		return failure(err)
	}
	on := m.c.snap
	name := m.freeScenarioName()
	return m.run(func(s Source) loadedMsg {
		snap, err := s.NewScenario(on, name)
		if err != nil {
			return loadedMsg{err: err, reload: errors.Is(err, ErrConflict)}
		}
		return loadedMsg{snap: snap, base: on, note: fmt.Sprintf("what-if %q started on version %d: changes now go to it; s again to adopt, keep or drop it", name, on.Version)}
	})
}

// openExport opens the export form on what the active view shows: the
// People view's person, the Month view's month (a PA looking at October
// who exports wants October), else the whole team and the whole plan.
func (m *Model) openExport() *exportForm {
	p := m.c.plan()
	sc := m.views[m.active].Scope()
	if sc.from == 0 && sc.to == 0 {
		sc.from, sc.to = p.Start.Month(), p.End.Month()
	}
	return newExportForm(m.c, sc.person, sc.from, sc.to)
}

func (m *Model) freeScenarioName() string {
	taken := map[string]bool{}
	for _, s := range m.c.scenarios {
		taken[s.Name] = true
	}
	for i := 1; ; i++ {
		if n := fmt.Sprintf("what-if-%d", i); !taken[n] {
			return n
		}
	}
}

// loaded takes a new state from the source.
func (m *Model) loaded(msg loadedMsg) {
	if msg.history != nil {
		m.c.history = msg.history
	}
	if msg.scenarios != nil || msg.err == nil {
		m.c.scenarios = msg.scenarios
	}
	if msg.err != nil {
		m.status, m.isErr = msg.err.Error(), true
		if msg.reload && msg.snap != nil {
			m.status += " (showing the latest version now)"
			m.setSnap(msg.snap, nil, msg.derived)
		}
		// The form comes back as it was, to be corrected rather than typed
		// again; not after a conflict, which showed another version.
		if msg.reopen != nil && !msg.reload && m.modal == nil {
			m.modal = msg.reopen
		}
		return
	}
	m.status, m.isErr = msg.note, false
	m.setSnap(msg.snap, msg.base, msg.derived)
}

// setSnap shows a new state; d is its derived data when already computed.
func (m *Model) setSnap(snap, base *Snapshot, d *derived) {
	c := m.c
	if d == nil {
		d = derive(snap, base)
	}
	c.snap = snap
	c.base, c.diff = nil, d.diff
	if d.diff != nil {
		c.base = base
	}
	c.names = report.ShortNames(snap.Result.Frame.Plan)
	c.presence = countPresence(snap.Result)
	c.gapText = gapCount(snap)
	c.ranges = d.ranges
	c.wds = slices.Clone(snap.Result.Frame.Plan.Workdays)
	sort.Slice(c.wds, func(a, b int) bool { return (c.wds[a]+6)%7 < (c.wds[b]+6)%7 })
	p := snap.Result.Frame.Plan
	if c.focus < p.Start || c.focus > p.End {
		c.focus = c.startDate()
	}
	for _, v := range m.views {
		v.Refresh()
	}
}

func (m *Model) resize(w, h int) {
	m.c.width, m.c.h = w, h
	m.c.bodyW = w
	m.c.bodyH = max(h-3, 1) // tabs, status bar, help bar
	m.help.Width = w
	for _, v := range m.views {
		v.Resize()
	}
}

// View implements tea.Model.
func (m *Model) View() string {
	c := m.c
	body := ""
	switch {
	case m.showHelp:
		body = m.fullHelp()
	case m.modal != nil:
		w := min(c.bodyW-4, 76) // the border and padding take 4
		inner := m.modal.View(w)
		mv := c.st.Modal.Render(fit(inner, w, lipgloss.Height(inner)))
		top := c.bodyH - lipgloss.Height(mv)
		body = lipgloss.JoinVertical(lipgloss.Left, clip(m.views[m.active].View(), max(top, 0)), mv)
	default:
		body = m.views[m.active].View()
	}
	bar := m.helpBar()
	// A long message takes lines from the body rather than being cut.
	body = fit(body, c.bodyW, max(c.bodyH-(lipgloss.Height(bar)-1), 1))
	return lipgloss.JoinVertical(lipgloss.Left, m.tabs(), body, m.statusBar(), bar)
}

func (m *Model) tabs() string {
	c := m.c
	var parts []string
	for i, v := range m.views {
		label := fmt.Sprintf(" %d %s ", i+1, v.Title())
		if i == m.active {
			parts = append(parts, c.st.TabActive.Render("["+strings.TrimSpace(label)+"]"))
		} else {
			parts = append(parts, c.st.Tab.Render(label))
		}
	}
	return ansi.Truncate(strings.Join(parts, " "), c.width, "…")
}

func (m *Model) statusBar() string {
	c := m.c
	snap := c.snap
	st := c.st.Status
	var where string
	switch {
	case snap.ReadOnly:
		st = c.st.StatusReadOnly
		where = fmt.Sprintf("v%d of %d, read-only", snap.Version, snap.Latest)
	case snap.Scenario != "":
		st = c.st.StatusScenario
		where = fmt.Sprintf("what-if %s on v%d", snap.Scenario, snap.Base)
	default:
		where = fmt.Sprintf("v%d", snap.Version)
	}
	gaps := c.gapText
	if d := c.diff; d != nil {
		// The longest account of the what-if that leaves the plan's name room.
		for _, s := range []string{
			fmt.Sprintf(" (+%d new, -%d resolved; %d %s, %d %s changed)", len(d.New), len(d.Resolved), d.Months, plural(d.Months, "month", "months"), d.Days, plural(d.Days, "day", "days")),
			fmt.Sprintf(" (+%d new, -%d resolved)", len(d.New), len(d.Resolved)),
			fmt.Sprintf(" (+%d -%d)", len(d.New), len(d.Resolved)),
		} {
			if ansi.StringWidth(where+c.gapText+s)+20 <= c.width {
				gaps += s
				break
			}
		}
	}
	// The plan's name gives way first: the version and the gaps matter more.
	tail := " · " + where + " · " + gaps + " "
	if m.busy {
		tail += "· saving… "
	}
	room := c.width - ansi.StringWidth(tail) - 1
	name := ""
	if room >= 8 {
		name = " " + cut(snap.Result.Frame.Plan.Name, room)
	}
	return st.Render(padRight(name+tail, c.width))
}

// gapCount says how many gaps the plan has, and on how many dates.
func gapCount(s *Snapshot) string {
	gaps := s.Result.Gaps
	if len(gaps) == 0 {
		return "no gaps"
	}
	days := 0
	var last calendar.Date
	for i, g := range gaps {
		if i == 0 || g.Date != last {
			days++
			last = g.Date
		}
	}
	return fmt.Sprintf("%d %s on %d %s", len(gaps), plural(len(gaps), "gap", "gaps"), days, plural(days, "day", "days"))
}

// helpBar shows the keys of the moment, or the last message until the next
// key, so the status bar above always keeps the plan's totals.
func (m *Model) helpBar() string {
	if m.status != "" {
		style := m.c.st.StatusInfo
		if m.isErr {
			style = m.c.st.StatusError
		}
		lines := m.statusLines()
		for i, l := range lines {
			lines[i] = style.Render(padRight(l, m.c.width))
		}
		return strings.Join(lines, "\n")
	}
	var keys []key.Binding
	switch {
	case m.modal != nil:
		keys = m.modal.Help()
	case m.showHelp:
		keys = []key.Binding{m.c.keys.CloseHelp}
	default:
		keys = append(m.views[m.active].ShortHelp(), m.c.keys.Scenario, m.c.keys.Undo, m.c.keys.Export, m.c.keys.Help, m.c.keys.Quit)
	}
	return ansi.Truncate(m.help.ShortHelpView(keys), m.c.width, "…")
}

// statusLines wraps the last message to the terminal's width: a refusal
// says why in full, which matters more than the body's last lines. At most
// a third of the body is given to it.
func (m *Model) statusLines() []string {
	w := m.c.width
	lines := wrap(m.status, w)
	for i := range lines {
		lines[i] = cut(lines[i], w) // a word wider than the screen
	}
	most := max(1, min(4, m.c.bodyH/3))
	if len(lines) > most {
		lines = lines[:most]
		lines[most-1] = cut(lines[most-1]+" …", w)
	}
	return lines
}

func (m *Model) fullHelp() string {
	c := m.c
	groups := append([][]key.Binding{c.keys.global()}, m.views[m.active].FullHelp()...)
	h := m.help
	h.ShowAll = true
	var b strings.Builder
	b.WriteString(c.st.Title.Render("Keys in "+m.views[m.active].Title()) + "\n\n")
	b.WriteString(h.FullHelpView(groups))
	b.WriteString("\n\n" + c.st.Muted.Render(helpLegend))
	return b.String()
}

const helpLegend = `Marks: > selected · • this month · ! a gap · * the buddy acts as SPOC
? the person present is away · # set by hand · ~ changed by the what-if
+ a new gap in the what-if · - a gap the what-if resolves · § statutory.
Every change is saved as a new version at once; u undoes the last one.
s starts a what-if on this version; s again adopts, rebases, keeps or drops it.`

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
