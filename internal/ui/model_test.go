package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
)

func TestOpensOnTheCurrentMonth(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	if m.active != viewRota {
		t.Fatalf("opens on view %d, want the Rota", m.active)
	}
	if m.c.focus != testToday {
		t.Fatalf("focus %s, want today %s", m.c.focus, testToday)
	}
	mustContain(t, screen(m), ">Oct•", "October 2022: SPOC Tracy Boustead, buddy Simon Higgins")

	// Outside the plan, the planner starts on the first month but marks
	// none as current.
	m2, err := New(newSource(t, "cumbria", cumbria(t)), Options{Today: date("2025-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m2.c.currentMonth(); m2.c.focus != date("2022-07-01") || ok {
		t.Fatalf("outside the plan: focus %s, a current month marked %v; want July 2022 and none", m2.c.focus, ok)
	}
	m2.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	if s := screen(m2); !strings.Contains(s, ">Jul ") || strings.Contains(s, "Jul•") {
		t.Fatalf("outside the plan no month is marked current:\n%s", s)
	}
}

func TestTabsAndNumberKeys(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	for i, k := range []string{"1", "2", "3", "4", "5", "6"} {
		press(m, k)
		if m.active != i {
			t.Errorf("key %s: view %d, want %d", k, m.active, i)
		}
	}
	press(m, "tab")
	if m.active != viewRota {
		t.Errorf("tab after History: view %d, want Rota (wraps)", m.active)
	}
	press(m, "shift+tab")
	if m.active != viewHistory {
		t.Errorf("shift+tab from Rota: view %d, want History", m.active)
	}
	if !press(m, "q") {
		t.Error("q does not quit")
	}
}

func TestRotaMovesByMonthAndOpensTheMonth(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "l")
	if got := m.c.focus.Month(); got != date("2022-11-01").Month() {
		t.Fatalf("l: month %s, want 2022-11", got)
	}
	press(m, "left", "h")
	if got := m.c.focus.Month(); got != date("2022-09-01").Month() {
		t.Fatalf("left, h: month %s, want 2022-09", got)
	}
	for range 20 {
		press(m, "h")
	}
	if got := m.c.focus.Month(); got != date("2022-07-01").Month() {
		t.Fatalf("h past the start: month %s, want the first month", got)
	}
	press(m, "enter")
	if m.active != viewMonth {
		t.Fatalf("enter: view %d, want Month", m.active)
	}
	mustContain(t, screen(m), "July 2022 · handover not acknowledged · SPOC Simon · buddy Jo")
}

func TestMonthMovesByDayWeekAndMonth(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "2")
	steps := []struct {
		key  string
		want string
	}{
		{"l", "2022-10-06"},      // Wed → Thu
		{"right", "2022-10-07"},  // Fri
		{"l", "2022-10-10"},      // over the weekend to Monday
		{"h", "2022-10-07"},      // back to Friday
		{"j", "2022-10-14"},      // a week on
		{"down", "2022-10-21"},   //
		{"k", "2022-10-14"},      // a week back
		{"up", "2022-10-07"},     //
		{"]", "2022-11-07"},      // next month, same day
		{"pgdown", "2022-12-07"}, //
		{"[", "2022-11-07"},      // previous month
		{"pgup", "2022-10-07"},   //
		{"t", "2022-10-05"},      // today
	}
	for _, s := range steps {
		press(m, s.key)
		if got := m.c.focus.String(); got != s.want {
			t.Fatalf("after %q: focus %s, want %s", s.key, got, s.want)
		}
	}
	// Paging lands on a weekday of the grid: 1 October 2022 is a Saturday.
	press(m, "t", "[", "h", "h")
	if got := m.c.focus.String(); got != "2022-09-01" {
		t.Fatalf("t, [, h, h: %s, want 2022-09-01", got)
	}
	press(m, "]")
	if got := m.c.focus.String(); got != "2022-10-03" {
		t.Fatalf("] from 1 September: %s, want Monday 3 October", got)
	}
	// The plan's edges hold.
	for range 12 {
		press(m, "]")
	}
	if got := m.c.focus.Month().String(); got != "2023-03" {
		t.Fatalf("] past the end: %s, want 2023-03", got)
	}
	for range 60 {
		press(m, "l")
	}
	if got := m.c.focus.String(); got != "2023-03-31" {
		t.Fatalf("l past the end: %s, want the last day 2023-03-31", got)
	}
}

