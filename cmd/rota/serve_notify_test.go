package main

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"rota/internal/backend"
	"rota/internal/change"
)

// relay is an SMTP server on 127.0.0.1 that keeps what it accepts. The
// first message whose subject has holdSubject is kept waiting at DATA
// until release is closed, to stop rota serve in the middle of sending it.
type relay struct {
	mu          sync.Mutex
	got         []*mail.Message
	holdSubject string
	held        chan struct{} // closed when the held message has arrived
	release     chan struct{}
	holding     bool
	once        sync.Once
	user        string // with a user, MAIL wants AUTH PLAIN with password first
	password    string
}

// letGo answers the held message, once however often it is called.
func (r *relay) letGo() { r.once.Do(func() { close(r.release) }) }

func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

type relaySession struct {
	r      *relay
	authed bool
}

func (s *relaySession) Reset()        {}
func (s *relaySession) Logout() error { return nil }
func (s *relaySession) Mail(string, *smtp.MailOptions) error {
	if s.r.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	return nil
}
func (s *relaySession) Rcpt(string, *smtp.RcptOptions) error { return nil }

func (s *relaySession) AuthMechanisms() []string {
	if s.r.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *relaySession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != s.r.user || password != s.r.password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}
func (s *relaySession) Data(in io.Reader) error {
	m, err := mail.ReadMessage(in)
	if err != nil {
		return err
	}
	if _, err := io.Copy(io.Discard, m.Body); err != nil {
		return err
	}
	s.r.mu.Lock()
	hold := s.r.holdSubject != "" && !s.r.holding && strings.Contains(m.Header.Get("Subject"), s.r.holdSubject)
	s.r.holding = s.r.holding || hold
	s.r.mu.Unlock()
	if hold {
		close(s.r.held)
		<-s.r.release
	}
	s.r.mu.Lock()
	s.r.got = append(s.r.got, m)
	s.r.mu.Unlock()
	return nil
}

func (r *relay) messages() []*mail.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*mail.Message(nil), r.got...)
}

func startRelay(t *testing.T, holdSubject string) (*relay, string) {
	t.Helper()
	return startRelayWith(t, &relay{holdSubject: holdSubject}, nil)
}

// startRelayWith serves r, offering STARTTLS with config when it is not nil
// (and AUTH only then).
func startRelayWith(t *testing.T, r *relay, config *tls.Config) (*relay, string) {
	t.Helper()
	r.held, r.release = make(chan struct{}), make(chan struct{})
	srv := smtp.NewServer(r)
	srv.Domain = "localhost"
	srv.TLSConfig = config
	srv.AllowInsecureAuth = config == nil
	srv.ReadTimeout, srv.WriteTimeout = 30*time.Second, 30*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { r.letGo(); srv.Close() })
	return r, l.Addr().String()
}

// serveLog reads what rota serve has logged so far.
type serveLog string

func (l serveLog) String() string {
	b, _ := os.ReadFile(string(l))
	return string(b)
}

// waitFor polls cond every 20 ms, at most a minute: bounded, not timed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 3000 {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}

// servePlan is a plan of four people with email around today, so that
// rota serve, which judges what is due by the real clock, has reminders,
// digests and changes to tell.
func servePlan(t *testing.T) string {
	t.Helper()
	start := time.Now().UTC().AddDate(0, -1, 0)
	start = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, time.UTC)
	end := start.AddDate(1, 0, -1)
	var b strings.Builder
	fmt.Fprintf(&b, "[plan]\nname = \"Test directorate\"\nstart = %s\nend = %s\nholidays = \"england-and-wales\"\n\n", start.Format("2006-01-02"), end.Format("2006-01-02"))
	for _, p := range []string{"ann", "bob", "cat", "dan"} {
		fmt.Fprintf(&b, "[[person]]\nid = %q\nname = %q\nemail = \"%s@example.gov.uk\"\n\n", p, strings.ToUpper(p[:1])+p[1:], p)
	}
	b.WriteString("[spoc]\norder = [\"ann\", \"bob\", \"cat\", \"dan\"]\nbuddy = \"next\"\n\n[presence]\nenabled = true\norder = [\"ann\", \"bob\", \"cat\", \"dan\"]\n")
	return writeFile(t, b.String())
}

