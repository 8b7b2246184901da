package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"rota/internal/calendar"
	"rota/internal/ui"
)

// One set of numbers: for the same version of the bundled plan with Paul away
// 3–14 Oct 2022, the planner, rota check, show, edit, the JSON and every
// export give the same figures, each with its unit. (They once said 142, 16
// and 140.)
func TestEveryViewCountsGapsAlike(t *testing.T) {
	db := savedCumbria(t)
	const want = "142 gaps on 10 days, in 16 runs"
	edit := mustRun(t, "edit", "cccs@1", "absent", "paul", "2022-10-03", "2022-10-14", "--reason", "sick", "--db", db)
	says := func(where, out, line string) {
		t.Helper()
		if !strings.Contains(out, line) {
			t.Errorf("%s does not say %q:\n%.600s", where, line, out)
		}
	}
	says("rota edit", edit, "New gaps: "+want+":")
	says("rota show", mustRun(t, "show", "cccs", "--db", db), "Gaps: "+want+":")
	code, check, _ := exportRun(t, "check", "cccs", "--db", db)
	if code != exitGaps {
		t.Errorf("rota check exit %d", code)
	}
	says("rota check", check, "CCCS distributed leadership 2022/23: "+want+":")
	says("rota diff", mustRun(t, "diff", "cccs@1", "cccs@2", "--db", db), "New gaps: "+want+":")

	var js struct {
		Gaps   []json.RawMessage `json:"gaps"`
		Totals struct {
			Gaps, Runs int
			Days       int `json:"gap_days"`
		} `json:"totals"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "show", "cccs", "--json", "--db", db)), &js); err != nil {
		t.Fatal(err)
	}
	if js.Totals.Gaps != 142 || js.Totals.Days != 10 || js.Totals.Runs != 16 || len(js.Gaps) != 142 {
		t.Errorf("JSON: %d gaps listed, totals %+v", len(js.Gaps), js.Totals)
	}

	says("the calendar", icsText.Replace(strings.ReplaceAll(mustRun(t, "export", "cccs", "--format", "ics", "--db", db), "\r\n ", "")), "142 gaps on 10 days, in 16 runs.")
	says("the paper", mustRun(t, "export", "cccs", "--format", "md", "--db", db), "142 gaps on 10 days, in 16 runs (a gap is")
	html := mustRun(t, "export", "cccs", "--format", "html", "--db", db)
	for _, stat := range []string{"<b>142</b> gaps</li>", "<b>10</b> days with gaps</li>", "<b>16</b> runs of gaps</li>"} {
		says("the page", html, stat)
	}

	// The planner's status bar and Gaps view.
	s, err := openBackend(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := lipgloss.NewRenderer(nil)
	r.SetColorProfile(termenv.Ascii)
	m, err := ui.New(ui.FromBackend(context.Background(), s, "cccs", "pa"), ui.Options{Today: calendar.NewDate(2022, 10, 3), Dir: t.TempDir(), Renderer: r})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("5")})
	screen := m.View()
	says("the planner's status bar", screen, "v2 · 142 gaps on 10 days")
	says("the planner's Gaps view", screen, want)
}
