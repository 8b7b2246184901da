package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/backend"
)

// roleModel is the planner at 200×60 on the Cumbria plan for actor a.
func roleModel(t *testing.T, a backend.Actor) *Model {
	t.Helper()
	s, _ := openStore(t, "cumbria", cumbria(t))
	m, err := New(FromBackend(ctx, s.Backend().As(a), "cumbria", ""), Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer()})
	if err != nil {
		t.Fatal(err)
	}
	press(m, "1")
	m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
	return m
}

// fullHelp is what ? shows, closed again afterwards.
func fullHelpOf(t *testing.T, m *Model) string {
	t.Helper()
	press(m, "?")
	s := screen(m)
	press(m, "esc")
	return s
}

// mustRefuse: k is neither in the help bar nor in ?, and pressing it opens
// nothing, changes nothing and says in one line that it is not for the role.
func mustRefuse(t *testing.T, m *Model, k, desc string) {
	t.Helper()
	press(m, string(rune('1'+m.active))) // clears the last message
	mustNotContain(t, screen(m), desc)
	mustNotContain(t, fullHelpOf(t, m), desc)
	before := m.c.snap.Version
	press(m, k)
	if m.modal != nil {
		t.Fatalf("%s opened %T for role %s", k, m.modal, m.c.src.(actorSource).Actor().Role)
	}
	if m.c.snap.Version != before {
		t.Fatalf("%s changed the plan: version %d, was %d", k, m.c.snap.Version, before)
	}
	if !strings.HasPrefix(m.status, "not for your role: ") || strings.Contains(m.status, "\n") {
		t.Fatalf("%s: status %q, want one line saying it is not for the role", k, m.status)
	}
}

// TestADIsOfferedOnlyTheirOwn: an AD is not offered SPOC, buddy, swap,
// undo, what-ifs, presence, owner or cover, but records their own absence.
func TestADIsOfferedOnlyTheirOwn(t *testing.T) {
	m := roleModel(t, backend.Actor{Name: "simon", Role: backend.RoleAD, Person: "simon"})
	mustRefuse(t, m, "o", "set SPOC")
	mustRefuse(t, m, "b", "set buddy")
	mustRefuse(t, m, "w", "swap months")
	mustRefuse(t, m, "u", "u undo")
	mustRefuse(t, m, "s", "s what-if")
	press(m, "2")
	mustRefuse(t, m, "p", "set presence")
	press(m, "4")
	mustRefuse(t, m, "o", "set owner")
	mustRefuse(t, m, "c", "set cover")

	press(m, "3")
	mustContain(t, screen(m), "add absence", "remove absence")
	press(m, "a")
	if _, ok := m.modal.(*absenceForm); !ok {
		t.Fatalf("an AD's a opened %T, want the absence form", m.modal)
	}
}

// TestManagerMakesWhatIfsButDoesNotAdopt: a manager may not edit the plan,
// may start a what-if and change it, and is not offered adopting it.
func TestManagerMakesWhatIfsButDoesNotAdopt(t *testing.T) {
	m := roleModel(t, backend.Actor{Name: "boss", Role: backend.RoleManager})
	mustRefuse(t, m, "o", "set SPOC")
	mustRefuse(t, m, "u", "u undo")
	press(m, "?")
	mustContain(t, screen(m), "s again rebases, keeps or drops it.")
	press(m, "?", "s")
	if m.c.snap.Scenario == "" {
		t.Fatalf("a manager's s started no what-if: %q", m.status)
	}
	// Not told that s adopts: only a PA or an admin may.
	if !strings.HasSuffix(m.status, "s again to keep or drop it") {
		t.Fatalf("status %q", m.status)
	}
	press(m, "1")
	mustContain(t, screen(m), "set SPOC", "undo")
	press(m, "o")
	if m.modal == nil {
		t.Fatalf("a manager's o in a what-if opened nothing: %q", m.status)
	}
	press(m, "esc", "s")
	if _, ok := m.modal.(*endScenario); !ok {
		t.Fatalf("s in a what-if opened %T", m.modal)
	}
	mustNotContain(t, screen(m), "adopt")
	mustContain(t, screen(m), "keep", "drop")
	press(m, "a")
	if _, ok := m.modal.(*endScenario); !ok || m.c.snap.Scenario == "" {
		t.Fatalf("a manager's a adopted or closed the dialog: %T, what-if %q", m.modal, m.c.snap.Scenario)
	}
	if !strings.HasPrefix(m.status, "not for your role: role manager may not adopt") {
		t.Fatalf("status %q", m.status)
	}
}