// historyAt saves the plan two hours ago and Dan's three weeks away from
// a fortnight on an hour ago: changes that have settled, which rota serve
// tells at its first look, and that are apart from a change made now.
func historyAt(t *testing.T, db string) {
	t.Helper()
	now := time.Now()
	clock := now.Add(-2 * time.Hour)
	b, err := backend.Open(db, backend.WithClock(func() time.Time { return clock }))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s := b.As(backend.Local("ann"))
	ctx := context.Background()
	text, err := os.ReadFile(servePlan(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, "t", "t.toml", text, "ann", ""); err != nil {
		t.Fatal(err)
	}
	clock = now.Add(-time.Hour)
	from := now.UTC().AddDate(0, 0, 14)
	ch, err := change.Parse([]string{"absent", "dan", from.Format("2006-01-02"), from.AddDate(0, 0, 20).Format("2006-01-02")}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, backend.Ref{Plan: "t"}, 1, ch, "ann", ""); err != nil {
		t.Fatal(err)
	}
}

// rota serve --notify-smtp, a real process against a real SMTP server: a
// change that moves Ann's presence days reaches her once, as one message,
// once it has settled. SIGTERM while the server holds that message: rota
// serve sees it through, marks it sent and exits 0; a later rota notify
// (a cron job) sends what serve left due and nothing twice, and every
// message of the outbox is sent, none stuck half-way.
func TestServeNotifyEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts rota processes")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "rota.db")
	historyAt(t, db)
	rl, addr := startRelay(t, "your plan changed (version 3)")

	cmd := exec.Command(os.Args[0], "serve", "--db", db, "--ssh", "127.0.0.1:0", "--http", "", "--host-key", filepath.Join(dir, "host_key"),
		"--notify-smtp", addr, "--notify-security", "plain", "--notify-from", "rota@example.gov.uk",
		"--notify-settle", "1s", "--notify-every", "1h")
	cmd.Env = append(os.Environ(), "ROTA_TEST_MAIN=1", "ROTA_SMTP_USER=", "ROTA_SMTP_PASSWORD=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	// The log goes to a file, which the test reads as the process writes.
	logFile, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd.Stderr = logFile
	stderr := serveLog(filepath.Join(dir, "serve.log"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() {
		// Read stdout to its end before Wait, which closes the pipe.
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
		}
		exited <- cmd.Wait()
	}()
	t.Cleanup(func() { cmd.Process.Kill() })

	// rota serve takes the database's outbox as it is; the test reads it too.
	b, err := backend.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s := b.As(backend.Local("test"))
	ctx := context.Background()
	outbox := func() []backend.Outgoing {
		out, err := s.Outbox(ctx, "t")
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	// The first look: version 2's change, and the digests and reminders
	// due today, whatever day the test runs, all sent before the change.
	waitFor(t, "rota serve to start sending", func() bool { return len(outbox()) > 0 })
	waitFor(t, "the first look's messages to be sent", func() bool {
		for _, m := range outbox() {
			if m.State != "sent" {
				return false
			}
		}
		return true
	})
	// Ann away for three weeks from a fortnight on: her presence days become gaps.
	from := time.Now().UTC().AddDate(0, 0, 14)
	if _, errs, code := rota(t, "edit", "--db", db, "t@2", "absent", "ann", from.Format("2006-01-02"), from.AddDate(0, 0, 20).Format("2006-01-02"), "--author", "pat"); code != 0 {
		t.Fatalf("edit: %s", errs)
	}
	select {
	case <-rl.held:
	case err := <-exited:
		t.Fatalf("rota serve exited (%v) before the change was sent:\n%s", err, stderr.String())
	case <-time.After(time.Minute):
		t.Fatalf("no change message within a minute:\n%s", stderr.String())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "rota serve to begin stopping", func() bool { return strings.Contains(stderr.String(), `"msg":"stopping"`) })
	rl.letGo()
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("rota serve exited with %v:\n%s", err, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatalf("rota serve did not stop:\n%s", stderr.String())
	}

	// A cron job afterwards: what serve did not get to goes, once.
	out, errs, code := rota(t, "notify", "--db", db, "t", "--smtp", addr, "--security", "plain", "--from", "rota@example.gov.uk", "--settle", "1s")
	if code != 0 {
		t.Fatalf("rota notify: exit %d\n%s%s", code, out, errs)
	}
	if out, _, _ := rota(t, "notify", "--db", db, "t", "--smtp", addr, "--security", "plain", "--from", "rota@example.gov.uk", "--settle", "1s"); !strings.HasPrefix(out, "0 new message(s) recorded, 0 sent") {
		t.Fatalf("a second rota notify: %s", out)
	}
	for _, m := range outbox() {
		if m.State != "sent" || m.Attempts != 1 {
			t.Errorf("%s: %s after %d attempts", m.Key, m.State, m.Attempts)
		}
	}
	got := rl.messages()
	ids := map[string]int{}
	annChanged := 0
	for _, m := range got {
		ids[m.Header.Get("Message-Id")]++
		if strings.Contains(m.Header.Get("Subject"), "your plan changed") && strings.Contains(m.Header.Get("To"), "ann@") {
			annChanged++
		}
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("%s delivered %d times", id, n)
		}
	}
	if annChanged != 1 || len(got) != len(outbox()) {
		t.Fatalf("Ann got %d change messages; %d delivered for %d in the outbox", annChanged, len(got), len(outbox()))
	}
}
