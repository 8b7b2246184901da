package ui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/change"
	"rota/internal/report"
)

// TestWhatIfCountsReadAsFromTo: a what-if's changed counts read "was→now",
// never as a sum such as "5+5" or "10 (+5)".
func TestWhatIfCountsReadAsFromTo(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "s")
	drain(m, apply(paulSick))
	s := screen(m)
	mustContain(t, s, "0→10")
	mustNotContain(t, s, "0+10", "10+10")
	press(m, "4", "/")
	typeText(m, "siro")
	press(m, "enter")
	mustContain(t, screen(m), "0 → 10")
	mustNotContain(t, screen(m), "(+10)")
}

// TestPeopleActsCountsSPOCAndCover: the People table's "acts" counts the days
// a person acts as SPOC for someone and the duty-days they hold as cover,
// the same days the person's own plan lists under Acts.
func TestPeopleActsCountsSPOCAndCover(t *testing.T) {
	p := cumbria(t)
	for i := range p.Duties {
		if p.Duties[i].Owner == "paul" {
			p.Duties[i].Cover = []string{"simon"}
			break
		}
	}
	src := newSource(t, "covered", p)
	if _, err := src.Apply(mustCurrent(t, src), paulSick); err != nil {
		t.Fatal(err)
	}
	m, err := New(src, Options{Today: testToday, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	r := m.c.result()
	coverDays := 0
	for _, l := range loads(r) {
		days := 0
		for _, a := range report.NewPersonPlan(r, l.id, nil).Acting {
			days += a.Days
			if a.What != "SPOC" {
				coverDays += a.Days
			}
		}
		if l.act != days {
			t.Errorf("%s: acts %d in the table, %d days in their plan", l.id, l.act, days)
		}
	}
	if coverDays == 0 {
		t.Fatal("nobody holds a duty as cover while Paul is sick: the test proves nothing")
	}
	press(m, "3")
	mustContain(t, screen(m), "Acts (")
}

// TestGapsAreCriticalFirst: the Gaps view lists critical runs (SPOC or
// statutory) before the others, as the README promises, each group by date.
func TestGapsAreCriticalFirst(t *testing.T) {
	m, src := newModel(t, 80, 24)
	snap := m.c.snap
	// October brings many ordinary gaps, December a critical one.
	for _, c := range []change.Change{paulSick, {Kind: change.KindAbsent, Person: "jo", Date: date("2022-12-05"), To: date("2022-12-06"), Reason: "leave"}} {
		var err error
		if snap, err = src.Apply(snap, c); err != nil {
			t.Fatal(err)
		}
	}
	reload(t, m)
	v := m.fresh(viewGaps).(*gapsView)
	seenPlain := false
	decemberCritical := false
	for i, it := range v.items {
		if !it.Critical {
			seenPlain = true
			continue
		}
		if seenPlain {
			t.Fatalf("critical run %d (%s) comes after an ordinary one", i, it.String())
		}
		if it.From.Month() == date("2022-12-01").Month() {
			decemberCritical = true
		}
		if i > 0 && v.items[i-1].Critical && v.items[i-1].From > it.From {
			t.Errorf("critical runs out of date order at %d", i)
		}
	}
	if !decemberCritical || !seenPlain {
		t.Fatal("the test wants a critical December run and ordinary runs")
	}
	press(m, "5")
	mustContain(t, screen(m), ">  !")
}

func mustCurrent(t *testing.T, src Source) *Snapshot {
	t.Helper()
	s, err := src.Current()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAreasAreGroupedOnce: an area whose duties are not adjacent in the file
// is one heading in the Duties view and in the day, not one per run.
func TestAreasAreGroupedOnce(t *testing.T) {
	p := cumbria(t)
	first := p.Duties[0]
	p.Duties = append(p.Duties[1:], first)
	src := newSource(t, "scattered", p)
	m, err := New(src, Options{Today: testToday, Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 400})
	for _, rows := range [][]dayRow{m.fresh(viewDuties).(*dutiesView).rows, m.fresh(viewMonth).(*monthView).dayp.rows} {
		headings := map[string]int{}
		for _, r := range rows {
			if r.duty < 0 {
				headings[r.area]++
			}
		}
		if headings[first.Area] != 1 {
			t.Errorf("area %q has %d headings, want 1", first.Area, headings[first.Area])
		}
	}
	press(m, "4")
	if n := strings.Count(screen(m), first.Area+"\n"); n > 1 {
		t.Errorf("the Duties view shows %q %d times", first.Area, n)
	}
}

// TestWarningsReachThePlanner: the plan's warnings show in the Gaps view,
// critical first, as rota check groups them.
func TestWarningsReachThePlanner(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "5")
	n := len(m.c.result().Warnings)
	if n == 0 {
		t.Fatal("Cumbria has no warnings: the test proves nothing")
	}
	mustContain(t, screen(m), fmt.Sprintf("%d warnings, critical first:", n), "12 statutory delegations have no cover")
}

// TestRefusalIsWrappedNotCut: a refusal longer than the screen is shown
// whole, over as many lines as it needs.
func TestRefusalIsWrappedNotCut(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	long := "refused: " + strings.Repeat("this reason is long ", 8) + "and ends here"
	m.Update(statusMsg{text: long, isErr: true})
	s := screen(m)
	mustContain(t, s, "and ends here")
	if lines := strings.Split(s, "\n"); len(lines) != 24 {
		t.Errorf("the screen has %d lines, want 24", len(lines))
	}
}

// TestPickersMarkWhomTheRulesRefuse: the buddy picker marks the month's SPOC,
// the SPOC picker a buddy set by hand, each saying why, before the PA picks.
func TestPickersMarkWhomTheRulesRefuse(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "b")
	mustContain(t, screen(m), "✗ Tracy Boustead", "refused: the SPOC cannot be the buddy")
	// On a narrow screen the reason goes below the name rather than be cut.
	m.Update(tea.WindowSizeMsg{Width: 44, Height: 24})
	mustContain(t, screen(m), "✗ Tracy Boustead", "refused: the SPOC cannot be the  ", "│     buddy ")
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "esc", "o")
	mustNotContain(t, screen(m), "✗")
	press(m, "esc")
	drain(m, apply(change.SetBuddy(date("2022-10-01").Month(), "jo")))
	press(m, "o")
	mustContain(t, screen(m), "✗ Jo Atkinson", "refused: the buddy, set by hand; set another buddy first")
	// Picking them anyway is refused by the rules, with the same reason.
	choose(t, m, "jo")
	if !m.isErr || !strings.Contains(m.status, "cannot also be its SPOC") {
		t.Fatalf("status %q", m.status)
	}
}

