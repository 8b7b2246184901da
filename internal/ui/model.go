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
	// Me is the person id of the user, when known: the planner opens on the
	// first month from today in which they are SPOC ("my month").
	Me string
	// NoFiles refuses exports from the planner: over SSH the files would be
	// written on the server, not on the user's machine. It marks a served
	// planner (rota serve), whose user has no command line on the server
	// either: the planner then names no rota command to run there.
	NoFiles bool
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

// Model is the planner's parent model.
type Model struct {
	src    Source
	c      *common
	views  [viewCount]view
	active int
	// stale marks the views not refreshed since the state changed: only
	// the view shown is refreshed at once, each other when it is shown
	// (fresh), so a planner on a council decade does not recompute all
	// six views for every new version (rota serve runs dozens).
	stale    [viewCount]bool
	modal    modal
	showHelp bool
	help     help.Model
	status   string
	isErr    bool
	busy     bool
	// closed is the form the last key closed, so that a change it asked
	// for and the rules refuse can open it again as the PA left it.
	closed modal
	events <-chan PlanEvent // the plan's new versions, once watching
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
	c.startOnOwnMonth(opt.Me)
	c.served = opt.NoFiles
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

// Init implements tea.Model.
// It starts following the plan's new versions.
func (m *Model) Init() tea.Cmd { return m.watch() }

// run does op on the source in a command and reports the new state with
// the lists the History view shows.
func (m *Model) run(op func(Source) loadedMsg) tea.Cmd {
	m.busy = true
	src := m.src
	// The view shown draws the gap runs: made here, not in the program's
	// loop, so keys are answered meanwhile.
	runs := m.active == viewRota || m.active == viewGaps
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
			if runs {
				msg.derived.Ranges()
			}
		}
		return msg
	}
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	// Whatever the message did, the view shown is up to date after it.
	defer func() { m.fresh(m.active) }()
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
		return m, m.fresh(msg.view).Update(msg)
	case statusMsg:
		m.status, m.isErr = msg.text, msg.isErr
		return m, nil
	case historyDiffMsg:
		return m, m.fresh(viewHistory).Update(msg)
	case openModalMsg:
		m.modal = msg.m
		return m, m.modal.Init()
	case watchingMsg:
		m.events = msg.events
		return m, nextEvent(m.events)
	case planEventMsg:
		return m, tea.Batch(m.planChanged(msg.ev), nextEvent(m.events))
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
	return m, m.fresh(m.active).Update(msg)
}

// fresh returns view i, refreshed first if the state changed since it
// last was.
func (m *Model) fresh(i int) view {
	if m.stale[i] {
		m.stale[i] = false
		m.views[i].Refresh()
	}
	return m.views[i]
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.keys
	if key.Matches(msg, k.Interrupt) {
		return tea.Quit
	}
	m.status, m.isErr = "", false
	m.closed = nil
	if m.modal != nil {
		if cmd := m.c.refuseKey(msg, m.modal.Help()); cmd != nil {
			return cmd
		}
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
	v := m.fresh(m.active)
	if v.Capturing() {
		return v.Update(msg)
	}
	offered := append(k.global(), v.ShortHelp()...)
	for _, g := range v.FullHelp() {
		offered = append(offered, g...)
	}
	if cmd := m.c.refuseKey(msg, offered); cmd != nil {
		return cmd
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
	case key.Matches(msg, k.Export) && m.c.served:
		return status("exports are not written from a shared planner: the files would be on the server; ask for a calendar feed (rota feed) or use rota export on your machine")
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
	ends := m.c.whatIfEnds(false)
	return m.run(func(s Source) loadedMsg {
		snap, err := s.NewScenario(on, name)
		if err != nil {
			return loadedMsg{err: err, reload: errors.Is(err, ErrConflict)}
		}
		return loadedMsg{snap: snap, base: on, note: fmt.Sprintf("what-if %q started on version %d: changes now go to it; s again to %s it", name, on.Version, ends)}
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
	switch {
	case snap.Scenario == "":
		c.planLatest = max(c.planLatest, snap.Latest)
	case base != nil:
		c.planLatest = max(c.planLatest, base.Latest)
	}
	c.base, c.diff = nil, d.diff
	if d.diff != nil {
		c.base = base
	}
	c.names = report.ShortNames(snap.Result.Frame.Plan)
	c.presence = countPresence(snap.Result)
	c.gapText = gapCount(snap)
	c.derived = d
	c.wds = slices.Clone(snap.Result.Frame.Plan.Workdays)
	sort.Slice(c.wds, func(a, b int) bool { return (c.wds[a]+6)%7 < (c.wds[b]+6)%7 })
	p := snap.Result.Frame.Plan
	if c.focus < p.Start || c.focus > p.End {
		c.focus = c.startDate()
	}
	for i := range m.views {
		m.stale[i] = true
	}
	m.fresh(m.active)
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

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
