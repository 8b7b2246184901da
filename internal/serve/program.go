package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
)

// idleBackstop is how much longer than Config.Idle the SSH server keeps a
// connection without traffic before it cuts it: the planner ends an idle
// session first, telling its user why.
const idleBackstop = time.Minute

// plannerMiddleware runs each session's planner (program makes it) until
// it quits, the server ends it, or the connection goes, telling it the
// client's window sizes. It stands in for wish's Bubble Tea middleware,
// which logs through its own text logger: what happens here goes to the
// server's JSON log.
func (s *Server) plannerMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		x := s.program(sess)
		if x == nil {
			next(sess)
			return
		}
		_, windows, _ := sess.Pty() // admit refused sessions without one
		ctx, cancel := context.WithCancel(sess.Context())
		go func() {
			for {
				select {
				case <-ctx.Done():
					return
				case w, ok := <-windows:
					if !ok { // the channel's requests ended: so does the session
						return
					}
					x.program.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
				}
			}
		}()
		go s.watchIdle(ctx, x)
		_, err := x.program.Run()
		x.program.Kill() // restores the terminal if the planner failed
		cancel()
		s.logEnd(x, err)
		next(sess)
	}
}

// logEnd logs how a planner that did not quit by itself ended.
func (s *Server) logEnd(x *session, err error) {
	addr := remoteHost(x.sess.RemoteAddr())
	switch {
	case err == nil:
	case errors.Is(err, tea.ErrProgramPanic):
		s.cfg.Log.Error("planner failed", "user", x.actor.Name, "addr", addr, "err", err)
	case errors.Is(err, tea.ErrProgramKilled) && x.sess.Context().Err() != nil:
		s.cfg.Log.Info("session closed", "reason", "connection closed", "user", x.actor.Name, "addr", addr)
	default:
		s.cfg.Log.Error("planner failed", "user", x.actor.Name, "addr", addr, "err", err)
	}
}

// watchIdle ends x once no key was pressed in it for Config.Idle, until
// ctx is done.
func (s *Server) watchIdle(ctx context.Context, x *session) {
	t := time.NewTimer(s.cfg.Idle)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		quiet := time.Since(time.Unix(0, x.pressed.Load()))
		if quiet >= s.cfg.Idle {
			s.end(x, slog.LevelInfo, idleMessage(s.cfg.Idle), "idle")
			return
		}
		t.Reset(s.cfg.Idle - quiet)
	}
}

// idleMessage is what a user is told when their session ends idle.
func idleMessage(idle time.Duration) string {
	return fmt.Sprintf("rota: closed after %s without a key pressed. Every change you made was saved.", spoken(idle))
}

// spoken says d as a person would: "30 minutes", "1 hour", "0.5 seconds".
func spoken(d time.Duration) string {
	n, unit := 0, ""
	switch {
	case d%time.Hour == 0:
		n, unit = int(d/time.Hour), "hour"
	case d%time.Minute == 0:
		n, unit = int(d/time.Minute), "minute"
	case d%time.Second == 0:
		n, unit = int(d/time.Second), "second"
	default:
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " seconds"
	}
	if n == 1 {
		return "1 " + unit
	}
	return strconv.Itoa(n) + " " + unit + "s"
}

// pressedKey notes when a key was last pressed (or the mouse used) in x.
type pressedKey struct{ atomic.Int64 }

func (p *pressedKey) now() { p.Store(time.Now().UnixNano()) }

// filter is the session's Bubble Tea filter: it notes each key pressed,
// for watchIdle, and keeps the program from suspending: Bubble Tea
// suspends by sending SIGTSTP to the whole process group, the server's.
func (x *session) filter(_ tea.Model, msg tea.Msg) tea.Msg {
	switch msg.(type) {
	case tea.SuspendMsg:
		return nil
	case tea.KeyMsg, tea.MouseMsg:
		x.pressed.now()
	}
	return msg
}
