package ui

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

// The planner follows the plan as others change it: the source's Watch
// reports each new latest version, whoever wrote it, and the planner shows
// it at once with a line saying who changed what. A what-if in progress is
// kept, marked as behind the plan until it is rebased; an earlier version
// open to read stays open.

// watchingMsg carries the channel of the plan's new versions.
type watchingMsg struct{ events <-chan PlanEvent }

// planEventMsg is one new version of the plan.
type planEventMsg struct{ ev PlanEvent }

// watch subscribes to the plan's new versions, in a command since it reads
// the database.
func (m *Model) watch() tea.Cmd {
	src := m.src
	return func() tea.Msg {
		ch, err := src.Watch()
		if err != nil || ch == nil {
			// The planner works as before, only without following others.
			return nil
		}
		return watchingMsg{ch}
	}
}

// nextEvent waits for the plan's next new version.
func nextEvent(ch <-chan PlanEvent) tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-ch
		if !ok {
			return nil
		}
		return planEventMsg{ev}
	}
}

// planChanged shows a new version of the plan: it returns the command that
// loads it, nil when there is nothing to load.
func (m *Model) planChanged(ev PlanEvent) tea.Cmd {
	c := m.c
	if ev.Version <= c.planLatest {
		return nil // already shown: this planner's own change, or an old event
	}
	c.planLatest = ev.Version
	what := fmt.Sprintf("version %d by %s: %s", ev.Version, ev.By, ev.Change)
	switch {
	case c.snap.Scenario != "":
		m.status, m.isErr = fmt.Sprintf("the plan moved on (%s); this what-if starts from version %d: s then r rebases it", what, c.snap.Base), false
		return nil
	case c.snap.ReadOnly:
		c.snap.Latest = ev.Version
		m.status, m.isErr = what+"; esc shows the latest", false
		return nil
	case m.busy:
		// This planner's own save is on its way; it reloads the latest.
		return nil
	}
	return m.run(func(s Source) loadedMsg {
		snap, err := s.Current()
		return loadedMsg{snap: snap, err: err, note: what}
	})
}
