package ui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/change"
)

// twoPlanners opens the Cumbria plan in a planner and, on the same database
// through a backend of its own (as another process would), a source written
// by bob. It returns the planner's command that waits for a new version.
func twoPlanners(t *testing.T) (*Model, Source, tea.Cmd) {
	t.Helper()
	sa, path := openStore(t, "cumbria", cumbria(t))
	sb, err := openBackend(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	m, err := New(FromBackend(ctx, sa, "cumbria", "pa"), Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	// Init starts following the plan: run its command as the program would.
	msg := m.Init()()
	if _, ok := msg.(watchingMsg); !ok {
		t.Fatalf("Init gave %T, want the plan's new versions to follow", msg)
	}
	_, wait := m.Update(msg)
	return m, FromBackend(ctx, sb, "cumbria", "bob"), wait
}

// awaitEvent runs the planner's waiting command until the backend reports
// the new version (the backend promises it within a second; the bound here
// only stops a broken test from hanging) and shows it as the planner would.
func awaitEvent(t *testing.T, m *Model, wait tea.Cmd) {
	t.Helper()
	got := make(chan tea.Msg, 1)
	go func() { got <- wait() }()
	select {
	case msg := <-got:
		ev, ok := msg.(planEventMsg)
		if !ok {
			t.Fatalf("the wait gave %T, want a new version", msg)
		}
		drain(m, m.planChanged(ev.ev))
	case <-time.After(10 * time.Second):
		t.Fatal("no new version reported")
	}
}

// TestAnotherPlannersChangeIsShown: a change written by someone else on the
// same database shows in the planner with who changed what.
func TestAnotherPlannersChangeIsShown(t *testing.T) {
	m, bob, wait := twoPlanners(t)
	cur, err := bob.Current()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Apply(cur, paulSick); err != nil {
		t.Fatal(err)
	}
	awaitEvent(t, m, wait)
	if m.c.snap.Version != 2 {
		t.Fatalf("the planner shows version %d, want bob's version 2", m.c.snap.Version)
	}
	mustContain(t, screen(m), "version 2 by bob: absence: paul 2022-10-03 to 2022-10-14", "· v2 ·")
}

// TestAWhatIfIsKeptAndMarkedBehind: a what-if in progress is not thrown away
// when the plan moves on; it says it is behind and how to rebase it.
func TestAWhatIfIsKeptAndMarkedBehind(t *testing.T) {
	m, bob, wait := twoPlanners(t)
	press(m, "s")
	drain(m, apply(paulSick))
	if m.c.snap.Scenario == "" {
		t.Fatal("no what-if started")
	}
	cur, err := bob.Current()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bob.Apply(cur, change.SetSPOC(date("2022-11-01").Month(), "jo")); err != nil {
		t.Fatal(err)
	}
	awaitEvent(t, m, wait)
	if m.c.snap.Scenario == "" || m.c.snap.Base != 1 {
		t.Fatalf("the what-if was left: scenario %q on %d", m.c.snap.Scenario, m.c.snap.Base)
	}
	s := screen(m)
	mustContain(t, s, "behind v2", "the plan moved on (version 2 by bob:", "s then r rebases it")
	if !strings.Contains(s, "what-if what-if-1 on v1") {
		t.Errorf("the status bar lost the what-if:\n%s", s)
	}
}
