package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/backend"
	"rota/internal/plan"
)

// siroCoverModel is the planner at 160×60 on the Cumbria plan whose SIRO
// delegation Simon covers, unaccepted, while Paul is away, for actor a
// (nil for the plan's admin, "pa"), with Duties filtered to that duty.
func siroCoverModel(t *testing.T, a *backend.Actor) *Model {
	t.Helper()
	p := cumbria(t)
	for i := range p.Duties {
		if p.Duties[i].ID == "siro-delegation" {
			p.Duties[i].Cover = []string{"simon"}
		}
	}
	p.Absences = append(p.Absences, plan.Absence{Person: "paul", From: date("2022-10-03"), To: date("2022-10-14")})
	s, _ := openStore(t, "cumbria", p)
	if a != nil {
		s = s.Backend().As(*a)
	}
	m, err := New(FromBackend(ctx, s, "cumbria", ""), Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 60})
	press(m, "4", "/")
	typeText(m, "ICO reporting")
	press(m, "enter")
	mustContain(t, screen(m), "Unconfirmed cover on")
	return m
}

// TestCoverAcceptInDuties: A on a duty records its covering person's
// acceptance (the whole duty when no dates are typed), and the
// unconfirmed cover goes; D takes it back.
func TestCoverAcceptInDuties(t *testing.T) {
	m := siroCoverModel(t, nil)
	press(m, "A", "enter")
	mustNotContain(t, screen(m), "Unconfirmed cover on", "with unconfirmed cover")
	press(m, "D")
	typeText(m, "2022-10-10 2022-10-14")
	press(m, "enter")
	mustContain(t, screen(m), "Unconfirmed cover on 5 days from")
}

// TestCoverAcceptForItsRole: an AD accepts only their own cover: the
// covering AD may, another AD is not offered it; a manager is told why.
func TestCoverAcceptForItsRole(t *testing.T) {
	simon := &backend.Actor{Name: "simon", Role: backend.RoleAD, Person: "simon"}
	m := siroCoverModel(t, simon)
	press(m, "A", "enter")
	mustNotContain(t, screen(m), "Unconfirmed cover on")

	paul := &backend.Actor{Name: "paul", Role: backend.RoleAD, Person: "paul"}
	m = siroCoverModel(t, paul)
	press(m, "A")
	if m.modal != nil {
		t.Fatalf("an AD not in the cover was offered %T", m.modal)
	}
	mustContain(t, screen(m), "only the covering person", "Unconfirmed cover on")

	boss := &backend.Actor{Name: "boss", Role: backend.RoleManager}
	m = siroCoverModel(t, boss)
	press(m, "D")
	if m.modal != nil {
		t.Fatalf("a manager was offered %T", m.modal)
	}
	mustContain(t, screen(m), "not for your role: role manager may not accept cover")
}
