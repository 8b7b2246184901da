package notify

import (
	"context"
	"crypto/tls"
	"io"
	"log/slog"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"rota/internal/backend"
)

// mailbox is a real SMTP server on 127.0.0.1 that keeps what it accepts.
// mode makes it refuse (5xx or 4xx) or drop the connection at DATA.
type mailbox struct {
	// holding gets the first message held in mode "hold", where the
	// server keeps a message and never answers it.
	holding chan struct{}
	release chan struct{}
	mu      sync.Mutex
	got     []delivered
	mode    string // "", "refuse", "later" or "drop"
	addr    string
	opt     mailboxOptions
	logins  int // AUTH attempts
}

// mailboxOptions make the server speak TLS or want a login.
type mailboxOptions struct {
	tls      *tls.Config // offer STARTTLS with it, or with implicit, speak TLS from the first byte
	implicit bool
	user     string // with a user, MAIL FROM wants AUTH first
	password string
	mechs    []string // the AUTH mechanisms offered: sasl.Plain, sasl.Login
}

type delivered struct {
	to  string
	msg *mail.Message
	raw string
	tls bool // the message came over TLS
}

func (b *mailbox) NewSession(c *smtp.Conn) (smtp.Session, error) { return &session{b: b, c: c}, nil }

type session struct {
	b      *mailbox
	c      *smtp.Conn
	to     []string
	authed bool
}

func (s *session) Reset()        { s.to = nil }
func (s *session) Logout() error { return nil }
func (s *session) Mail(string, *smtp.MailOptions) error {
	if s.b.opt.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = append(s.to, to); return nil }

func (s *session) AuthMechanisms() []string { return s.b.opt.mechs }

func (s *session) Auth(mech string) (sasl.Server, error) {
	check := func(user, password string) error {
		s.b.mu.Lock()
		s.b.logins++
		s.b.mu.Unlock()
		if user != s.b.opt.user || password != s.b.opt.password {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}
	switch mech {
	case sasl.Plain:
		return sasl.NewPlainServer(func(_, user, password string) error { return check(user, password) }), nil
	case sasl.Login:
		return &loginServer{check: check}, nil
	}
	return nil, smtp.ErrAuthUnknownMechanism
}

// loginServer is the server side of AUTH LOGIN, which go-sasl lacks: it
// asks for the user name, then the password (draft-murchison-sasl-login).
type loginServer struct {
	check func(user, password string) error
	user  *string
}

func (l *loginServer) Next(response []byte) ([]byte, bool, error) {
	switch {
	case response == nil && l.user == nil:
		return []byte("Username:"), false, nil
	case l.user == nil:
		u := string(response)
		l.user = &u
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(*l.user, string(response))
}

func (s *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	mode := s.b.mode
	s.b.mu.Unlock()
	switch mode {
	case "hold":
		if m, err := mail.ReadMessage(strings.NewReader(string(raw))); err == nil {
			s.b.mu.Lock()
			s.b.got = append(s.b.got, delivered{to: s.to[0], msg: m, raw: string(raw)})
			s.b.mu.Unlock()
		}
		select {
		case s.b.holding <- struct{}{}:
		default:
		}
		<-s.b.release
		return io.ErrUnexpectedEOF
	case "refuse":
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "refused"}
	case "later":
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try later"}
	case "drop":
		s.c.Conn().Close()
		return io.ErrUnexpectedEOF
	}
	m, err := mail.ReadMessage(strings.NewReader(string(raw)))
	if err != nil {
		return err
	}
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	_, overTLS := s.c.TLSConnectionState()
	for _, to := range s.to {
		s.b.got = append(s.b.got, delivered{to: to, msg: m, raw: string(raw), tls: overTLS})
	}
	return nil
}

// clocks are the backend clocks of the sessions that send.
var clocks = map[*backend.Session]*clock{}

func newMailbox(t *testing.T) *mailbox { return newMailboxWith(t, mailboxOptions{}) }

func newMailboxWith(t *testing.T, opt mailboxOptions) *mailbox {
	t.Helper()
	b := &mailbox{holding: make(chan struct{}, 1), release: make(chan struct{}), opt: opt}
	srv := smtp.NewServer(b)
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = opt.tls == nil
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	var l net.Listener
	var err error
	if opt.implicit {
		l, err = tls.Listen("tcp", "127.0.0.1:0", opt.tls)
	} else {
		srv.TLSConfig = opt.tls
		l, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	b.addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { close(b.release); srv.Close() })
	return b
}

func (b *mailbox) set(mode string) { b.mu.Lock(); b.mode = mode; b.mu.Unlock() }

func (b *mailbox) delivered() []delivered {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]delivered(nil), b.got...)
}