func TestMonthShowsPresenceActingSPOCAndHolidays(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "2")
	s := screen(m)
	// Each day shows the person the rota has present on it.
	r := m.c.result()
	for _, d := range []string{"2022-10-03", "2022-10-04", "2022-10-05"} {
		who := m.c.name(r.Presence(date(d)))
		day := strings.TrimLeft(d[8:], "0")
		if !strings.Contains(s, day+" "+who) {
			t.Errorf("%s: screen lacks %q", d, day+" "+who)
		}
	}
	mustContain(t, s, "SPOC Tracy", "> 5 Paul")
	// August has the summer bank holiday, greyed with its name.
	press(m, "[", "[")
	mustContain(t, screen(m), "29 holiday", "Summer ban")
}

func TestDayShowsHoldersAndWhy(t *testing.T) {
	m, src := newModel(t, 80, 40)
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	press(m, "2", "enter")
	if !m.fresh(viewMonth).(*monthView).day {
		t.Fatal("enter did not open the day")
	}
	s := screen(m)
	mustContain(t, s, "Wednesday 5 October 2022", "acting SPOC Tracy",
		"Present in the county: Paul, but away (sick) !",
		"y makes", "Senior Information Risk Owner (SIRO)", "! nobody: Paul away (sick)")
	press(m, "esc")
	if m.fresh(viewMonth).(*monthView).day {
		t.Fatal("esc did not close the day")
	}
}

// reload shows the source's latest version, as after a change.
func reload(t *testing.T, m *Model) {
	t.Helper()
	drain(m, m.run(func(s Source) loadedMsg {
		snap, err := s.Current()
		return loadedMsg{snap: snap, err: err}
	}))
}

func TestAbsenceFormChecksAsTypedAndSaves(t *testing.T) {
	m, src := newModel(t, 80, 24)
	press(m, "2", "a")
	f, ok := m.modal.(*absenceForm)
	if !ok {
		t.Fatalf("a opened %T, want the absence form", m.modal)
	}
	if f.fields[1].Value() != "2022-10-05" || f.fields[2].Value() != "2022-10-05" {
		t.Fatalf("form dates %q..%q, want the selected day", f.fields[1].Value(), f.fields[2].Value())
	}
	typeText(m, "Pual")
	mustContain(t, screen(m), `! "pual" is not a person`)
	press(m, "backspace", "backspace", "backspace")
	typeText(m, "aul")
	mustContain(t, screen(m), "Paul Robinson")
	press(m, "tab")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2022-10-3")
	mustContain(t, screen(m), "! not a date: write it YYYY-MM-DD")
	press(m, "backspace")
	typeText(m, "03")
	mustContain(t, screen(m), "Mon 3 Oct 2022")
	press(m, "tab")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2022-10-01")
	mustContain(t, screen(m), "ends before it starts")
	// Saving with a wrong field goes to it and saves nothing.
	press(m, "ctrl+s")
	if m.modal == nil {
		t.Fatal("a form with an error was saved")
	}
	if h, _ := src.History(); len(h) != 1 {
		t.Fatalf("%d versions after a refused form, want 1", len(h))
	}
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2022-10-14")
	mustContain(t, screen(m), "Fri 14 Oct 2022 · 10 working days")
	press(m, "tab")
	typeText(m, "sick")
	press(m, "enter")
	if m.modal != nil {
		t.Fatal("enter on the last field did not save")
	}
	if m.c.snap.Version != 2 {
		t.Fatalf("version %d after saving, want 2", m.c.snap.Version)
	}
	if got := len(m.c.result().DutyGaps("siro")); got != 10 {
		t.Errorf("SIRO uncovered on %d days, want 10", got)
	}
	mustContain(t, screen(m), "saved version 2: absent paul 2022-10-03 2022-10-14")
}

func TestAbsenceFormCancels(t *testing.T) {
	m, src := newModel(t, 80, 24)
	press(m, "3", "a")
	if f := m.modal.(*absenceForm); f.fields[0].Value() != "jo" || f.focus != 1 {
		t.Fatalf("People's form: person %q focus %d; want the selected person and the From field", f.fields[0].Value(), f.focus)
	}
	press(m, "esc")
	if m.modal != nil {
		t.Fatal("esc did not close the form")
	}
	if h, _ := src.History(); len(h) != 1 {
		t.Fatal("a cancelled form saved a version")
	}
}

