package ui

import (
	"path/filepath"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rota/configs"
	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/sample"
)

// BenchmarkKeypress is one key in each view, Update and View, on a council
// decade (20 people in the order, 3,000 duties, 10 years, 5,000 absences,
// 300 events) saved in the store, at 120×40. Target: under 16 ms, a frame
// at 60 Hz.
func BenchmarkKeypress(b *testing.B) {
	src := newSource(b, "decade", sample.Plan(sample.CouncilDecade, 1))
	cases := []struct {
		name   string
		setup  []string
		keys   [2]string // pressed in turn, so the view moves back and forth
		fresh  bool      // forget cached person plans, so each key computes one
		dayOff bool
	}{
		{name: "rota", setup: []string{"1"}, keys: [2]string{"l", "h"}},
		{name: "month", setup: []string{"2"}, keys: [2]string{"l", "h"}},
		{name: "month-page", setup: []string{"2"}, keys: [2]string{"]", "["}},
		{name: "day", setup: []string{"2", "enter"}, keys: [2]string{"l", "h"}},
		{name: "people", setup: []string{"3"}, keys: [2]string{"j", "k"}},
		{name: "people-uncached", setup: []string{"3"}, keys: [2]string{"j", "k"}, fresh: true},
		{name: "duties", setup: []string{"4"}, keys: [2]string{"j", "k"}},
		{name: "gaps", setup: []string{"5"}, keys: [2]string{"j", "k"}},
		{name: "history", setup: []string{"6"}, keys: [2]string{"j", "k"}},
		// The export form checks its fields, and the file's folder, at
		// every key.
		{name: "export-form", setup: []string{"1", "e"}, keys: [2]string{"right", "left"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			m, err := New(src, Options{Today: calendar.NewDate(2029, 6, 12)})
			if err != nil {
				b.Fatal(err)
			}
			m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
			press(m, c.setup...)
			keys := [2]tea.KeyMsg{keyMsg(c.keys[0]), keyMsg(c.keys[1])}
			pv := m.fresh(viewPeople).(*peopleView)
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if c.fresh {
					clear(pv.plans)
					clear(pv.lines)
				}
				m.Update(keys[i%2])
				_ = m.View()
				i++
			}
		})
	}
}

// BenchmarkStartToFirstFrame is what `rota` does before the first screen on
// the bundled plan: open the database, load the plan's latest version,
// build the planner and draw it at 80×24 (the terminal's own setup aside).
// "planner" leaves out opening the database: the load, the build and the
// draw.
func BenchmarkStartToFirstFrame(b *testing.B) {
	path := filepath.Join(b.TempDir(), "rota.db")
	s, err := openBackend(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Import(ctx, "cumbria", configs.CumbriaName, configs.Cumbria, "pa", ""); err != nil {
		b.Fatal(err)
	}
	s.Close()
	first := func(b *testing.B, s *backend.Session) {
		m, err := New(FromBackend(ctx, s, "cumbria", "pa"), Options{Today: testToday})
		if err != nil {
			b.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
	}
	b.Run("store", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, err := openBackend(path)
			if err != nil {
				b.Fatal(err)
			}
			first(b, s)
			s.Close()
		}
	})
	b.Run("planner", func(b *testing.B) {
		s, err := openBackend(path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		b.ReportAllocs()
		for b.Loop() {
			first(b, s)
		}
	})
}

// BenchmarkRefresh is what the planner recomputes for its views when the
// plan changes, after the source has saved and evaluated the change, on a
// council decade: in the command that loaded it (the gaps as runs, made
// once per version for every planner on it) and then in Update (loads,
// lists; every view, as when each is shown in turn, with what planners
// share already made). It runs once per change, not per key.
func BenchmarkRefresh(b *testing.B) {
	src := newSource(b, "decade", sample.Plan(sample.CouncilDecade, 1))
	m, err := New(src, Options{Today: calendar.NewDate(2029, 6, 12)})
	if err != nil {
		b.Fatal(err)
	}
	snap := m.c.snap
	b.Run("in-command", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			(&derived{r: snap.Result}).Ranges()
		}
	})
	b.Run("in-update", func(b *testing.B) {
		d := derive(snap, nil)
		b.ReportAllocs()
		for b.Loop() {
			m.setSnap(snap, nil, d)
			for i := range viewCount {
				m.fresh(i)
			}
		}
	})
}
