package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/report"
)

// historyView lists the plan's versions, newest first, and the saved
// what-ifs. Enter opens a version to read (or a what-if to carry on with);
// d on one version and then another shows what changed between them.
type historyView struct {
	wholePlan
	c      *common
	cursor int
	top    int
	mark   int // version marked for a diff; 0 for none
	diff   *historyDiff
}

// historyDiff is a computed comparison of two versions.
type historyDiff struct {
	a, b     int
	d        *Diff
	newR     []report.Range
	resolved []report.Range
	err      error
}

// historyDiffMsg brings a diff computed in a command.
type historyDiffMsg struct{ *historyDiff }

func newHistoryView(c *common) *historyView { return &historyView{c: c} }

func (v *historyView) Title() string   { return "History" }
func (v *historyView) Capturing() bool { return false }
func (v *historyView) Resize()         { v.top = scroll(v.top, v.cursor, v.listH(), v.count()) }
func (v *historyView) Refresh()        { v.cursor = min(v.cursor, max(v.count()-1, 0)); v.Resize() }

func (v *historyView) count() int { return len(v.c.history) + len(v.c.scenarios) }

// at returns the version or what-if under the cursor.
func (v *historyView) at(i int) (Version, *ScenarioInfo) {
	h := v.c.history
	if i < len(h) {
		return h[len(h)-1-i], nil
	}
	return Version{}, &v.c.scenarios[i-len(h)]
}

// listH is how many rows the list takes: all of them while they leave room
// for a diff below.
func (v *historyView) listH() int { return max(min(v.count(), v.c.bodyH-9), 3) }

func (v *historyView) ShortHelp() []key.Binding {
	k := v.c.keys
	return []key.Binding{k.Up, k.Down, k.OpenVersion, k.DiffMark, k.Back}
}

func (v *historyView) FullHelp() [][]key.Binding {
	k := v.c.keys
	return [][]key.Binding{{k.Up, k.Down, k.Enter, k.DiffMark, k.Back}}
}

func (v *historyView) Update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(historyDiffMsg); ok {
		v.diff = m.historyDiff
		return nil
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok || v.count() == 0 {
		return nil
	}
	keys := v.c.keys
	switch {
	case key.Matches(k, keys.Up):
		v.cursor = max(v.cursor-1, 0)
	case key.Matches(k, keys.Down):
		v.cursor = min(v.cursor+1, v.count()-1)
	case key.Matches(k, keys.Enter):
		return v.open()
	case key.Matches(k, keys.DiffMark):
		return v.diffKey()
	}
	v.top = scroll(v.top, v.cursor, v.listH(), v.count())
	return nil
}

func (v *historyView) open() tea.Cmd {
	ver, sc := v.at(v.cursor)
	if sc != nil {
		name, base := sc.Name, sc.Base
		ends := v.c.whatIfEnds(false)
		return onSource(func(s Source) loadedMsg {
			snap, err := s.OpenScenario(name)
			if err != nil {
				return loadedMsg{err: err}
			}
			b, err := s.At(base)
			if err != nil {
				return loadedMsg{err: err}
			}
			return loadedMsg{snap: snap, base: b, note: fmt.Sprintf("what-if %s: changes go to it; s to %s it", name, ends)}
		})
	}
	n := ver.N
	return onSource(func(s Source) loadedMsg {
		if h, err := s.History(); err == nil && len(h) > 0 && h[len(h)-1].N == n {
			snap, err := s.Current()
			return loadedMsg{snap: snap, err: err, note: fmt.Sprintf("version %d is the latest: changes are saved on it", n)}
		}
		snap, err := s.At(n)
		return loadedMsg{snap: snap, err: err, note: fmt.Sprintf("version %d, read-only: esc returns to the latest", n)}
	})
}

func (v *historyView) diffKey() tea.Cmd {
	ver, sc := v.at(v.cursor)
	if sc != nil {
		// A what-if compares with the version marked first, if one is,
		// else with the version it started on.
		name, from := sc.Name, sc.Base
		if v.mark != 0 {
			from, v.mark = v.mark, 0
		}
		return func() tea.Msg {
			return v.compute(from, 0, name)
		}
	}
	if v.mark == 0 || v.mark == ver.N {
		v.mark = ver.N
		v.diff = nil
		return status(fmt.Sprintf("version %d marked: d on another version shows what changed", ver.N))
	}
	a, b := min(v.mark, ver.N), max(v.mark, ver.N)
	v.mark = 0
	return func() tea.Msg { return v.compute(a, b, "") }
}