func TestRefusedChangeShowsWhyAndChangesNothing(t *testing.T) {
	m, src := newModel(t, 80, 24)
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	before := m.c.snap
	// Make Paul present on a day he is away: pick him in the presence picker.
	press(m, "2", "p")
	p, ok := m.modal.(*picker)
	if !ok {
		t.Fatalf("p opened %T, want a picker", m.modal)
	}
	for i, it := range p.items {
		if it.value == "paul" {
			p.cursor = i
		}
	}
	press(m, "enter")
	if !m.isErr || !strings.Contains(m.status, "Paul Robinson is away on Wed 5 Oct 2022") {
		t.Fatalf("status %q (error %v), want why it was refused", m.status, m.isErr)
	}
	if m.c.snap != before {
		t.Fatal("a refused change replaced the state shown")
	}
	if h, _ := src.History(); len(h) != 2 {
		t.Fatalf("%d versions, want 2: a refused change saves nothing", len(h))
	}
	mustContain(t, screen(m), "refused: Paul Robinson is away on Wed 5 Oct 2022")
}

func TestSuggestedPresenceIsAcceptedWithY(t *testing.T) {
	m, src := newModel(t, 80, 24)
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	press(m, "2")
	d := m.c.focus
	if who := m.c.result().Presence(d); who != "paul" {
		t.Fatalf("presence on %s is %q; the test wants a day of Paul's", d, who)
	}
	want := m.c.suggestPresence(d)
	// The suggestion is the available person with the fewest presence days.
	for _, id := range m.c.plan().Presence.Order {
		if id != "paul" && m.c.presence[id] < m.c.presence[want] {
			t.Fatalf("suggested %s (%d days) but %s has %d", want, m.c.presence[want], id, m.c.presence[id])
		}
	}
	mustContain(t, screen(m), "Paul is away: y makes "+m.c.name(want)+" present")
	press(m, "y")
	if got := m.c.result().Presence(d); got != want {
		t.Fatalf("after y: presence %q, want %q", got, want)
	}
	if !m.c.pinnedDay(d) {
		t.Error("the accepted day is not marked as set by hand")
	}
	for _, g := range m.c.result().GapsOn(d) {
		if g.Kind == coverage.KindPresence {
			t.Error("a presence gap remains after accepting the suggestion")
		}
	}
	press(m, "y")
	if !strings.Contains(m.status, "no suggestion") {
		t.Errorf("y with nothing to suggest: status %q", m.status)
	}
}

func TestUndo(t *testing.T) {
	m, src := newModel(t, 80, 24)
	drain(m, apply(paulSick))
	if len(m.c.result().Gaps) == 0 {
		t.Fatal("Paul's absence made no gaps")
	}
	press(m, "u")
	if m.c.snap.Version != 3 {
		t.Fatalf("undo: version %d, want 3 (undo is a new version)", m.c.snap.Version)
	}
	if n := len(m.c.result().Gaps); n != 0 {
		t.Fatalf("after undo %d gaps, want none", n)
	}
	h, _ := src.History()
	if h[2].Note != "undid version 2" {
		t.Errorf("undo's note %q", h[2].Note)
	}
	press(m, "u")
	if !m.isErr || !strings.Contains(m.status, "nothing to undo") {
		t.Errorf("undo past the import: status %q", m.status)
	}
}

func TestSetSPOCSwapAndBuddy(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	oct := date("2022-10-01").Month()
	i, _ := m.c.frame().MonthIndex(oct)
	// o: set October's SPOC to Jo.
	press(m, "o")
	pk := m.modal.(*picker)
	if pk.items[pk.cursor].value != "tracy" {
		t.Fatalf("the SPOC picker starts on %q, want the SPOC tracy", pk.items[pk.cursor].value)
	}
	press(m, "k") // simon, jo, paul, tracy: up to paul
	press(m, "k", "enter")
	if got := m.c.result().Assign.SPOC[i]; got != "jo" {
		t.Fatalf("October's SPOC %q, want jo", got)
	}
	mustContain(t, screen(m), "Jo#")
	// w: swap October with November.
	press(m, "w", "enter")
	r := m.c.result()
	if r.Assign.SPOC[i] != "simon" || r.Assign.SPOC[i+1] != "jo" {
		t.Fatalf("after swap: Oct %s, Nov %s; want simon, jo", r.Assign.SPOC[i], r.Assign.SPOC[i+1])
	}
	if r.Assign.Buddy[i] == r.Assign.SPOC[i] || r.Assign.Buddy[i+1] == r.Assign.SPOC[i+1] {
		t.Fatal("a month's buddy is its SPOC after the swap")
	}
	// b: a buddy who is the SPOC is refused.
	press(m, "b")
	choose(t, m, "simon")
	if !m.isErr || !strings.Contains(m.status, "simon is the SPOC of 2022-10; the buddy must be someone else") {
		t.Fatalf("status %q", m.status)
	}
}

