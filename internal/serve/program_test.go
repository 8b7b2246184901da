package serve

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// A session without a key pressed for Config.Idle is ended with a
// message saying so, and the connection closed.
func TestAnIdleSessionIsToldAndClosed(t *testing.T) {
	f := newFixture(t, Config{Idle: 500 * time.Millisecond})
	jo := f.open(t, "jo", "cccs")
	jo.waitFor("jo (pa) on plan cccs", 10*time.Second)
	jo.waitFor("rota: closed after 0.5 seconds without a key pressed.", 10*time.Second)
	if !strings.Contains(jo.out.String(), "without a key pressed.\r\nEvery change you made was saved.\r\n") {
		t.Errorf("the message is not in lines of CR LF: %q", tail(jo.out.String()))
	}
	jo.closed(10 * time.Second)
	if !strings.Contains(f.log.String(), `"level":"INFO","msg":"session ended","reason":"idle","user":"jo"`) {
		t.Errorf("the end is not logged:\n%s", f.log)
	}
}

func TestIdleMessageSaysTheTimeAsAPersonWould(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Minute:        "30 minutes",
		time.Hour:               "1 hour",
		90 * time.Minute:        "90 minutes",
		time.Minute:             "1 minute",
		45 * time.Second:        "45 seconds",
		500 * time.Millisecond:  "0.5 seconds",
		1500 * time.Millisecond: "1.5 seconds",
	} {
		if got := spoken(d); got != want {
			t.Errorf("spoken(%v) = %q, want %q", d, got, want)
		}
	}
	if got := idleMessage(30 * time.Minute); got != "rota: closed after 30 minutes without a key pressed. Every change you made was saved." {
		t.Errorf("the message: %q", got)
	}
}

// The filter notes keys and the mouse, not what the server sends (window
// sizes, changes), and drops a suspend, which would stop the server.
func TestTheSessionFilter(t *testing.T) {
	x := &session{}
	if got := x.filter(nil, tea.WindowSizeMsg{Width: 80, Height: 24}); got == nil || x.pressed.Load() != 0 {
		t.Errorf("a window size: %v, pressed %d", got, x.pressed.Load())
	}
	if got := x.filter(nil, tea.SuspendMsg{}); got != nil {
		t.Errorf("a suspend passed: %v", got)
	}
	before := time.Now().UnixNano()
	key := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")}
	if got := x.filter(nil, key); got == nil || x.pressed.Load() < before {
		t.Errorf("a key: %v, pressed %d, want from %d", got, x.pressed.Load(), before)
	}
	x.pressed.Store(0)
	if got := x.filter(nil, tea.MouseMsg{}); got == nil || x.pressed.Load() < before {
		t.Errorf("the mouse: %v, pressed %d", got, x.pressed.Load())
	}
}
