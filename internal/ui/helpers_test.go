package ui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"rota/configs"
	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/plan"
)

// The store keeps instants and History shows them in local time: the
// tests' local time is UTC, so screens read the same wherever they run.
// Colour is each model's own (see asciiRenderer), not set here for the
// process: the planner has no process-wide renderer to set.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

// testToday is the planner's "today" in tests: inside the Cumbria plan, so
// October 2022 is the current month.
var testToday = calendar.NewDate(2022, 10, 5)

// testClock stamps versions at fixed times, a minute apart from 09:01 on
// 30 September 2022. The planner writes from its commands, which may run at
// once, so it is safe for concurrent use.
func testClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2022, 9, 30, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Minute)
		return t
	}
}

// openStore imports p by "pa" as the plan called name into a new database
// file whose versions testClock stamps, as `rota FILE` does on a fresh
// machine. It returns the store and the file's path.
func openStore(t testing.TB, name string, p *plan.Plan) (*backend.Session, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rota.db")
	s, err := openBackend(path, backend.WithClock(testClock()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Import(ctx, name, name+".toml", plan.Encode(p), "pa", ""); err != nil {
		t.Fatal(err)
	}
	return s, path
}

// newSource is the planner's source on p, saved as the plan called name in
// a new database (see openStore), written by "pa".
func newSource(t testing.TB, name string, p *plan.Plan) Source {
	t.Helper()
	s, _ := openStore(t, name, p)
	return FromBackend(ctx, s, name, "pa")
}

func cumbria(t testing.TB) *plan.Plan {
	t.Helper()
	p, err := plan.Parse(configs.CumbriaName, configs.Cumbria)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// paulSick is the example: Paul off sick for two weeks in October.
var paulSick = change.Change{Kind: change.KindAbsent, Person: "paul", Date: date("2022-10-03"), To: date("2022-10-14"), Reason: "sick"}

// newModel returns a planner at w×h on the Cumbria plan, newly saved as
// "cumbria", and its source. Its exports go to a new temporary folder,
// never the working directory.
func newModel(t testing.TB, w, h int) (*Model, Source) {
	t.Helper()
	src := newSource(t, "cumbria", cumbria(t))
	m, err := New(src, Options{Today: testToday, Dir: t.TempDir(), Renderer: asciiRenderer()})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m, src
}

// keyMsg turns a key name into the message a terminal would send.
func keyMsg(s string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "backspace": tea.KeyBackspace,
		"ctrl+c": tea.KeyCtrlC, "ctrl+s": tea.KeyCtrlS, "ctrl+u": tea.KeyCtrlU, "space": tea.KeySpace,
	}
	if k, ok := named[s]; ok {
		return tea.KeyMsg{Type: k}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// press sends keys one by one and runs the commands they return to the
// end, as the program would, so a test sees the state after each key.
// It reports whether a key asked to quit.
func press(m *Model, keys ...string) (quit bool) {
	for _, k := range keys {
		_, cmd := m.Update(keyMsg(k))
		if drain(m, cmd) {
			return true
		}
	}
	return false
}

// typeText types s into whatever has the focus, one rune at a time.
func typeText(m *Model, s string) {
	for _, r := range s {
		_, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		drain(m, cmd)
	}
}

func drain(m *Model, cmd tea.Cmd) (quit bool) {
	for cmd != nil {
		msg := cmd()
		switch msg := msg.(type) {
		case tea.QuitMsg:
			return true
		case tea.BatchMsg:
			for _, c := range msg {
				if drain(m, c) {
					return true
				}
			}
			return false
		case nil:
			return false
		default:
			_, cmd = m.Update(msg)
		}
	}
	return false
}

// screen is what the planner shows now.
func screen(m *Model) string { return m.View() }

func mustContain(t *testing.T, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("screen lacks %q:\n%s", w, s)
		}
	}
}

func mustNotContain(t *testing.T, s string, not ...string) {
	t.Helper()
	for _, w := range not {
		if strings.Contains(s, w) {
			t.Errorf("screen shows %q but should not:\n%s", w, s)
		}
	}
}

// choose moves the open picker to the item of value and presses enter.
func choose(t *testing.T, m *Model, value string) {
	t.Helper()
	pk, ok := m.modal.(*picker)
	if !ok {
		t.Fatalf("the open modal is %T, want a picker", m.modal)
	}
	for i, it := range pk.items {
		if it.value == value {
			pk.cursor = i
		}
	}
	press(m, "enter")
}

// asciiRenderer draws without colour, so screens compare as text, as
// NO_COLOR shows them.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	return r
}

var ctx = context.Background()

// openBackend opens a database as its local user, "pa": its admin.
func openBackend(path string, opts ...backend.Option) (*backend.Session, error) {
	b, err := backend.Open(path, opts...)
	if err != nil {
		return nil, err
	}
	return b.As(backend.Local("pa")), nil
}