func TestScenarioShowsTheDifferenceAndAdopts(t *testing.T) {
	m, src := newModel(t, 80, 24)
	press(m, "s")
	if m.c.snap.Scenario != "what-if-1" || m.c.base == nil {
		t.Fatalf("s: scenario %q, base %v", m.c.snap.Scenario, m.c.base)
	}
	drain(m, apply(paulSick))
	if cur, _ := src.Current(); cur.Version != 1 || len(cur.Result.Gaps) != 0 {
		t.Fatal("a what-if change reached the plan")
	}
	d := m.c.diff
	if d == nil || len(d.New) == 0 || len(d.Resolved) != 0 {
		t.Fatalf("diff %+v, want new gaps only", d)
	}
	s := screen(m)
	mustContain(t, s, "what-if what-if-1 on v1", "0→10", fmt.Sprintf("(+%d -0", len(d.New)))
	press(m, "5")
	mustContain(t, screen(m), "+ 3–14 Oct 2022", "What-if against version 1")
	press(m, "2")
	mustContain(t, screen(m), " 3 Simon +")
	// s again offers to adopt, keep or drop; a adopts.
	press(m, "s")
	if _, ok := m.modal.(*endScenario); !ok {
		t.Fatalf("s in a what-if opened %T", m.modal)
	}
	press(m, "a")
	if m.c.snap.Scenario != "" || m.c.snap.Version != 2 || m.c.diff != nil {
		t.Fatalf("after adopt: scenario %q, version %d", m.c.snap.Scenario, m.c.snap.Version)
	}
	if cur, _ := src.Current(); len(cur.Result.DutyGaps("siro")) != 10 {
		t.Fatal("the adopted change is not on the plan")
	}
	if sc, _ := src.Scenarios(); len(sc) != 0 {
		t.Fatal("an adopted what-if is still listed")
	}
}

func TestScenarioKeepAndDrop(t *testing.T) {
	m, src := newModel(t, 80, 24)
	press(m, "s")
	drain(m, apply(paulSick))
	press(m, "s", "k")
	if _, ok := m.modal.(*prompt); !ok {
		t.Fatalf("k opened %T, want the name prompt", m.modal)
	}
	for range 12 {
		press(m, "backspace")
	}
	typeText(m, "paul off sick")
	press(m, "enter")
	if m.c.snap.Scenario != "" || m.c.snap.Version != 1 {
		t.Fatalf("after keep: scenario %q version %d; want back on the plan, version 1", m.c.snap.Scenario, m.c.snap.Version)
	}
	sc, _ := src.Scenarios()
	if len(sc) != 1 || sc[0].Name != "paul-off-sick" || sc[0].Version != sc[0].Base+1 {
		t.Fatalf("scenarios %+v", sc)
	}
	// Open it again from History, then drop it.
	press(m, "6", "j", "enter")
	if m.c.snap.Scenario != "paul-off-sick" || m.c.diff == nil || len(m.c.diff.New) == 0 {
		t.Fatalf("History enter on the what-if: scenario %q", m.c.snap.Scenario)
	}
	press(m, "s", "d")
	if m.c.snap.Scenario != "" {
		t.Fatal("drop left the what-if open")
	}
	if sc, _ := src.Scenarios(); len(sc) != 0 {
		t.Fatal("the dropped what-if is still listed")
	}
	if cur, _ := src.Current(); cur.Version != 1 {
		t.Fatal("dropping a what-if changed the plan")
	}
}