func (b *mailbox) smtp(t *testing.T) SMTP {
	host, port, err := ParseServer(b.addr)
	if err != nil {
		t.Fatal(err)
	}
	return SMTP{Host: host, Port: port, Security: Plain, From: "rota@example.gov.uk", Timeout: 5 * time.Second}
}

// run runs at now, with the backend's clock (which stamps claims) at now too.
func run(t *testing.T, s *backend.Session, c SMTP, now string) Report {
	t.Helper()
	clocks[s].set(now)
	rep, err := Run(ctx, s, "cccs", at(now), Settings{}, c)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// A scripted September on the Cumbria plan: what each person receives, and
// that running again sends nothing twice.
func TestSendScriptedMonthOnce(t *testing.T) {
	mb := newMailbox(t)
	s, apply, clk := scriptedClock(t)
	clocks[s] = clk
	c := mb.smtp(t)
	apply("2022-09-05T10:00:00Z", words("absent tracy 2022-10-10 2022-10-14"))
	apply("2022-09-05T10:05:00Z", words("present 2022-09-20 simon"))
	times := []string{"2022-09-05T11:00:00Z", "2022-09-05T11:01:00Z", "2022-09-23T12:00:00Z", "2022-09-26T08:00:00Z", "2022-09-26T09:00:00Z", "2022-09-30T17:00:00Z"}
	skipped := 0
	for _, now := range times {
		rep := run(t, s, c, now)
		if len(rep.Failed) > 0 {
			t.Fatalf("%s: failed %v", now, rep.Failed)
		}
		skipped += len(rep.Skipped)
	}
	got := mb.delivered()
	ids := map[string]int{}
	per := map[string][]string{}
	for _, d := range got {
		ids[d.msg.Header.Get("Message-Id")]++
		per[d.to] = append(per[d.to], d.msg.Header.Get("Subject"))
		if !strings.Contains(d.raw, "text/calendar") || !strings.Contains(d.raw, `filename="rota.ics"`) {
			t.Errorf("message to %s has no calendar part", d.to)
		}
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("message %s delivered %d times", id, n)
		}
	}
	tracy := strings.Join(per["tracy.boustead@example.gov.uk"], "\n")
	if !strings.Contains(tracy, "your plan changed (version 3)") || !strings.Contains(tracy, "your week from Mon 26 Sep 2022") {
		t.Errorf("Tracy received:\n%s", tracy)
	}
	simon := strings.Join(per["simon.higgins@example.gov.uk"], "\n")
	if !strings.Contains(simon, "your plan changed (version 3)") {
		t.Errorf("Simon received:\n%s", simon)
	}
	if skipped == 0 {
		t.Errorf("Paul has no email and was never reported skipped")
	}
	for to, subj := range per {
		t.Logf("%s:\n  %s", to, strings.Join(subj, "\n  "))
	}
}

// A server that refuses, defers or drops the connection: nothing is marked
// sent, and the next run, with the server taking mail again, sends each
// message once.
func TestSendFailuresAreRetriedOnce(t *testing.T) {
	for _, mode := range []string{"refuse", "later", "drop"} {
		t.Run(mode, func(t *testing.T) {
			mb := newMailbox(t)
			s, _, clk := scriptedClock(t)
			clocks[s] = clk
			c := mb.smtp(t)
			mb.set(mode)
			rep := run(t, s, c, "2022-09-26T08:00:00Z")
			if len(rep.Failed) == 0 || len(rep.Sent) != 0 {
				t.Fatalf("server in mode %s: sent %v, failed %v", mode, rep.Sent, rep.Failed)
			}
			mb.set("")
			rep = run(t, s, c, "2022-09-26T08:30:00Z")
			if len(rep.Sent) != len(mb.delivered()) || len(rep.Sent) == 0 || len(rep.Failed) != 0 {
				t.Fatalf("the retry sent %v, failed %v; the server has %d", rep.Sent, rep.Failed, len(mb.delivered()))
			}
			if rep := run(t, s, c, "2022-09-26T09:00:00Z"); len(rep.Sent) != 0 {
				t.Fatalf("a third run sent again: %v", rep.Sent)
			}
		})
	}
}

func TestPlainOnlyToLoopback(t *testing.T) {
	if err := (SMTP{Host: "smtp.example.gov.uk", Port: 25, Security: Plain, From: "a@example.gov.uk"}).Check(); err == nil {
		t.Fatal("plain SMTP to a remote host accepted")
	}
	if err := (SMTP{Host: "127.0.0.1", Port: 25, Security: Plain, From: "a@example.gov.uk"}).Check(); err != nil {
		t.Fatal(err)
	}
}

