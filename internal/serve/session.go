package serve

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
	"rota/internal/ui"
)

// session is one SSH session's planner.
type session struct {
	actor   backend.Actor
	key     string      // the fingerprint of the key it logged in with
	sess    ssh.Session // the SSH session it runs in
	program *tea.Program
	pressed pressedKey // when a key was last pressed
	once    sync.Once
	ended   string // why the server ended it (access.go), under Server.mu
}

// stop ends the planner because the server is stopping.
func (x *session) stop() {
	x.once.Do(func() {
		x.program.Quit()
	})
}

// program makes the session's planner, on the plan admit chose, or says
// why there is none and returns nil (the session then ends).
func (s *Server) program(sess ssh.Session) *session {
	a := sess.Context().Value(actorKey{}).(backend.Actor)
	name := sess.Context().Value(planKey{}).(string)
	ctx := sess.Context()
	as := s.b.As(a)
	addr := remoteHost(sess.RemoteAddr())
	m, err := ui.New(ui.FromBackend(ctx, as, name, ""), ui.Options{
		Renderer: renderer(sess),
		Me:       a.Person,
		NoFiles:  true,
		Status:   fmt.Sprintf("%s (%s) on plan %s", a.Name, a.Role, name),
	})
	if err != nil {
		s.cfg.Log.Error("session failed", "user", a.Name, "addr", addr, "plan", name, "err", err)
		refuse(sess, "rota: "+err.Error())
		return nil
	}
	// The planner follows the plan itself; this Watch is for the log.
	events, err := as.Watch(ctx, name)
	if err != nil {
		s.cfg.Log.Error("session failed", "user", a.Name, "addr", addr, "plan", name, "err", err)
		refuse(sess, "rota: "+err.Error())
		return nil
	}
	// 120 frames a second, Bubble Tea's most, rather than its 60: a frame
	// waits for the renderer's next tick, and at 60 that alone is up to
	// 16.7 ms after a key, the whole budget of a keypress (issue #11).
	// The program is one of many in this process: it must not take the
	// process's signals. Bubble Tea's own SIGINT/SIGTERM handler, one per
	// program, would race rota serve's for them, and a program quit by
	// Shutdown first never returns, its handler stuck sending the quit
	// nobody reads; and a suspend (ctrl+z's SIGTSTP) would stop the
	// whole server. (Its input and output are the SSH channel, no
	// terminal of the server's, so it follows no SIGWINCH either: sizes
	// come from the client's window-change requests.)
	// The server's SSH sessions emulate a terminal (no PTY of the
	// server's): the program reads and writes the channel itself.
	x := &session{actor: a, key: gossh.FingerprintSHA256(sess.PublicKey()), sess: sess}
	x.pressed.now()
	x.program = tea.NewProgram(m, tea.WithInput(sess), tea.WithOutput(sess), tea.WithAltScreen(), tea.WithContext(ctx), tea.WithFPS(120),
		tea.WithoutSignalHandler(), tea.WithFilter(x.filter))
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		s.cfg.Log.Info("session refused", "reason", "stopping", "user", a.Name, "addr", addr)
		refuse(sess, stopping)
		return nil
	}
	s.sessions[x] = true
	s.mu.Unlock()
	// A user removed since admit looked is noticed by WatchUsers only if
	// the session was open then: look once more now it is.
	go s.verify(ctx, x)
	go func() {
		for ev := range events {
			s.logChange(name, ev)
		}
	}()
	go func() {
		<-ctx.Done()
		s.mu.Lock()
		delete(s.sessions, x)
		s.mu.Unlock()
	}()
	return x
}

// planKey holds, in an SSH session's context, the plan admit chose.
type planKey struct{}

// refusal is why a session gets no planner: what the user is told, and
// the log's reason.
type refusal struct{ text, reason string }

func (r refusal) Error() string { return r.text }

// planFor picks the plan a session opens: the one named after the SSH
// command (ssh -t host cccs), else the user's first allowed plan, else the
// plan changed last. A refusal says why there is none.
func planFor(ctx context.Context, as *backend.Session, args []string) (string, error) {
	if len(args) > 1 {
		return "", refusal{fmt.Sprintf("name one plan, not %d words", len(args)), "more than one plan named"}
	}
	plans, err := as.Plans(ctx)
	if err != nil {
		return "", err
	}
	if len(plans) == 0 {
		return "", refusal{"there is no plan you may see yet: ask the plan's PA", "no plan to see"}
	}
	var names []string
	for _, p := range plans {
		names = append(names, p.Name)
	}
	if len(args) == 1 {
		if !slices.Contains(names, args[0]) {
			return "", refusal{fmt.Sprintf("no plan %q that you may see (plans: %s)", short(args[0]), strings.Join(names, ", ")), "no such plan"}
		}
		return args[0], nil
	}
	if a := as.Actor(); a.Plans != nil {
		for _, n := range a.Plans {
			if slices.Contains(names, n) {
				return n, nil
			}
		}
	}
	last := plans[0]
	for _, p := range plans[1:] {
		if p.Changed.After(last.Changed) {
			last = p
		}
	}
	return last.Name, nil
}

// logChange logs each new version once, whichever session saw it first.
func (s *Server) logChange(plan string, ev backend.Event) {
	s.mu.Lock()
	seen := s.logged[plan] >= ev.Version
	if !seen {
		s.logged[plan] = ev.Version
	}
	s.mu.Unlock()
	if !seen {
		s.cfg.Log.Info("change", "plan", plan, "version", ev.Version, "by", ev.By, "change", ev.Logged)
	}
}

// renderer is the session's own lipgloss renderer: its colour profile from
// the client's TERM and environment (NO_COLOR included). Unlike wish's
// MakeRenderer it does not ask the terminal for its background and wait
// for the answer: a terminal that does not answer would show nothing until
// a key is pressed.
func renderer(sess ssh.Session) *lipgloss.Renderer {
	pty, _, _ := sess.Pty()
	if pty.Term == "" || pty.Term == "dumb" {
		return lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii))
	}
	env := environ(append(sess.Environ(), "TERM="+pty.Term))
	r := lipgloss.NewRenderer(ptyOutput(sess, pty), termenv.WithEnvironment(env), termenv.WithColorCache(true))
	r.SetHasDarkBackground(true)
	return r
}

// environ is the SSH client's environment, for termenv.
type environ []string

func (e environ) Environ() []string { return e }

func (e environ) Getenv(k string) string {
	for _, kv := range slices.Backward(e) {
		if v, ok := strings.CutPrefix(kv, k+"="); ok {
			return v
		}
	}
	return ""
}
