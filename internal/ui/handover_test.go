package ui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"pgregory.net/rapid"

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
	// The duty's detail says which key accepts, not a command: a served
	// planner's user has no command line.
	press(m, "esc", "4", "/")
	typeText(m, "SIRO d")
	press(m, "enter", "down")
	mustContain(t, screen(m), "the cover has not accepted (A accepts it)")
	mustNotContain(t, screen(m), "rota cover accept")
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

// TestAcknowledgeHintOnlyForWhoMay: October's handover is not yet
// acknowledged. Its incoming SPOC (Tracy) and a PA, who may acknowledge it
// for her, are told K acknowledges; another AD (Paul) and a manager are
// told it is not acknowledged and that H shows it, but not offered K.
func TestAcknowledgeHintOnlyForWhoMay(t *testing.T) {
	for _, tc := range []struct {
		a   backend.Actor
		may bool
	}{
		{backend.Actor{Name: "tracy", Role: backend.RoleAD, Person: "tracy"}, true},
		{backend.Actor{Name: "pat", Role: backend.RolePA}, true},
		{backend.Actor{Name: "paul", Role: backend.RoleAD, Person: "paul"}, false},
		{backend.Actor{Name: "boss", Role: backend.RoleManager}, false},
	} {
		t.Run(tc.a.Name, func(t *testing.T) {
			m := roleModel(t, tc.a)
			s := screen(m)
			mustContain(t, s, "handover not acknowledged (H shows it")
			press(m, "H")
			sheet := screen(m)
			mustContain(t, sheet, "Handover of Oct 2022: not acknowledged")
			if tc.may {
				mustContain(t, s, "handover not acknowledged (H shows it, K acknowledges)")
				mustContain(t, sheet, "(K: acknowledge as Tracy)")
			} else {
				mustContain(t, s, "handover not acknowledged (H shows it)")
				mustNotContain(t, s, "K acknowledges")
				mustNotContain(t, sheet, "K: acknowledge")
			}
		})
	}
}

// TestServedHandoverSheetScrolls: over SSH (a served planner: Options
// NoFiles) the user has no command line, so a sheet taller than its room
// says how to scroll it, not which command prints it, and ↓ shows its last
// lines. A local planner may still name the command.
func TestServedHandoverSheetScrolls(t *testing.T) {
	s, _ := openStore(t, "cumbria", cumbria(t))
	m, err := New(FromBackend(ctx, s.Backend().As(backend.Actor{Name: "paul", Role: backend.RoleAD, Person: "paul"}), "cumbria", ""),
		Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer(), NoFiles: true})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	press(m, "1", "H")
	first := screen(m)
	mustContain(t, first, "Handover of Oct 2022", "more lines (↓ scrolls")
	mustNotContain(t, first, "rota handover", "prints it all")
	for range 60 {
		press(m, "down")
	}
	last := screen(m)
	mustContain(t, last, "Handover of Oct 2022", "lines above (↑ scrolls)")
	mustNotContain(t, last, "more lines (↓")
	if last == first {
		t.Fatal("↓ did not scroll the sheet")
	}
	for range 60 {
		press(m, "up")
	}
	if got := screen(m); got != first {
		t.Fatalf("↑ back to the top shows another screen:\n%s\nwant:\n%s", got, first)
	}
	// Another month starts at its sheet's top.
	press(m, "down", "down", "]", "[")
	if got := screen(m); got != first {
		t.Fatalf("back on October after a month away, the sheet is not at its top:\n%s", got)
	}

	local, _ := newModel(t, 120, 24)
	press(local, "1", "H")
	mustContain(t, screen(local), "more lines (↓ scrolls", "rota handover cumbria 2022-10 prints it all")
}

// TestHandoverSheetAnySizeAndKeys: on any terminal, however the sheet is
// scrolled and the months moved, the planner draws a whole screen of the
// terminal's height and never fails.
func TestHandoverSheetAnySizeAndKeys(t *testing.T) {
	m, _ := newModel(t, 80, 24)
	press(m, "1", "H")
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.IntRange(20, 200).Draw(t, "w")
		h := rapid.IntRange(4, 60).Draw(t, "h")
		m.Update(tea.WindowSizeMsg{Width: w, Height: h})
		// Far down the sheet, then anything.
		for range rapid.IntRange(0, 80).Draw(t, "downs") {
			press(m, "down")
		}
		for _, k := range rapid.SliceOfN(rapid.SampledFrom([]string{"up", "down", "[", "]", "t"}), 0, 20).Draw(t, "keys") {
			press(m, k)
		}
		if !m.views[viewRota].(*rotaView).handover {
			t.Fatal("the sheet was closed")
		}
		if n := strings.Count(screen(m), "\n") + 1; n != h {
			t.Fatalf("%d lines on a terminal %d high", n, h)
		}
	})
}