// The scheduler that rota serve runs sends October's reminders without
// being asked (on Tuesday 27 September, with no digest due), and only once
// however often it ticks.
func TestSchedulerSends(t *testing.T) {
	mb := newMailbox(t)
	s, _, clk := scriptedClock(t)
	clk.set("2022-09-27T08:00:00Z")
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	sc := &Scheduler{Session: s, SMTP: mb.smtp(t), Every: 20 * time.Millisecond, Now: clk.now, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	go func() { sc.Run(cctx); close(done) }()
	// Bounded: at most 10 s for the first tick's two messages, then a few more ticks.
	for i := 0; i < 1000 && len(mb.delivered()) < 2; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	<-done
	if got := mb.delivered(); len(got) != 2 {
		t.Fatalf("the scheduler delivered %d messages, want October's two reminders once each", len(got))
	}
}

func (b *mailbox) loginCount() int { b.mu.Lock(); defer b.mu.Unlock(); return b.logins }

// withEmail is the Cumbria plan with an address for the person named name
// as well.
func withEmail(t *testing.T, name, addr string) []byte {
	t.Helper()
	s := strings.Replace(string(cumbria(t)), "name = \""+name+"\"\n", "name = \""+name+"\"\nemail = \""+addr+"\"\n", 1)
	if !strings.Contains(s, addr) {
		t.Fatalf("no person %q in the plan", name)
	}
	return []byte(s)
}

// The digest of a week with nothing for a person is recorded and sent,
// as a plain-text message without any attachment, not a calendar of
// nothing; the next run sends nothing more.
func TestSendDigestOfNothing(t *testing.T) {
	mb := newMailbox(t)
	s, _, clk := scriptedPlan(t, withEmail(t, "Chief Executive", "ce@example.gov.uk"))
	clocks[s] = clk
	c := mb.smtp(t)
	rep := run(t, s, c, "2022-09-23T12:00:00Z")
	if len(rep.Failed) > 0 || rep.Stopped != nil {
		t.Fatalf("failed %v, stopped %v", rep.Failed, rep.Stopped)
	}
	var ce []delivered
	for _, d := range mb.delivered() {
		if d.to == "ce@example.gov.uk" {
			ce = append(ce, d)
		}
	}
	if len(ce) != 1 {
		t.Fatalf("the Chief Executive received %d messages, want the digest of nothing", len(ce))
	}
	m := ce[0]
	if !strings.Contains(m.raw, "nothing on the rota for you in the week from Mon 26 Sep 2022") {
		t.Fatalf("not the digest of nothing:\n%s", m.raw)
	}
	if ct := m.msg.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") || strings.Contains(m.raw, "rota.ics") || strings.Contains(m.raw, "text/calendar") {
		t.Fatalf("the digest of nothing has an attachment (Content-Type %s):\n%s", ct, m.raw)
	}
	if rep := run(t, s, c, "2022-09-23T13:00:00Z"); len(rep.Sent)+len(rep.Failed) != 0 {
		t.Fatalf("a second run sent %v, failed %v", rep.Sent, rep.Failed)
	}
}

// A delivered message's To has the person's name as the plan gives it, as
// the dry run shows it: quoted or encoded (RFC 5322, RFC 2047) when it has
// a comma, a quote or letters beyond ASCII.
func TestToHasTheName(t *testing.T) {
	mb := newMailbox(t)
	text := strings.Replace(string(cumbria(t)), `name = "Tracy Boustead"`, `name = "Tracy \"Trace\" Boustéad, MBE"`, 1)
	s, _, clk := scriptedPlan(t, []byte(text))
	clocks[s] = clk
	rep := run(t, s, mb.smtp(t), sendAll)
	if len(rep.Failed) > 0 || len(rep.Sent) == 0 {
		t.Fatalf("sent %v, failed %v", rep.Sent, rep.Failed)
	}
	want := map[string]string{"simon.higgins@example.gov.uk": "Simon Higgins", "tracy.boustead@example.gov.uk": `Tracy "Trace" Boustéad, MBE`, "jo.atkinson@example.gov.uk": "Jo Atkinson"}
	for _, d := range mb.delivered() {
		to, err := mail.ParseAddress(d.msg.Header.Get("To"))
		if err != nil {
			t.Fatalf("To %q: %v", d.msg.Header.Get("To"), err)
		}
		if to.Address != d.to || to.Name != want[d.to] {
			t.Errorf("To %q reads as %q <%s>, want %q <%s>", d.msg.Header.Get("To"), to.Name, to.Address, want[d.to], d.to)
		}
	}
}