func TestUndoInAScenarioStaysInIt(t *testing.T) {
	m, src := newModel(t, 80, 24)
	press(m, "s")
	drain(m, apply(paulSick))
	press(m, "u")
	if m.c.snap.Scenario == "" || !m.c.diff.Empty() {
		t.Fatalf("undo in a what-if: scenario %q changes %d", m.c.snap.Scenario, m.c.snap.Changes)
	}
	if h, _ := src.History(); len(h) != 1 {
		t.Fatal("undo in a what-if wrote a plan version")
	}
	press(m, "u")
	if !m.isErr || !strings.Contains(m.status, "nothing to undo: the scenario is back at its base, version 1") {
		t.Fatalf("undo past the what-if's start: status %q", m.status)
	}
}

func TestReadOnlyVersion(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	drain(m, apply(paulSick))
	press(m, "6", "j", "enter") // version 1
	if !m.c.snap.ReadOnly || m.c.snap.Version != 1 {
		t.Fatalf("opened version %d read-only=%v", m.c.snap.Version, m.c.snap.ReadOnly)
	}
	mustContain(t, screen(m), "v1 of 2, read-only", "no gaps")
	press(m, "5")
	mustNotContain(t, screen(m), "3–14 Oct 2022")
	press(m, "1", "o", "enter")
	if !m.isErr || !strings.Contains(m.status, "read only") {
		t.Fatalf("an edit on a read-only version: status %q", m.status)
	}
	press(m, "u")
	if !m.isErr {
		t.Fatal("undo on a read-only version was not refused")
	}
	press(m, "esc")
	if m.c.snap.ReadOnly || m.c.snap.Version != 2 {
		t.Fatalf("esc: version %d read-only=%v, want the latest", m.c.snap.Version, m.c.snap.ReadOnly)
	}
}

func TestHistoryDiffOfTwoVersions(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	drain(m, apply(paulSick))
	press(m, "6", "d")
	mustContain(t, m.status, "version 2 marked")
	press(m, "j", "d")
	// Paul owns 14 duties, uncovered for 10 days, and was present on two of them.
	mustContain(t, screen(m), "Version 1 → 2: 142 new gaps, 0 resolved", "+ Business Continuity Board: nobody 3–14 Oct 2022")
}

func TestConflictIsRefusedAndShowsTheLatest(t *testing.T) {
	m, src := newModel(t, 80, 24)
	// Someone else saves a change meanwhile.
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	drain(m, apply(change.SetSPOC(date("2022-10-01").Month(), "jo")))
	if !m.isErr || !strings.Contains(m.status, "plan changed since version 1: now version 2 by pa") {
		t.Fatalf("status %q", m.status)
	}
	if m.c.snap.Version != 2 {
		t.Fatalf("after a conflict the planner shows version %d, want the latest, 2", m.c.snap.Version)
	}
	if h, _ := src.History(); len(h) != 2 {
		t.Fatal("the conflicting change was saved")
	}
}

func TestDutiesFilterOwnerAndCover(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "4", "/")
	if !m.fresh(viewDuties).Capturing() {
		t.Fatal("/ does not start typing a filter")
	}
	typeText(m, "siro")
	if m.active != viewDuties {
		t.Fatal("typing into the filter switched views")
	}
	v := m.fresh(viewDuties).(*dutiesView)
	var ids []string
	for _, r := range v.rows {
		if r.duty >= 0 {
			ids = append(ids, m.c.plan().Duties[r.duty].ID)
		}
	}
	if strings.Join(ids, ",") != "siro,siro-delegation" {
		t.Fatalf("filter siro lists %v", ids)
	}
	typeText(m, "q1")
	if m.active != viewDuties {
		t.Fatal("q or 1 acted as a key while typing the filter")
	}
	press(m, "backspace", "backspace", "enter")
	mustContain(t, screen(m), "Filter: siro", "Senior Information Risk Owner (SIRO)")
	// c sets the cover; it is checked as typed.
	press(m, "c")
	typeText(m, "paul")
	mustContain(t, screen(m), "Paul Robinson owns it and cannot also cover it")
	press(m, "backspace", "backspace", "backspace", "backspace")
	typeText(m, "simon, jo")
	mustContain(t, screen(m), "Paul → Simon Higgins → Jo Atkinson")
	press(m, "enter")
	if du, _ := m.c.plan().Duty("siro"); strings.Join(du.Cover, ",") != "simon,jo" {
		t.Fatalf("SIRO's cover %v", du.Cover)
	}
	mustContain(t, screen(m), "Paul → Simon → Jo")
	// o sets the owner; someone in the cover leaves it, as nobody covers
	// for themselves.
	press(m, "o")
	pk := m.modal.(*picker)
	for i, it := range pk.items {
		if it.value == "jo" {
			pk.cursor = i
			if it.note != "in the cover, leaves it" {
				t.Errorf("Jo's note in the owner picker: %q", it.note)
			}
		}
	}
	press(m, "enter")
	if du, _ := m.c.plan().Duty("siro"); m.isErr || du.Owner != "jo" || strings.Join(du.Cover, ",") != "simon" {
		t.Fatalf("Jo made owner from the cover: owner %s cover %v, status %q", du.Owner, du.Cover, m.status)
	}
	mustContain(t, screen(m), "Jo → Simon")
	press(m, "esc")
	if v.filter.Value() != "" || len(v.rows) < len(m.c.plan().Duties) {
		t.Fatal("esc did not clear the filter")
	}
}