// TestPAIsOfferedEverything: a PA (and an admin) sees and uses every key.
func TestPAIsOfferedEverything(t *testing.T) {
	for _, r := range []backend.Role{backend.RolePA, backend.RoleAdmin} {
		m := roleModel(t, backend.Actor{Name: "pat", Role: r})
		press(m, "1")
		mustContain(t, screen(m), "set SPOC", "set buddy", "swap months", "undo", "what-if")
		press(m, "o")
		if m.modal == nil {
			t.Fatalf("role %s: o opened nothing: %q", r, m.status)
		}
		press(m, "esc", "?")
		mustContain(t, screen(m), "s again adopts, rebases, keeps or drops it.")
		press(m, "?", "s")
		if !strings.HasSuffix(m.status, "s again to adopt, keep or drop it") {
			t.Fatalf("role %s: status %q", r, m.status)
		}
		press(m, "s")
		mustContain(t, screen(m), "adopt")
	}
}

// TestADsAbsenceIsTheirOwn: an AD's absence form has no person to choose,
// only them, whoever the People cursor is on; tab never reaches a person
// field, and saving records their own absence. Removing offers only theirs.
func TestADsAbsenceIsTheirOwn(t *testing.T) {
	m := roleModel(t, backend.Actor{Name: "simon", Role: backend.RoleAD, Person: "simon"})
	press(m, "3")
	if v := m.fresh(m.active).(*peopleView); v.loads[v.cursor].id == "simon" {
		press(m, "down") // the form must not take the cursor's person
	}
	press(m, "a")
	f, ok := m.modal.(*absenceForm)
	if !ok {
		t.Fatalf("a opened %T, want the absence form", m.modal)
	}
	mustContain(t, screen(m), "Simon", "your role records only your own")
	for range 8 {
		press(m, "tab")
		if f.focus == 0 {
			t.Fatal("tab reached the person, which an AD may not choose")
		}
	}
	for f.focus != 3 {
		press(m, "tab")
	}
	typeText(m, "annual leave")
	before := m.c.snap.Version
	press(m, "enter")
	if m.modal != nil {
		t.Fatalf("the form did not save: %q", m.status)
	}
	if m.c.snap.Version != before+1 {
		t.Fatalf("version %d, want %d: %q", m.c.snap.Version, before+1, m.status)
	}
	if got := m.c.frame().Absences("simon"); len(got) == 0 || got[len(got)-1].Reason != "annual leave" {
		t.Fatalf("simon's absences after saving: %+v", got)
	}

	// x on someone else's row lists the AD's own absences only.
	press(m, "x")
	if _, ok := m.modal.(*picker); !ok {
		t.Fatalf("x opened %T: %q", m.modal, m.status)
	}
	mustContain(t, screen(m), "Remove an absence of Simon")
}

// TestPAChoosesWhoseAbsence: a PA's form still starts on the person, as
// any person may be away.
func TestPAChoosesWhoseAbsence(t *testing.T) {
	m := roleModel(t, backend.Actor{Name: "pat", Role: backend.RolePA, Person: "simon"})
	press(m, "2", "a")
	f, ok := m.modal.(*absenceForm)
	if !ok || f.own || f.focus != 0 {
		t.Fatalf("a PA's form: %T own=%v focus=%d, want the person field first", m.modal, f != nil && f.own, f.focus)
	}
	mustNotContain(t, screen(m), "your role records only your own")
}

// TestADWithoutAPersonRecordsNoAbsence: an AD whose user names nobody of
// the plan is told so by the form, which saves nothing.
func TestADWithoutAPersonRecordsNoAbsence(t *testing.T) {
	m := roleModel(t, backend.Actor{Name: "nemo", Role: backend.RoleAD})
	press(m, "2", "a")
	mustContain(t, screen(m), "your user names no person of this plan")
	before := m.c.snap.Version
	press(m, "ctrl+s")
	if m.modal != nil || m.c.snap.Version != before {
		t.Fatalf("modal %T, version %d (was %d)", m.modal, m.c.snap.Version, before)
	}
	if !strings.Contains(m.status, "names no person") {
		t.Fatalf("status %q", m.status)
	}
}

// TestRefusalFitsTheRole: a manager, who may record nobody's absence and
// make no record for anyone, is told so in words that fit a manager: not
// that they may not record "their own" absence, or acknowledge "for
// themselves".
func TestRefusalFitsTheRole(t *testing.T) {
	m := roleModel(t, backend.Actor{Name: "boss", Role: backend.RoleManager})
	for _, k := range []string{"2a", "3x", "1K", "1N"} {
		press(m, k[:1], k[1:])
		if !strings.HasPrefix(m.status, "not for your role: role manager may not ") {
			t.Fatalf("%s: status %q, want a refusal for the role", k, m.status)
		}
		for _, odd := range []string{"their own", "themselves"} {
			if strings.Contains(m.status, odd) {
				t.Errorf("%s: status %q says %q to a manager", k, m.status, odd)
			}
		}
	}
	press(m, "1", "a")
	if want := "not for your role: role manager may not record or remove absences"; m.status != want {
		t.Fatalf("a: status %q, want %q", m.status, want)
	}
}
