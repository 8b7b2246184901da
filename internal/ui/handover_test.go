package ui

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/backend"
	"rota/internal/plan"
)

// TestHandoverPanel: in Rota, H shows the selected month's handover sheet;
// N adds a note, K records the incoming SPOC's acknowledgement, and the
// sheet says so at once.
func TestHandoverPanel(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "1", "H")
	s := screen(m)
	mustContain(t, s, "Handover of", "Presence in county")
	press(m, "N")
	typeText(m, "ICO deadline 12 Oct")
	press(m, "enter")
	mustContain(t, screen(m), "Notes", "ICO deadline 12 Oct")
	press(m, "K")
	mustContain(t, screen(m), "acknowledged")
	mustNotContain(t, screen(m), "not acknowledged")
	press(m, "H")
	mustNotContain(t, screen(m), "Handover of")
}

// TestUnconfirmedCoverInThePlanner: a statutory duty whose cover has not
// accepted shows, in the day and in Duties, as unconfirmed cover: not a
// gap, not held.
func TestUnconfirmedCoverInThePlanner(t *testing.T) {
	p := cumbria(t)
	for i := range p.Duties {
		if p.Duties[i].ID == "siro-delegation" {
			p.Duties[i].Cover = []string{"simon"}
		}
	}
	p.Absences = append(p.Absences, plan.Absence{Person: "paul", From: date("2022-10-03"), To: date("2022-10-14")})
	src := newSource(t, "cumbria", p)
	m, err := New(src, Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 160, Height: 60})
	press(m, "4")
	mustContain(t, screen(m), "with unconfirmed cover")
	press(m, "2", "enter", "pgdown", "pgdown", "pgdown")
	mustContain(t, screen(m), "unconfirmed cover: Simon has not accepted (Paul away)")
}

// TestHandoverNotAcknowledgedInTheMonth: the selected month, in its notice
// window and not acknowledged, says so in Rota's table and detail and in
// Month's header, until its SPOC acknowledges it; a month not yet due
// does not; a past month never acknowledged stays so, as its sheet says.
func TestHandoverNotAcknowledgedInTheMonth(t *testing.T) {
	m, _ := newModel(t, 120, 40)
	press(m, "1")
	mustContain(t, screen(m), "handover   ", "unack", "handover not acknowledged (H shows it, K acknowledges)")
	press(m, "2")
	mustContain(t, screen(m), "October 2022 · handover not acknowledged · SPOC")
	press(m, "]")
	mustNotContain(t, screen(m), "handover not acknowledged")
	press(m, "[", "1", "K", "H")
	s := screen(m)
	mustNotContain(t, s, "handover not acknowledged")
	mustContain(t, s, "unack", " ack ") // September's, never acknowledged, stays so
	press(m, "2")
	mustNotContain(t, screen(m), "handover not acknowledged")
}

// TestHandoverPanelListsOpenWhatIfs: the panel lists the plan's saved
// what-ifs, as rota handover does.
func TestHandoverPanelListsOpenWhatIfs(t *testing.T) {
	m, src := newModel(t, 120, 60)
	cur, err := src.Current()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.NewScenario(cur, "paul-off"); err != nil {
		t.Fatal(err)
	}
	reload(t, m)
	press(m, "1", "H")
	mustContain(t, screen(m), "Open what-ifs", "paul-off")
}

// TestHandoverKeysForTheRole: an AD who is not the month's SPOC is told
// who may acknowledge its handover, and nothing is recorded; a manager is
// not offered a note.
func TestHandoverKeysForTheRole(t *testing.T) {
	s, _ := openStore(t, "cumbria", cumbria(t))
	for _, a := range []backend.Actor{
		{Name: "simon", Role: backend.RoleAD, Person: "simon"},
		{Name: "boss", Role: backend.RoleManager},
	} {
		m, err := New(FromBackend(ctx, s.Backend().As(a), "cumbria", ""), Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer()})
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		press(m, "1", "K")
		want := "only Tracy may acknowledge the handover of Oct 2022"
		if a.Role == backend.RoleManager {
			want = "not for your role: role manager may not"
		}
		mustContain(t, screen(m), want)
		mustNotContain(t, screen(m), "Oct 2022: acknowledged")
		press(m, "N")
		if a.Role == backend.RoleManager {
			if m.modal != nil {
				t.Fatalf("a manager was offered %T", m.modal)
			}
			mustContain(t, screen(m), "not for your role: role manager may not")
		} else if m.modal == nil {
			t.Fatal("an AD was not offered a note")
		}
	}
}