func TestGapsEnterJumpsToTheDay(t *testing.T) {
	m, src := newModel(t, 80, 24)
	if _, err := src.Apply(m.c.snap, change.Change{Kind: change.KindAbsent, Person: "simon", Date: date("2022-12-12"), To: date("2022-12-13")}); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	press(m, "5")
	mustContain(t, screen(m), "12–13 Dec 2022 (2d)")
	press(m, "enter")
	if m.active != viewMonth || m.c.focus != date("2022-12-12") {
		t.Fatalf("enter: view %d focus %s, want Month on 2022-12-12", m.active, m.c.focus)
	}
	mustContain(t, screen(m), "December 2022", ">12 ")
}

func TestPeopleRemoveAbsence(t *testing.T) {
	m, src := newModel(t, 80, 24)
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	press(m, "3", "j")
	mustContain(t, screen(m), "Paul Robinson, Assistant Director", "Away (1)")
	press(m, "x", "enter")
	if n := len(m.c.plan().Absences); n != 0 || m.c.snap.Version != 3 {
		t.Fatalf("after removing: %d absences, version %d", n, m.c.snap.Version)
	}
	press(m, "x")
	mustContain(t, m.status, "has no absences")
}

func TestHelpAndResize(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "?")
	mustContain(t, screen(m), "Keys in Rota", "swap months", "what-if", "e   export", "o set SPOC")
	press(m, "x")
	if m.showHelp {
		t.Fatal("a key did not close the help")
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}, {60, 15}, {200, 60}} {
		m.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for v := range viewCount {
			m.active = v
			lines := strings.Split(screen(m), "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d view %d: %d lines", size[0], size[1], v, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d view %d line %d is %d wide: %q", size[0], size[1], v, i, w, l)
				}
			}
		}
	}
}

func TestChangeStrings(t *testing.T) {
	oct := calendar.MonthOf(2022, 10)
	for _, c := range []struct {
		c    change.Change
		want string
	}{
		{paulSick, `absent paul 2022-10-03 2022-10-14 --reason "sick"`},
		{change.SetSPOC(oct, "jo"), "spoc 2022-10 jo"},
		{change.Swap(oct, oct+1), "swap 2022-10 2022-11"},
		{change.SetPresence(date("2022-10-04"), "jo"), "present 2022-10-04 jo"},
		{change.SetCover("siro", []string{"simon", "jo"}), "cover siro simon,jo"},
		{change.SetCover("siro", nil), "cover siro -"}, // as rota edit takes "no cover"
	} {
		if got := c.c.String(); got != c.want {
			t.Errorf("%q, want %q", got, c.want)
		}
	}
}

func TestHistoryDiffOfAVersionAndAWhatIf(t *testing.T) {
	m, src := newModel(t, 80, 24)
	v2, err := src.Apply(m.c.snap, paulSick)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := src.NewScenario(v2, "tracy-leave")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.Apply(sc, change.Change{Kind: change.KindAbsent, Person: "tracy", Date: date("2022-10-10"), To: date("2022-10-12"), Reason: "annual leave"}); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	// Rows: version 2, version 1, the what-if. d on the what-if alone
	// compares it with the version it started on.
	press(m, "6", "j", "j", "d")
	mustContain(t, screen(m), "Version 2 → what-if")
	// Marking version 1 first compares the what-if with version 1.
	press(m, "k", "d", "j", "d")
	mustContain(t, screen(m), "Version 1 → what-if")
}

