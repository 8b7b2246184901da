package notify

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"rota/internal/backend"
)

// Security is how the connection to the SMTP server is protected.
type Security string

const (
	StartTLS Security = "starttls" // STARTTLS, required (RFC 3207); the default, port 587
	TLS      Security = "tls"      // implicit TLS from the first byte (RFC 8314), port 465
	Plain    Security = "plain"    // no encryption: only to a server on 127.0.0.1, ::1 or localhost
)

// SMTP is where and how messages are sent. User and Password come from the
// environment or a file, never from a flag: a flag is visible to every user
// of the machine in the process list.
type SMTP struct {
	Host     string
	Port     int
	Security Security
	User     string // "" for no authentication
	Password string
	From     string // the From address, a bare address
	Timeout  time.Duration
	// RootCAs are the certificate authorities the server's certificate
	// must chain to; nil means the system's (LoadCAFile).
	RootCAs *x509.CertPool
}

// LoadCAFile reads the PEM certificates of path, for SMTP.RootCAs: a
// council's relay often has a certificate from the council's own
// authority, which the system does not know. Like curl's --cacert, the
// file replaces the system's authorities instead of adding to them.
func LoadCAFile(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s: no PEM certificate in it (want lines from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----)", path)
	}
	return pool, nil
}

// ParseServer reads HOST:PORT.
func ParseServer(s string) (string, int, error) {
	host, port, err := net.SplitHostPort(s)
	if err != nil || host == "" {
		return "", 0, fmt.Errorf("%q: want HOST:PORT, e.g. smtp.example.gov.uk:587", s)
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n > 65535 {
		return "", 0, fmt.Errorf("%q: the port must be a number from 1 to 65535", s)
	}
	return host, n, nil
}

// Check says what is wrong with c, or nil.
func (c SMTP) Check() error {
	switch c.Security {
	case StartTLS, TLS:
	case Plain:
		if ip := net.ParseIP(c.Host); c.Host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return fmt.Errorf("plain SMTP is only for a test server on this machine (127.0.0.1); %s needs starttls or tls", c.Host)
		}
	default:
		return fmt.Errorf("%q is not a way to connect: use starttls, tls, or plain for a test server on 127.0.0.1", c.Security)
	}
	if c.From == "" {
		return fmt.Errorf("no From address: name one, e.g. rota@example.gov.uk")
	}
	return nil
}

// MessageID is the Message-ID of the message with key (RFC 5322 section
// 3.6.4): the same on every attempt, so that a receiver that got a message
// twice, after a run died between the server accepting it and the outbox
// recording it, can tell.
func MessageID(key, from string) string {
	sum := sha256.Sum256([]byte(key))
	domain := "rota.invalid"
	if at := strings.LastIndexByte(from, '@'); at >= 0 {
		domain = from[at+1:]
	}
	return hex.EncodeToString(sum[:16]) + "@" + domain
}

// build makes the email of m, to name <m.To> (RFC 5322 section 3.4; the
// bare address when name is ""): a plain-text part and the .ics attachment
// when m has one.
func (c SMTP) build(m backend.Outgoing, name string, at time.Time) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.From(c.From); err != nil {
		return nil, err
	}
	to, err := netmail.ParseAddress(m.To)
	if err != nil {
		return nil, fmt.Errorf("%q is not an email address: %v", m.To, err)
	}
	// The name goes in as a field of its own, never pasted into the
	// header's text: net/mail quotes or encodes it (RFC 2047) whatever it
	// holds.
	to.Name = name
	msg.ToMailAddress(to)
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(MessageID(m.Key, c.From))
	msg.SetDateWithValue(at)
	msg.SetBodyString(mail.TypeTextPlain, m.Body)
	if len(m.ICS) > 0 {
		if err := msg.AttachReader("rota.ics", bytes.NewReader(m.ICS), mail.WithFileContentType(mail.ContentType("text/calendar; charset=utf-8; method=PUBLISH"))); err != nil {
			return nil, err
		}
	}
	return msg, nil
}

// ConnectError is a failure before any message could be offered: the
// server unreachable, its certificate not trusted, STARTTLS missing where
// it is required, or the user and password refused. Every message would
// fail the same way, so a run stops at the first and leaves them all due:
// trying each would also count as many failed logins against the account.
type ConnectError struct {
	Server string // HOST:PORT
	Login  bool   // the server refused the user and password (SMTP AUTH, RFC 4954)
	// NoSTARTTLS says the server does not offer STARTTLS, which security
	// starttls requires (RFC 3207 section 4): nothing was written to it.
	NoSTARTTLS bool
	Err        error
}

func (e *ConnectError) Error() string {
	if e.NoSTARTTLS {
		return fmt.Sprintf("the server at %s does not offer STARTTLS, so nothing was sent to it: "+
			"use --security tls (rota serve: --notify-security tls) for TLS from the start (usually port 465), "+
			"or --security plain only for a trusted relay on this machine (127.0.0.1)", e.Server)
	}
	if e.Login {
		return fmt.Sprintf("%s refused the login (SMTP AUTH): check $ROTA_SMTP_USER or the kept user, and the password: %v", e.Server, e.Err)
	}
	return fmt.Sprintf("cannot connect to %s: %v", e.Server, e.Err)
}

func (e *ConnectError) Unwrap() error { return e.Err }

