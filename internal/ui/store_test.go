package ui

import (
	"errors"
	"strings"
	"testing"

	"rota/internal/backend"
	"rota/internal/change"
)

// newStoreModel opens the planner on the Cumbria plan saved in a new
// database file, and returns the store and the file too, for the tests that
// look at them directly.
func newStoreModel(t *testing.T) (*Model, *backend.Session, string) {
	t.Helper()
	s, path := openStore(t, "cumbria", cumbria(t))
	m, err := New(FromBackend(ctx, s, "cumbria", "pa"), Options{Today: testToday})
	if err != nil {
		t.Fatal(err)
	}
	m.resize(80, 24)
	return m, s, path
}

func TestStoreChangesAreSavedAtOnce(t *testing.T) {
	m, s, path := newStoreModel(t)
	press(m, "2", "a")
	typeText(m, "paul")
	press(m, "tab", "ctrl+u")
	typeText(m, "2022-10-03")
	press(m, "tab", "ctrl+u")
	typeText(m, "2022-10-14")
	press(m, "tab")
	typeText(m, "sick")
	press(m, "enter")
	if m.c.snap.Version != 2 || m.isErr {
		t.Fatalf("version %d, status %q", m.c.snap.Version, m.status)
	}
	// Another process sees it: the change is on disk.
	other, err := openBackend(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	snap, err := other.Load(ctx, backend.Ref{Plan: "cumbria"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Version != 2 || len(snap.Result.DutyGaps("siro")) != 10 {
		t.Fatalf("on disk: version %d, SIRO gaps %d", snap.Version, len(snap.Result.DutyGaps("siro")))
	}
	h, _ := s.History(ctx, backend.Ref{Plan: "cumbria"})
	if h[1].Author != "pa" || h[1].Change.Kind != change.KindAbsent {
		t.Fatalf("history %+v", h[1])
	}
	press(m, "u")
	if m.c.snap.Version != 3 || len(m.c.result().Gaps) != 0 {
		t.Fatalf("undo: version %d, %d gaps", m.c.snap.Version, len(m.c.result().Gaps))
	}
	press(m, "6")
	mustContain(t, screen(m), "undid version 2", "absence: ")
}

func TestStoreRefusalAndConflict(t *testing.T) {
	m, s, _ := newStoreModel(t)
	// The store refuses a buddy who is the month's SPOC; nothing is written.
	drain(m, apply(change.SetBuddy(date("2022-10-01").Month(), "tracy")))
	if !m.isErr || !strings.HasPrefix(m.status, "refused: ") {
		t.Fatalf("status %q", m.status)
	}
	if h, _ := s.History(ctx, backend.Ref{Plan: "cumbria"}); len(h) != 1 {
		t.Fatalf("%d versions after a refusal", len(h))
	}
	// Someone else changes the plan; the planner's next change is refused
	// as a conflict and it shows the latest version.
	if _, err := s.Apply(ctx, backend.Ref{Plan: "cumbria"}, 1, change.SetSPOC(date("2022-11-01").Month(), "jo"), "someone", ""); err != nil {
		t.Fatal(err)
	}
	drain(m, apply(paulSick))
	if !m.isErr || !strings.Contains(m.status, "plan changed since version 1: now version 2 by someone") {
		t.Fatalf("status %q", m.status)
	}
	if m.c.snap.Version != 2 || !m.c.pinnedMonth(date("2022-11-01").Month()) {
		t.Fatalf("after the conflict: version %d; want the latest, with November pinned", m.c.snap.Version)
	}
}

func TestStoreScenarioKeepAdoptDrop(t *testing.T) {
	m, s, _ := newStoreModel(t)
	press(m, "s")
	if m.c.snap.Scenario != "what-if-1" || m.c.snap.Base != 1 {
		t.Fatalf("scenario %q base %d", m.c.snap.Scenario, m.c.snap.Base)
	}
	drain(m, apply(paulSick))
	drain(m, apply(change.SetSPOC(date("2022-10-01").Month(), "jo")))
	press(m, "u") // the SPOC change is undone; Paul's absence stays
	if d := m.c.diff; d == nil || len(d.New) == 0 || d.Months != 0 {
		t.Fatalf("diff after undo: %+v", d)
	}
	// Keep it under another name: the changes in effect go with it.
	press(m, "s", "k", "ctrl+u")
	typeText(m, "Paul off sick")
	mustContain(t, screen(m), "enter keeps it as paul-off-sick")
	press(m, "enter")
	if m.isErr || m.c.snap.Scenario != "" {
		t.Fatalf("keep: status %q scenario %q", m.status, m.c.snap.Scenario)
	}
	list, _ := s.Scenarios(ctx, "cumbria")
	if len(list) != 1 || list[0].Name != "paul-off-sick" {
		t.Fatalf("scenarios %+v", list)
	}
	kept, err := s.Load(ctx, backend.Ref{Plan: "cumbria", Scenario: "paul-off-sick"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(kept.Result.DutyGaps("siro")) != 10 || kept.Result.Assign.SPOC[3] != "tracy" {
		t.Fatalf("the kept what-if: SIRO gaps %d, October SPOC %s", len(kept.Result.DutyGaps("siro")), kept.Result.Assign.SPOC[3])
	}
	// Open it from History and adopt it.
	press(m, "6", "j", "enter")
	if m.c.snap.Scenario != "paul-off-sick" {
		t.Fatalf("opened %q", m.c.snap.Scenario)
	}
	press(m, "s", "a")
	if m.isErr || m.c.snap.Scenario != "" || len(m.c.result().DutyGaps("siro")) != 10 {
		t.Fatalf("adopt: status %q version %d", m.status, m.c.snap.Version)
	}
	// A new what-if, dropped, leaves the plan as it was.
	v := m.c.snap.Version
	press(m, "s")
	drain(m, apply(change.Change{Kind: change.KindAbsent, Person: "jo", Date: date("2022-12-01"), To: date("2022-12-02")}))
	press(m, "s", "d")
	if cur, _ := s.Load(ctx, backend.Ref{Plan: "cumbria"}, 0); cur.Version != v {
		t.Fatalf("drop changed the plan: version %d, want %d", cur.Version, v)
	}
	if list, _ := s.Scenarios(ctx, "cumbria"); len(list) != 0 {
		t.Fatalf("scenarios after drop: %+v", list)
	}
}

func TestStoreErrorsKeepTheirMeaning(t *testing.T) {
	if !errors.Is(storeErr(&backend.ConflictError{Base: 1, Head: 2}), ErrConflict) {
		t.Error("a store conflict is not ErrConflict")
	}
	err := storeErr(&change.RefusedError{Problems: []string{"a", "b"}})
	if err.Error() != "a; b" || errors.Is(err, ErrConflict) {
		t.Errorf("refusal: %v", err)
	}
	if storeErr(nil) != nil {
		t.Error("no error became one")
	}
}