func TestScenarioWhosePlanMovedOnIsRebasedThenAdopted(t *testing.T) {
	m, src := newModel(t, 80, 24)
	press(m, "s")
	drain(m, apply(paulSick))
	// Someone else changes the plan meanwhile.
	plan, _ := src.Current()
	if _, err := src.Apply(plan, change.SetSPOC(date("2022-12-01").Month(), "tracy")); err != nil {
		t.Fatal(err)
	}
	press(m, "s", "a")
	if !m.isErr || !strings.Contains(m.status, "s then r rebases it") || m.c.snap.Scenario == "" {
		t.Fatalf("adopting a stale what-if: status %q, scenario %q", m.status, m.c.snap.Scenario)
	}
	press(m, "s", "r")
	if m.isErr || m.c.snap.Base != 2 || m.c.snap.Scenario == "" || !strings.Contains(m.status, "now starts from version 2") {
		t.Fatalf("rebase: status %q, base %d", m.status, m.c.snap.Base)
	}
	press(m, "s", "a")
	cur, _ := src.Current()
	if m.c.snap.Scenario != "" || cur.Version != 3 || len(cur.Result.DutyGaps("siro")) != 10 || cur.Result.Assign.SPOC[5] != "tracy" {
		t.Fatalf("after adopting: version %d, SIRO gaps %d, December SPOC %s", cur.Version, len(cur.Result.DutyGaps("siro")), cur.Result.Assign.SPOC[5])
	}
}

// Scrolling a person's plan must not write the "more lines" note into the
// cached text: after paging down and back up, the plan reads as before.
func TestPeopleScrollKeepsThePlanIntact(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "3")
	first := screen(m)
	press(m, "pgdown")
	mid := screen(m)
	if mid == first {
		t.Fatal("pgdn did not scroll the person's plan")
	}
	// The note may only close the plan's part of the screen: a plan line
	// after it means a stale note replaced one of the plan's lines.
	lines := strings.Split(mid, "\n")
	for i, l := range lines {
		if strings.Contains(l, "more lines (pgdn)") && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			t.Fatalf("after pgdn a stale \"more lines\" note sits inside the plan:\n%s", mid)
		}
	}
	press(m, "pgup")
	if again := screen(m); again != first {
		t.Fatalf("after pgdn and pgup the screen differs:\n%s\n---\n%s", first, again)
	}
	press(m, "pgdown", "pgdown", "pgup", "pgup")
	if again := screen(m); again != first {
		t.Fatalf("after scrolling twice the screen differs:\n%s\n---\n%s", first, again)
	}
}

// historyFails is a source whose history cannot be read.
type historyFails struct{ Source }

func (historyFails) History() ([]Version, error) { return nil, errors.New("disk I/O error") }

func TestAnUnreadableHistoryIsSaidNotShownEmpty(t *testing.T) {
	src := historyFails{newSource(t, "cumbria", cumbria(t))}
	m, err := New(src, Options{Today: testToday, Status: "opened cumbria"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(m.status, "opened cumbria; cannot read the plan's history: disk I/O error") {
		t.Fatalf("status %q", m.status)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	mustContain(t, screen(m), "SPOC", "Simon") // the plan itself still shows
}

// A view not shown when the plan changes shows the change once it is
// shown: only the view shown is refreshed at once (Model.stale).
func TestHiddenViewsShowTheLatestWhenShown(t *testing.T) {
	m, src := newModel(t, 120, 40)
	press(m, "5", "1") // Gaps drawn once, then Rota
	if m.stale[viewGaps] {
		t.Fatal("Gaps stale before any change")
	}
	if _, err := src.Apply(m.c.snap, paulSick); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	if !m.stale[viewGaps] || m.stale[viewRota] {
		t.Fatalf("after a change: stale %v, want every view but Rota", m.stale)
	}
	press(m, "5")
	mustContain(t, screen(m), "paul away")
	press(m, "3")
	for _, l := range m.views[viewPeople].(*peopleView).loads {
		if l.id == "paul" && l.away != 10 {
			t.Errorf("People shows paul away %d days, want the 10 just recorded", l.away)
		}
	}
	if m.stale[viewGaps] || m.stale[viewPeople] {
		t.Fatalf("views shown are still stale: %v", m.stale)
	}
}