// TestFormHintSaysWhatEnterDoes: before the last field enter moves on and
// the hint says ctrl+s saves; on the last field the hint and enter save.
func TestFormHintSaysWhatEnterDoes(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "3", "a")
	mustContain(t, screen(m), "enter/tab next field", "ctrl+s save")
	press(m, "tab", "tab")
	mustContain(t, screen(m), "enter/ctrl+s save")
	press(m, "enter")
	if m.modal != nil {
		t.Fatal("enter on the last field did not save")
	}
	if m.c.snap.Version != 2 {
		t.Fatalf("version %d, want 2", m.c.snap.Version)
	}
}

// TestRefusedFormKeepsWhatWasTyped: a change the rules refuse brings its form
// back as it was typed, with the reason shown.
func TestRefusedFormKeepsWhatWasTyped(t *testing.T) {
	m, src := newModel(t, 120, 40)
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	press(m, "2", "a")
	typeText(m, "paul")
	press(m, "tab")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2022-10-03")
	press(m, "tab")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2022-10-14")
	press(m, "tab")
	typeText(m, "sick")
	press(m, "enter")
	f, ok := m.modal.(*absenceForm)
	if !ok {
		t.Fatalf("after a refusal the modal is %T, want the form back", m.modal)
	}
	for i, want := range []string{"paul", "2022-10-03", "2022-10-14", "sick"} {
		if got := f.fields[i].Value(); got != want {
			t.Errorf("field %s: %q, want %q as typed", absenceLabels[i], got, want)
		}
	}
	mustContain(t, screen(m), "refused: nothing to change: that absence is already recorded")
	if h, _ := src.History(); len(h) != 2 {
		t.Fatalf("%d versions, want 2", len(h))
	}
}
