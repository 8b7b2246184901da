package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/calendar"
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
