// Package serve is rota serve: the planner served over SSH to every user
// with a key, each session its own Bubble Tea program acting for the user
// who logged in, and each plan's calendars served over HTTP as feeds.
// Package backend makes every role check; this package only says who is
// asking.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
)

// Defaults of rota serve (issue #11): both on the loopback interface, so
// that nothing is reachable from the network until the administrator says
// so (usually through a reverse proxy, see the README).
const (
	DefaultSSH  = "127.0.0.1:23234"
	DefaultHTTP = "127.0.0.1:8080"
)

// Config says how the server runs. Zero durations and counts take the
// defaults given on each field.
type Config struct {
	// HostKey is the path of the SSH host key, made on first start.
	HostKey string
	// Idle ends a session after this long without a key pressed (default
	// 30 min), telling its user; a connection without any traffic is cut
	// a minute after that.
	Idle time.Duration
	// MaxSessions caps each user's open sessions (default 4).
	MaxSessions int
	// MaxFailures is how many refused logins an address may have within
	// FailureWindow before it is refused at once (defaults 10 in 1 min).
	MaxFailures   int
	FailureWindow time.Duration
	// Log receives the server's structured log: logins, refusals, changes.
	Log *slog.Logger
	// Now is the clock (default time.Now), for the failure window.
	Now func() time.Time
}

func (c *Config) defaults() {
	if c.Idle <= 0 {
		c.Idle = 30 * time.Minute
	}
	if c.MaxSessions <= 0 {
		c.MaxSessions = 4
	}
	if c.MaxFailures <= 0 {
		c.MaxFailures = 10
	}
	if c.FailureWindow <= 0 {
		c.FailureWindow = time.Minute
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Now == nil {
		c.Now = time.Now
	}
}

// Server is the SSH side of rota serve, on one backend.
type Server struct {
	b    *backend.Backend
	cfg  Config
	ssh  *ssh.Server
	fail *failures

	mu        sync.Mutex
	sessions  map[*session]bool
	stopping  bool
	listeners []net.Listener
	accepting []chan struct{} // closed once each Serve's SSH server took its listener
	logged    map[string]int  // the latest version of each plan logged
	unwatch   context.CancelFunc
}

// New makes the SSH server on b: public-key logins only, for the users of
// b's database (rota user add), refusing every other key before any
// session starts.
func New(b *backend.Backend, cfg Config) (*Server, error) {
	cfg.defaults()
	signer, err := hostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s := &Server{b: b, cfg: cfg, sessions: map[*session]bool{}, logged: map[string]int{}, fail: newFailures(cfg.MaxFailures, cfg.FailureWindow, cfg.Now)}
	srv, err := wish.NewServer(
		// The host key first: without one, wish makes an id_ed25519 in
		// the working directory.
		func(srv *ssh.Server) error { srv.AddHostKey(signer); return nil },
		wish.WithPublicKeyAuth(s.authenticate),
		wish.WithIdleTimeout(cfg.Idle+idleBackstop),
		wish.WithMiddleware(s.plannerMiddleware, s.admit),
	)
	if err != nil {
		return nil, err
	}
	srv.Version = "rota"
	s.ssh = srv
	wctx, cancel := context.WithCancel(context.Background())
	s.unwatch = cancel
	go s.followUsers(wctx, b.WatchUsers(wctx))
	return s, nil
}

// Serve answers SSH connections on l until Shutdown.
func (s *Server) Serve(l net.Listener) error {
	// Shutdown may come before the SSH server has taken the listener: it
	// closes the listeners it was given here too.
	s.mu.Lock()
	if s.stopping {
		s.mu.Unlock()
		return l.Close()
	}
	tl := &trackedListener{Listener: l, accepting: make(chan struct{})}
	s.listeners = append(s.listeners, l)
	s.accepting = append(s.accepting, tl.accepting)
	s.mu.Unlock()
	s.cfg.Log.Info("ssh listening", "addr", l.Addr().String())
	err := s.ssh.Serve(tl)
	tl.taken() // Serve may return before its first Accept
	if errors.Is(err, ssh.ErrServerClosed) || (errors.Is(err, net.ErrClosed) && s.isStopping()) {
		return nil
	}
	return err
}

// Shutdown tells every open session that the server is stopping and ends
// it (each change was saved when it was made), then waits for the
// connections to close, until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error {
	s.unwatch()
	s.mu.Lock()
	s.stopping = true
	for _, l := range s.listeners {
		_ = l.Close()
	}
	open := make([]*session, 0, len(s.sessions))
	for x := range s.sessions {
		open = append(open, x)
	}
	accepting := s.accepting
	s.mu.Unlock()
	for _, x := range open {
		x.stop()
	}
	// The SSH server counts its listeners in a WaitGroup that its
	// Shutdown waits on; a Serve that has not yet counted its listener
	// would add to it while Shutdown waits (a data race the race detector
	// reports). Each Serve counts before its first Accept, so wait for that.
	for _, c := range accepting {
		select {
		case <-c:
		case <-ctx.Done():
			return s.ssh.Close()
		}
	}
	err := s.ssh.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		return s.ssh.Close()
	}
	if errors.Is(err, net.ErrClosed) {
		return nil // the listeners closed above
	}
	return err
}

// trackedListener tells, by closing accepting, that the SSH server has
// taken the listener: it calls Accept only after counting it.
type trackedListener struct {
	net.Listener
	accepting chan struct{}
	once      sync.Once
}

func (l *trackedListener) taken() { l.once.Do(func() { close(l.accepting) }) }