// compute loads two states and compares them; it runs in a command.
func (v *historyView) compute(a, b int, scenario string) tea.Msg {
	src := v.c.src
	out := &historyDiff{a: a, b: b}
	sa, err := src.At(a)
	if err != nil {
		out.err = err
		return historyDiffMsg{out}
	}
	var sb *Snapshot
	if scenario != "" {
		sb, err = src.OpenScenario(scenario)
	} else {
		sb, err = src.At(b)
	}
	if err != nil {
		out.err = err
		return historyDiffMsg{out}
	}
	out.d = Compare(sa.Result, sb.Result)
	out.newR = report.Ranges(sb.Result, out.d.New)
	out.resolved = report.Ranges(sa.Result, out.d.Resolved)
	return historyDiffMsg{out}
}

func (v *historyView) View() string {
	c := v.c
	st := c.st
	var b strings.Builder
	snap := c.snap
	b.WriteString(st.Title.Render(cut(fmt.Sprintf("%s: %d %s, %d saved %s", snap.Plan, len(c.history), plural(len(c.history), "version", "versions"), len(c.scenarios), plural(len(c.scenarios), "what-if", "what-ifs")), c.bodyW)) + "\n")
	b.WriteString(st.Header.Render(cut("     ver  when              who       what", c.bodyW)) + "\n")
	h := v.listH()
	top := min(v.top, max(v.count()-h, 0))
	for i := top; i < min(top+h, v.count()); i++ {
		ver, sc := v.at(i)
		sel := "  "
		if i == v.cursor {
			sel = "> "
		}
		var line string
		if sc == nil {
			shown := " "
			if snap.Scenario == "" && snap.Version == ver.N {
				shown = "•"
			}
			if v.mark == ver.N {
				shown = "d"
			}
			line = fmt.Sprintf("%s%s %4d  %-16s  %-8s  %s", sel, shown, ver.N, ver.Time.Format("2006-01-02 15:04"), cut(ver.Author, 8), ver.Note)
		} else {
			shown := " "
			if snap.Scenario == sc.Name {
				shown = "•"
			}
			line = fmt.Sprintf("%s%s  w-i  %-16s  %-8s  what-if %s on version %d, %d %s", sel, shown, sc.Time.Format("2006-01-02 15:04"), cut(sc.Author, 8), sc.Name, sc.Base, sc.Version-sc.Base, plural(sc.Version-sc.Base, "change", "changes"))
		}
		line = cut(line, c.bodyW)
		if i == v.cursor {
			line = st.Selected.Render(line)
		} else if sc != nil {
			line = st.Changed.Render(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + v.diffView())
	return b.String()
}

// diffView shows the last comparison under the list.
func (v *historyView) diffView() string {
	c := v.c
	st := c.st
	hd := v.diff
	if hd == nil {
		return st.Muted.Render(cut("• shown · enter opens a version (read-only) or a what-if · d, d compares two", c.bodyW))
	}
	if hd.err != nil {
		return st.Error.Render(cut(hd.err.Error(), c.bodyW))
	}
	d := hd.d
	title := fmt.Sprintf("Version %d → %d", hd.a, hd.b)
	if hd.b == 0 {
		title = fmt.Sprintf("Version %d → what-if", hd.a)
	}
	var lines []string
	lines = append(lines, st.Title.Render(cut(fmt.Sprintf("%s: %s", title, diffSummary(d)), c.bodyW)))
	for _, g := range hd.newR {
		lines = append(lines, st.New.Render(cut("  + "+g.String(), c.bodyW)))
	}
	for _, g := range hd.resolved {
		lines = append(lines, st.Resolved.Render(cut("  - "+g.String(), c.bodyW)))
	}
	if d.Empty() {
		lines = append(lines, st.Muted.Render("  no difference in the rota or its gaps"))
	}
	room := max(c.bodyH-v.listH()-4, 2)
	if len(lines) > room {
		more := len(lines) - room + 1
		lines = append(lines[:room-1], st.Muted.Render(fmt.Sprintf("  … %d more", more)))
	}
	return strings.Join(lines, "\n")
}