// send sends msg on a connection of its own; a *ConnectError says it never
// got as far as offering it.
func (c SMTP) send(ctx context.Context, msg *mail.Msg) error {
	opts := []mail.Option{mail.WithPort(c.Port), mail.WithTimeout(c.timeout()),
		mail.WithTLSConfig(&tls.Config{ServerName: c.Host, RootCAs: c.RootCAs, MinVersion: tls.VersionTLS12})}
	switch c.Security {
	case TLS:
		opts = append(opts, mail.WithSSL())
	case StartTLS:
		// Mandatory: a server that offers no STARTTLS is refused, never
		// written to in the clear (RFC 3207 section 4).
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case Plain:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	}
	if c.User != "" {
		// Auto-discovery offers PLAIN and LOGIN only over TLS.
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover), mail.WithUsername(c.User), mail.WithPassword(c.Password))
	}
	cl, err := mail.NewClient(c.Host, opts...)
	if err != nil {
		return err
	}
	server := net.JoinHostPort(c.Host, strconv.Itoa(c.Port))
	conn, err := cl.DialToSMTPClientWithContext(ctx)
	if err != nil {
		login := c.User != "" && (strings.Contains(err.Error(), "SMTP AUTH") || errors.Is(err, mail.ErrNoSupportedAuthDiscovered))
		// go-mail has no error value for a server without STARTTLS; its
		// wording (v0.8.1) speaks of its own TLS policies, which users
		// never set, so it is told in rota's words instead.
		noTLS := c.Security == StartTLS && strings.Contains(err.Error(), "does not support STARTTLS")
		return &ConnectError{Server: server, Login: login && !noTLS, NoSTARTTLS: noTLS, Err: err}
	}
	err = cl.SendWithSMTPClient(conn, msg)
	if cerr := cl.CloseWithSMTPClient(conn); err == nil && cerr != nil {
		// The server took the message before the close failed.
		return nil
	}
	return err
}

func (c SMTP) timeout() time.Duration {
	if c.Timeout <= 0 {
		return 30 * time.Second
	}
	return c.Timeout
}

// Lease is how long a claim on a message holds: a message still claimed
// after it was being sent by a run that died, and is sent again.
const Lease = 10 * time.Minute

// maxSends bounds one run, whatever the outbox holds.
const maxSends = 10000

// Report is what a run did.
type Report struct {
	Queued  int      // messages newly recorded as due
	Sent    []string // keys sent this run
	Failed  []string // "key: why", to be retried next run
	Skipped []string // "name (key)": people without email
	// Stopped says why the run stopped before sending all it could (a
	// *ConnectError); the messages left stay due for the next run.
	Stopped error
}

// Run records every message due for plan at now in the outbox, then sends
// what the outbox holds, each at most once: a message is claimed in its own
// transaction before it is sent and marked sent in another after the server
// accepted it. A failure (refused, dropped, unreachable) leaves it due for
// the next run; a failure to connect or log in (*ConnectError) stops the
// run there, in Report.Stopped. The one window for a duplicate: the process dies after
// the server accepted the message and before the mark committed; the claim
// then expires after Lease and the message goes again with the same
// Message-ID. SMTP has no way to ask a server whether it has a message.
func Run(ctx context.Context, s *backend.Session, plan string, now time.Time, set Settings, c SMTP) (Report, error) {
	var rep Report
	if err := c.Check(); err != nil {
		return rep, err
	}
	msgs, latest, err := collect(ctx, s, plan, now, set)
	if err != nil {
		return rep, err
	}
	recorded, err := s.Outbox(ctx, plan)
	if err != nil {
		return rep, err
	}
	known := make(map[string]bool, len(recorded))
	for _, m := range recorded {
		known[m.Key] = true
	}
	var fresh []Message // only these need their attachments made
	for _, m := range msgs {
		switch {
		case m.To == "":
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s (%s)", m.Name, m.Key))
		case !known[m.Key]:
			fresh = append(fresh, m)
		}
	}
	if err := number(ctx, s, backend.Ref{Plan: plan}, latest.Identity, fresh); err != nil {
		return rep, err
	}
	var out []backend.Outgoing
	for _, m := range fresh {
		out = append(out, backend.Outgoing{Key: m.Key, Person: m.Person, To: m.To, Subject: m.Subject, Body: m.Text, ICS: m.ICS})
	}
	if rep.Queued, err = s.Enqueue(ctx, plan, out); err != nil {
		return rep, err
	}
	start := s.Now()
	for range maxSends {
		if ctx.Err() != nil {
			return rep, ctx.Err() // stopping: claim nothing more; what is left stays due
		}
		m, ok, err := s.ClaimNext(ctx, plan, start, Lease)
		if err != nil {
			return rep, err
		}
		if !ok {
			break
		}
		why := ""
		var connErr *ConnectError
		if msg, err := c.build(m, recipientName(latest, m.Person), time.Now()); err != nil {
			why = err.Error()
		} else if err := c.send(ctx, msg); err != nil {
			why = err.Error()
			errors.As(err, &connErr)
		}
		// The mark is written even when ctx has ended meanwhile (rota serve
		// stopping on SIGTERM): lost, it would leave the message claimed,
		// to go again after Lease although the server has it.
		if err := s.Settle(context.WithoutCancel(ctx), plan, m.Key, why); err != nil {
			return rep, err
		}
		if why == "" {
			rep.Sent = append(rep.Sent, m.Key)
		} else {
			rep.Failed = append(rep.Failed, m.Key+": "+why)
		}
		if connErr != nil {
			rep.Stopped = connErr
			break
		}
	}
	return rep, nil
}

// recipientName is the name the plan p gives person, for a message's To;
// "" for a person it no longer has (the message was recorded before they
// were removed), who gets the bare address.
func recipientName(p Plan, person string) string {
	if p.Result == nil {
		return ""
	}
	if x, ok := p.Result.Frame.Plan.Person(person); ok {
		return x.Name
	}
	return ""
}
