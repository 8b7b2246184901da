package ui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/lipgloss"
)

// Styles are every colour and emphasis the planner uses, in one place so the
// views agree and a theme is one edit. They are built from one program's
// renderer (NewStyles), never lipgloss's process-wide one, so several
// planners can draw at once on terminals with different colour profiles.
// Colours adapt to light and dark terminals; with NO_COLOR the renderer
// drops them all, which is why every state a colour shows (selection, gaps,
// what-if changes) also has a text mark.
type Styles struct {
	Plain           lipgloss.Style // no emphasis: text inputs, cells with nothing to mark
	TabActive, Tab  lipgloss.Style
	Title           lipgloss.Style
	Header          lipgloss.Style // table headings
	Muted           lipgloss.Style // holidays, closures, hints
	Selected        lipgloss.Style // the cursor
	Current         lipgloss.Style // today's month or day
	Gap             lipgloss.Style
	Critical        lipgloss.Style // SPOC and statutory gaps
	OK              lipgloss.Style
	New             lipgloss.Style // what-if: a new gap
	Resolved        lipgloss.Style // what-if: a gap the what-if removes
	Changed         lipgloss.Style // what-if: a changed assignment
	Away            lipgloss.Style // absence bars
	BarFull, BarGap lipgloss.Style // coverage bars
	Status          lipgloss.Style
	StatusScenario  lipgloss.Style
	StatusReadOnly  lipgloss.Style
	StatusError     lipgloss.Style
	StatusInfo      lipgloss.Style
	Modal           lipgloss.Style
	Error           lipgloss.Style // inline form messages
	Warning         lipgloss.Style // inline form cautions, such as a file about to be replaced
}

var (
	colRed     = lipgloss.AdaptiveColor{Light: "#B3261E", Dark: "#FF6B6B"}
	colGreen   = lipgloss.AdaptiveColor{Light: "#1B7F3A", Dark: "#5FD787"}
	colYellow  = lipgloss.AdaptiveColor{Light: "#8A6100", Dark: "#FFD75F"}
	colBlue    = lipgloss.AdaptiveColor{Light: "#1F4FB3", Dark: "#87AFFF"}
	colMuted   = lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#6C6C6C"}
	colStatBg  = lipgloss.AdaptiveColor{Light: "#E4E4E4", Dark: "#303030"}
	colStatFg  = lipgloss.AdaptiveColor{Light: "#202020", Dark: "#E4E4E4"}
	colScenBg  = lipgloss.AdaptiveColor{Light: "#F5D98B", Dark: "#5F4B00"}
	colAccent  = lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#AF87FF"}
	colOnAccnt = lipgloss.AdaptiveColor{Light: "#FFFFFF", Dark: "#1C1C1C"}
)

// NewStyles returns the planner's styles for the terminal r draws on (its
// colour profile and background).
func NewStyles(r *lipgloss.Renderer) *Styles {
	s := r.NewStyle
	return &Styles{
		Plain:          s(),
		TabActive:      s().Bold(true).Foreground(colOnAccnt).Background(colAccent),
		Tab:            s().Foreground(colMuted),
		Title:          s().Bold(true),
		Header:         s().Bold(true).Foreground(colBlue),
		Muted:          s().Foreground(colMuted),
		Selected:       s().Reverse(true),
		Current:        s().Bold(true).Underline(true),
		Gap:            s().Foreground(colRed),
		Critical:       s().Foreground(colRed).Bold(true),
		OK:             s().Foreground(colGreen),
		New:            s().Foreground(colRed).Bold(true),
		Resolved:       s().Foreground(colGreen).Bold(true),
		Changed:        s().Foreground(colYellow).Bold(true),
		Away:           s().Foreground(colYellow),
		BarFull:        s().Foreground(colGreen),
		BarGap:         s().Foreground(colRed),
		Status:         s().Foreground(colStatFg).Background(colStatBg),
		StatusScenario: s().Foreground(colStatFg).Background(colScenBg).Bold(true),
		StatusReadOnly: s().Foreground(colOnAccnt).Background(colBlue).Bold(true),
		StatusError:    s().Foreground(colRed).Background(colStatBg).Bold(true),
		StatusInfo:     s().Foreground(colGreen).Background(colStatBg),
		Modal:          s().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent).Padding(0, 1),
		Error:          s().Foreground(colRed),
		Warning:        s().Foreground(colYellow),
	}
}

// helpStyles are the help bar's styles from st: bubbles' own defaults are
// built on lipgloss's process-wide renderer.
func helpStyles(st *Styles) help.Styles {
	return help.Styles{
		ShortKey: st.Title, ShortDesc: st.Muted, ShortSeparator: st.Muted, Ellipsis: st.Muted,
		FullKey: st.Title, FullDesc: st.Muted, FullSeparator: st.Muted,
	}
}

// styleInput gives a text input st's styles, for the same reason.
func styleInput(in *textinput.Model, st *Styles) {
	in.PromptStyle, in.TextStyle = st.Plain, st.Plain
	in.PlaceholderStyle, in.CompletionStyle = st.Muted, st.Muted
	in.Cursor.Style, in.Cursor.TextStyle = st.Selected, st.Plain
}
