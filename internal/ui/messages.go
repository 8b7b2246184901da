package ui

import (
	"sync"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/memo"
	"rota/internal/report"
)

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
// program keeps answering keys meanwhile. The gap runs only Rota and Gaps
// show are made when first asked for (Ranges), once for every planner on
// the version: one on Month does not wait for them after a change.
type derived struct {
	r      *coverage.Result
	once   sync.Once
	ranges []report.Range
	diff   *Diff
}

// Ranges returns the result's gap runs (report.Ranges), made on the first
// call.
func (d *derived) Ranges() []report.Range {
	d.once.Do(func() { d.ranges = report.Ranges(d.r, d.r.Gaps) })
	return d.ranges
}

func derive(snap, base *Snapshot) *derived {
	k := deriveKey{r: snap.Result}
	if snap.Scenario != "" && base != nil {
		k.base = base.Result
	}
	return derivedOf.Get(k, func() *derived {
		d := &derived{r: k.r}
		if k.base != nil {
			d.diff = Compare(k.base, k.r)
		}
		return d
	})
}

// deriveKey is what derive's result depends on: a result, and the base a
// what-if is compared with.
type deriveKey struct{ r, base *coverage.Result }

// derivedOf holds what derive computed lately, shared by the planners on
// the same versions (memo); derived values are never changed.
var derivedOf = memo.New[deriveKey, *derived](4)

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
