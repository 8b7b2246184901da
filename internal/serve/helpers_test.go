package serve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
	"rota/internal/calendar"
)

var ctx = context.Background()

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fixture is a server on 127.0.0.1:0 over a database holding the
// reference plan as "cccs", with a user of each role.
type fixture struct {
	b    *backend.Backend
	srv  *Server
	addr string
	log  *syncBuffer
	keys map[string]gossh.Signer // by user name; "stranger" has no user
	done chan error
}

func newFixture(t *testing.T, cfg Config) *fixture {
	t.Helper()
	dir := t.TempDir()
	b, err := backend.Open(filepath.Join(dir, "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	admin := b.As(backend.Local("ann"))
	if _, err := admin.Import(ctx, "cccs", "cccs.toml", text, "ann", ""); err != nil {
		t.Fatal(err)
	}
	f := &fixture{b: b, log: &syncBuffer{}, keys: map[string]gossh.Signer{}, done: make(chan error, 1)}
	for _, u := range []backend.User{
		{Name: "jo", Role: "pa"},
		{Name: "paul", Role: "ad", Person: "paul"},
		{Name: "bob", Role: "manager"},
		{Name: "ann", Role: "admin"},
		{Name: "stranger"},
	} {
		signer := newKey(t)
		f.keys[u.Name] = signer
		if u.Role == "" {
			continue
		}
		u.Keys = []backend.Key{{Fingerprint: gossh.FingerprintSHA256(signer.PublicKey()), Key: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))}}
		if _, err := admin.AddUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	cfg.HostKey = filepath.Join(dir, "host_key")
	cfg.Log = slog.New(slog.NewJSONHandler(f.log, nil))
	if f.srv, err = New(b, cfg); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = l.Addr().String()
	go func() { f.done <- f.srv.Serve(l) }()
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		f.srv.Shutdown(sctx)
		<-f.done
		b.Close()
	})
	return f
}

func newKey(t *testing.T) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func (f *fixture) dial(user string) (*gossh.Client, error) {
	return gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(f.keys[user])},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // the test made the server
		Timeout:         5 * time.Second,
	})
}

// terminal is an SSH session with a terminal, as ssh -t opens.
type terminal struct {
	t    *testing.T
	s    *gossh.Session
	in   io.WriteCloser
	out  *syncBuffer
	done chan error
}

// open logs user in and opens a terminal session running command ("" for
// the default plan).
func (f *fixture) open(t *testing.T, user, command string) *terminal {
	t.Helper()
	c, err := f.dial(user)
	if err != nil {
		t.Fatalf("%s: %v", user, err)
	}
	t.Cleanup(func() { c.Close() })
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestPty("xterm-256color", 30, 110, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	term := &terminal{t: t, s: s, out: &syncBuffer{}, done: make(chan error, 1)}
	s.Stdout, s.Stderr = term.out, term.out
	if term.in, err = s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if command == "" {
		err = s.Shell()
	} else {
		err = s.Start(command)
	}
	if err != nil {
		t.Fatal(err)
	}
	// The connection closes when the session ends, as OpenSSH's does.
	go func() { err := s.Wait(); c.Close(); term.done <- err }()
	return term
}

// waitFor waits, at most within, until the screen shows text, and reports
// how long it took.
func (term *terminal) waitFor(text string, within time.Duration) time.Duration {
	term.t.Helper()
	start := time.Now()
	for time.Since(start) < within {
		if strings.Contains(ansi.Strip(term.out.String()), text) {
			return time.Since(start)
		}
		time.Sleep(10 * time.Millisecond)
	}
	term.t.Fatalf("after %v the screen does not show %q; it shows:\n%s", within, text, tail(ansi.Strip(term.out.String())))
	return 0
}

func (term *terminal) keys(s string) {
	term.t.Helper()
	if _, err := io.WriteString(term.in, s); err != nil {
		term.t.Fatal(err)
	}
}

func tail(s string) string {
	if len(s) > 3000 {
		return s[len(s)-3000:]
	}
	return s
}

var refCCCS = backend.Ref{Plan: "cccs"}

func (f *fixture) actor(t *testing.T, name string) backend.Actor {
	t.Helper()
	a, ok, err := f.b.Login(ctx, gossh.FingerprintSHA256(f.keys[name].PublicKey()))
	if err != nil || !ok {
		t.Fatalf("%s: %v %v", name, ok, err)
	}
	return a
}

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, d)
}

func mustDate(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
