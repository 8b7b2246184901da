package backend

import (
	"sync"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
	"rota/internal/report"
)

// Snapshot is one version of a saved plan or scenario, computed: what
// `rota show` prints and the planner draws. It is a value: changing the
// store does not change it, and the backend hands the same one to every
// caller that loads that version, so nobody may modify it.
type Snapshot struct {
	Ref     Ref
	Version int // the version shown
	Head    int // the line's latest version when it was loaded
	Base    int // scenarios: the plan version they start from; 0 for a plan

	// Identity tells the saved plan apart from every other, and stays when
	// it is renamed or re-imported: calendar exports make their UIDs of it.
	// Its scenarios share it (their exports add the scenario's name).
	Identity string

	Plan   *plan.Plan
	Frame  *engine.Frame
	Result *coverage.Result // the saved assignment, evaluated day by day
	Pins   engine.Fixed     // the months and days set by explicit changes

	st *change.State
	// view is whose reasons Plan, Frame and Result hold; views keeps a
	// plan snapshot's copies for the other views (reasons.go).
	view  reasonView
	views *sync.Map
}

func newSnapshot(ref Ref, version, head, base int, st *change.State) *Snapshot {
	f := engine.NewFrame(st.Plan)
	return &Snapshot{
		Ref: ref, Version: version, Head: head, Base: base,
		Plan: st.Plan, Frame: f,
		Result: coverage.Evaluate(f, st.Assignment(f)),
		Pins:   st.Fixed(true),
		st:     st,
		view:   everyone, views: &sync.Map{},
	}
}

// at returns the snapshot as loaded when the line's latest version was
// head: the same values, shared.
func (s *Snapshot) at(head int) *Snapshot {
	c := *s
	c.Head = head
	return &c
}

// Assignment returns the saved SPOCs, buddies and presence days, aligned
// with Frame.Months and Frame.Days.
func (s *Snapshot) Assignment() engine.Assignment { return s.Result.Assign }

// PinnedMonth reports whether month m's SPOC or buddy was set explicitly.
func (s *Snapshot) PinnedMonth(m calendar.Month) bool {
	_, a := s.Pins.SPOC[m]
	_, b := s.Pins.Buddy[m]
	return a || b
}

// PinnedDay reports whether day d's presence was set explicitly.
func (s *Snapshot) PinnedDay(d calendar.Date) bool {
	_, ok := s.Pins.Presence[d]
	return ok
}

// SuggestPresence returns who could be present on working day d instead of
// the person saved (see engine.SuggestPresence), "" for nobody.
func (s *Snapshot) SuggestPresence(d calendar.Date) string {
	return engine.SuggestPresence(s.Frame, s.Result.Assign, d)
}

// Try returns the snapshot as it would be after change c, without writing
// anything: previews and live what-ifs. Its errors are Apply's, less the
// conflict. Undo cannot be tried: it needs the history.
func (s *Snapshot) Try(c change.Change) (*Snapshot, error) {
	if c.Kind == change.KindImport || c.Kind == change.KindUndo {
		return nil, change.Refused("%s cannot be tried on a snapshot", c.Kind)
	}
	_, next, err := change.Edit(s.st, c)
	if err != nil {
		return nil, err
	}
	out := newSnapshot(s.Ref, s.Version+1, s.Head, s.Base, next)
	out.Identity = s.Identity
	return s.view.snapshot(out), nil
}

// Report returns the JSON object of `rota show --json`: that of `rota plan
// --json` with the plan's name in the store, the version and, for each
// month and day, whether it is pinned.
func (s *Snapshot) Report() report.Plan {
	out := report.NewPlan(s.Result)
	out.Plan, out.Version, out.Scenario = s.Ref.Plan, s.Version, s.Ref.Scenario
	for i := range out.Months {
		pinned := s.PinnedMonth(out.Months[i].Month)
		out.Months[i].Pinned = &pinned
	}
	for i := range out.Days {
		pinned := s.PinnedDay(out.Days[i].Date)
		out.Days[i].Pinned = &pinned
	}
	return out
}

// Export returns the plan of this version as a plan file that re-imports
// to the same plan. The saved assignment is not part of a plan file.
func (s *Snapshot) Export() []byte { return plan.Encode(s.Plan) }
