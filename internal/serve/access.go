package serve

import (
	"context"
	"log/slog"
	"slices"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
)

// What a user is told when the server ends their session because their
// access changed (issue #11: removing a user or their key ends their
// sessions, whichever process removed it).
const (
	accessRemoved = "rota: your access to rota was removed by an administrator. This session is closed. Every change you made was saved."
	accessChanged = "rota: your access to rota changed (role, person or plans). This session is closed: connect again to work with it. Every change you made was saved."
	// stopping is what every session is told when rota serve stops
	// (SIGTERM, ctrl+c).
	stopping = "rota serve is stopping: every change you made was saved. Connect again in a minute."
)

// followUsers ends the sessions of users who were removed or whose access
// changed, each time the backend says the users changed (rota user add or
// remove, in this process or another on the same database), until changed
// is closed.
func (s *Server) followUsers(ctx context.Context, changed <-chan struct{}) {
	for range changed {
		s.mu.Lock()
		open := make([]*session, 0, len(s.sessions))
		for x := range s.sessions {
			open = append(open, x)
		}
		s.mu.Unlock()
		for _, x := range open {
			s.verify(ctx, x)
		}
	}
}

// verify ends x when the key it logged in with no longer logs in as the
// same user with the same role, person and plans.
func (s *Server) verify(ctx context.Context, x *session) {
	a, ok, err := s.b.Login(ctx, x.key)
	switch {
	case err != nil:
		s.cfg.Log.Error("access not checked", "user", x.actor.Name, "err", err)
	case !ok:
		s.end(x, slog.LevelWarn, accessRemoved, "access removed")
	case !sameAccess(a, x.actor):
		s.end(x, slog.LevelWarn, accessChanged, "access changed")
	}
}

func sameAccess(a, b backend.Actor) bool {
	return a.Name == b.Name && a.Role == b.Role && a.Person == b.Person && slices.Equal(a.Plans, b.Plans)
}

// end closes x's planner; admit then tells the user why and closes the
// connection, so that no new session opens on it without logging in.
func (s *Server) end(x *session, level slog.Level, why, reason string) {
	s.mu.Lock()
	first := x.ended == ""
	if first {
		x.ended = why
	}
	s.mu.Unlock()
	if !first {
		return
	}
	s.cfg.Log.Log(context.Background(), level, "session ended", "reason", reason, "user", x.actor.Name, "addr", remoteHost(x.sess.RemoteAddr()))
	// Quit waits until the planner takes it, which one that has not
	// started yet does only once it runs.
	go x.stop()
}

// endedWhy says why the server ended sess's planner, "" when it did not.
func (s *Server) endedWhy(sess ssh.Session) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for x := range s.sessions {
		if x.sess == sess {
			return x.ended
		}
	}
	return ""
}

// currentActor is who sess's key logs in as now: the user may have been
// removed or changed since the connection logged in.
// why is what the user is told when there is none, reason what the log
// says.
func (s *Server) currentActor(sess ssh.Session) (a backend.Actor, why, reason string) {
	a, ok, err := s.b.Login(sess.Context(), gossh.FingerprintSHA256(sess.PublicKey()))
	switch {
	case err != nil:
		return a, "rota: cannot check your access now, try again in a minute", "access not checked: " + err.Error()
	case !ok:
		return a, accessRemoved, "access removed"
	}
	return a, "", ""
}