func (l *trackedListener) Accept() (net.Conn, error) {
	l.taken()
	return l.Listener.Accept()
}

// Sessions returns how many planner sessions are open.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.sessions)
}

// actorKey holds, in an SSH connection's context, the actor its key logged
// in as.
type actorKey struct{}

// authenticate admits a key that belongs to a user, and nothing else:
// there is no password or keyboard-interactive login, and an address with
// too many refused keys lately is refused without looking.
func (s *Server) authenticate(ctx ssh.Context, key ssh.PublicKey) bool {
	addr := remoteHost(ctx.RemoteAddr())
	fp := gossh.FingerprintSHA256(key)
	if s.fail.blocked(addr) {
		s.cfg.Log.Warn("login refused", "reason", "too many refused keys", "addr", addr, "key", fp)
		return false
	}
	a, ok, err := s.b.Login(ctx, fp)
	if err != nil {
		s.cfg.Log.Error("login failed", "addr", addr, "key", fp, "err", err)
		return false
	}
	if !ok {
		s.fail.add(addr)
		s.cfg.Log.Warn("login refused", "reason", "unknown key", "addr", addr, "key", fp, "ssh_user", ctx.User())
		return false
	}
	ctx.SetValue(actorKey{}, a)
	return true
}

// admit refuses a session of a user who has as many open as they may, or
// one that asks for no terminal, and logs the others in.
func (s *Server) admit(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		prev, ok := sess.Context().Value(actorKey{}).(backend.Actor)
		if !ok { // cannot happen: authenticate set it
			refuse(sess, "rota: not logged in")
			return
		}
		addr := remoteHost(sess.RemoteAddr())
		// The connection may be older than a change to its user: a new
		// session on it acts for the user as they are now.
		a, why, reason := s.currentActor(sess)
		if why != "" {
			s.cfg.Log.Warn("session refused", "reason", reason, "user", prev.Name, "addr", addr)
			refuseEnded(sess, why)
			return
		}
		sess.Context().SetValue(actorKey{}, a)
		if _, _, pty := sess.Pty(); !pty {
			s.cfg.Log.Warn("session refused", "reason", "no terminal", "user", a.Name, "addr", addr)
			refuse(sess, "rota: the planner needs a terminal: connect with ssh -t")
			return
		}
		if n := s.open(a.Name); n >= s.cfg.MaxSessions {
			s.cfg.Log.Warn("session refused", "reason", "session cap", "user", a.Name, "addr", addr, "open", n)
			refuse(sess, fmt.Sprintf("rota: %s already has %d sessions open, the most allowed: close one first", a.Name, n))
			return
		}
		name, err := planFor(sess.Context(), s.b.As(a), sess.Command())
		var r refusal
		switch {
		case errors.As(err, &r):
			s.cfg.Log.Warn("session refused", "reason", r.reason, "user", a.Name, "addr", addr, "plan", short(strings.Join(sess.Command(), " ")))
			refuse(sess, "rota: "+r.text)
			return
		case err != nil:
			s.cfg.Log.Error("session failed", "user", a.Name, "addr", addr, "err", err)
			refuse(sess, "rota: "+err.Error())
			return
		}
		sess.Context().SetValue(planKey{}, name)
		s.cfg.Log.Info("login", "user", a.Name, "role", string(a.Role), "addr", addr, "key", gossh.FingerprintSHA256(sess.PublicKey()))
		start := time.Now()
		next(sess)
		if why := s.endedWhy(sess); why != "" {
			s.cfg.Log.Info("logout", "user", a.Name, "addr", addr, "minutes", int(time.Since(start).Minutes()))
			refuseEnded(sess, why)
			return
		}
		closing := s.isStopping()
		attrs := []any{"user", a.Name, "addr", addr, "minutes", int(time.Since(start).Minutes())}
		if closing {
			attrs = append(attrs, "reason", "server stopping") // not the user's own quit
		}
		s.cfg.Log.Info("logout", attrs...)
		if closing {
			// The client closes the connection once told (OpenSSH
			// exits 1); Shutdown closes what is left at its deadline.
			ended(sess, stopping)
		}
	}
}

func (s *Server) isStopping() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stopping
}

// open counts the user's open sessions.
func (s *Server) open(user string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for x := range s.sessions {
		if x.actor.Name == user {
			n++
		}
	}
	return n
}

func remoteHost(a net.Addr) string {
	if a == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}

// maxAddrs is how many addresses failures holds before it forgets the old.
const maxAddrs = 10000

// failures counts refused logins per address in a sliding window.
type failures struct {
	mu     sync.Mutex
	max    int
	window time.Duration
	now    func() time.Time
	by     map[string][]time.Time
}

func newFailures(max int, window time.Duration, now func() time.Time) *failures {
	return &failures{max: max, window: window, now: now, by: map[string][]time.Time{}}
}

func (f *failures) recent(addr string) []time.Time {
	cut := f.now().Add(-f.window)
	ts := f.by[addr]
	i := 0
	for i < len(ts) && ts[i].Before(cut) {
		i++
	}
	ts = ts[i:]
	if len(ts) == 0 {
		delete(f.by, addr)
	} else {
		f.by[addr] = ts
	}
	return ts
}

func (f *failures) blocked(addr string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.recent(addr)) >= f.max
}

func (f *failures) add(addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	// Bounded: an address never holds more than max entries, and
	// addresses whose failures are all old go when many are held.
	if len(f.by) > maxAddrs {
		for a := range f.by {
			f.recent(a)
		}
	}
	if ts := f.recent(addr); len(ts) < f.max {
		f.by[addr] = append(ts, f.now())
	}
}
