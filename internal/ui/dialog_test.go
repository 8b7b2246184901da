package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/backend"
)

// flat is the screen's words in order, the dialog's border and the
// breaks its text wraps at taken out, to find a sentence however it wraps.
func flat(s string) string {
	for _, b := range []string{"│", "╭", "╮", "╰", "╯", "─"} {
		s = strings.ReplaceAll(s, b, " ")
	}
	return strings.Join(strings.Fields(s), " ")
}

// dialog is the screen's dialog: its lines inside the border.
func dialog(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "│") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestDialogTextWraps: a dialog's text longer than the dialog is wrapped
// to its width, not cut, on a narrow and a wide terminal.
func TestDialogTextWraps(t *testing.T) {
	for _, w := range []int{80, 160} {
		m, _ := newModel(t, w, 40)
		press(m, "s")
		drain(m, apply(paulSick))
		press(m, "s")
		s := dialog(screen(m))
		mustContain(t, flat(s), "r rebase: if the plan moved on, make its changes again on the latest version",
			"a adopt: write its changes onto the plan as new versions")
		mustNotContain(t, s, "…")

		ad := roleModel(t, backend.Actor{Name: "nemo", Role: backend.RoleAD})
		ad.Update(tea.WindowSizeMsg{Width: w, Height: 40})
		press(ad, "2", "a")
		s = dialog(screen(ad))
		mustContain(t, flat(s), "your user names no person of this plan, so you may record no absence: ask an admin to give it one (rota user add --person)")
		mustNotContain(t, s, "…")
	}
}

// TestKeepSaysKeptOnlyOnceKept: the keep dialog names what the what-if
// will be kept as while the name is typed; that it was kept, and that
// History opens it again, is said once it is.
func TestKeepSaysKeptOnlyOnceKept(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "s")
	drain(m, apply(paulSick))
	press(m, "s", "k")
	s := screen(m)
	mustNotContain(t, s, "kept as", "opens it again")
	mustContain(t, s, "what-if-1")
	press(m, "enter")
	if m.c.snap.Scenario != "" {
		t.Fatalf("enter did not keep the what-if: %q", m.status)
	}
	mustContain(t, screen(m), "kept what-if what-if-1", "History (6) opens it again")
}
