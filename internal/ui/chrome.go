package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"rota/internal/calendar"
)

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
		// The dialog's width does not change as its messages come and go;
		// a line its view did not wrap is wrapped here, not cut.
		mv := c.st.Modal.Width(w + 2).Render(inner)
		top := c.bodyH - lipgloss.Height(mv)
		body = lipgloss.JoinVertical(lipgloss.Left, clip(m.fresh(m.active).View(), max(top, 0)), mv)
	default:
		body = m.fresh(m.active).View()
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
		if c.planLatest > snap.Base {
			// Stale: the plan moved on under it (s then r rebases it).
			where += fmt.Sprintf(", behind v%d", c.planLatest)
		}
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
		keys = m.c.offered(m.modal.Help())
	case m.showHelp:
		keys = []key.Binding{m.c.keys.CloseHelp}
	default:
		keys = m.c.offered(append(m.fresh(m.active).ShortHelp(), m.c.keys.Scenario, m.c.keys.Undo, m.c.keys.Export, m.c.keys.Help, m.c.keys.Quit))
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
	groups := c.offeredGroups(append([][]key.Binding{c.keys.global()}, m.fresh(m.active).FullHelp()...))
	h := m.help
	h.ShowAll = true
	var b strings.Builder
	b.WriteString(c.st.Title.Render("Keys in "+m.fresh(m.active).Title()) + "\n\n")
	b.WriteString(h.FullHelpView(groups))
	legend := helpLegend
	// The lines on undo and what-ifs only for a role that may use them.
	if c.refusal(c.keys.Undo) == nil {
		legend += "\n" + helpUndo
	}
	if c.refusal(c.keys.Scenario) == nil {
		legend += "\n" + fmt.Sprintf(helpWhatIf, c.whatIfEnds(true))
	}
	b.WriteString("\n\n" + c.st.Muted.Render(legend))
	return b.String()
}

const (
	helpLegend = `Marks: > selected · • this month · ! a gap · * the buddy acts as SPOC
? the person present is away · # set by hand · ~ changed by the what-if
+ a new gap in the what-if · - a gap the what-if resolves · § statutory.`
	helpUndo   = `Every change is saved as a new version at once; u undoes the last one.`
	helpWhatIf = `s starts a what-if on this version; s again %s it.`
)
