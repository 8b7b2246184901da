package notify

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
)

// selfSigned makes a certificate for 127.0.0.1 signed by itself, as a
// council's private authority would sign its relay's, and writes it to a
// PEM file for LoadCAFile.
func selfSigned(t *testing.T) (*tls.Config, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "relay.council.test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "council-ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	return &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}, path
}

// sendAll runs on Friday 30 September 2022: October's two reminders and
// the digests of the week from 3 October to Jo, Simon and Tracy.
const sendAll = "2022-09-30T17:00:00Z"

// secured is the client of mb with security sec, trusting the authority
// in caFile, logging in as user.
func secured(t *testing.T, mb *mailbox, sec Security, caFile, user, password string) SMTP {
	t.Helper()
	c := mb.smtp(t)
	c.Security = sec
	c.User, c.Password = user, password
	if caFile != "" {
		pool, err := LoadCAFile(caFile)
		if err != nil {
			t.Fatal(err)
		}
		c.RootCAs = pool
	}
	return c
}

// Every message goes over TLS, after a login with the mechanism the
// server offers: STARTTLS on a plain port (RFC 3207) and TLS from the
// first byte (RFC 8314), each with PLAIN and LOGIN.
func TestSendOverTLSWithLogin(t *testing.T) {
	srvTLS, caFile := selfSigned(t)
	for _, c := range []struct {
		name     string
		sec      Security
		implicit bool
		mech     string
	}{
		{"starttls-plain", StartTLS, false, sasl.Plain},
		{"starttls-login", StartTLS, false, sasl.Login},
		{"tls-plain", TLS, true, sasl.Plain},
		{"tls-login", TLS, true, sasl.Login},
	} {
		t.Run(c.name, func(t *testing.T) {
			mb := newMailboxWith(t, mailboxOptions{tls: srvTLS, implicit: c.implicit, user: "rota@council.test", password: "s3cret pass", mechs: []string{c.mech}})
			s, _, clk := scriptedClock(t)
			clocks[s] = clk
			rep := run(t, s, secured(t, mb, c.sec, caFile, "rota@council.test", "s3cret pass"), sendAll)
			got := mb.delivered()
			if len(rep.Failed) != 0 || rep.Stopped != nil || len(rep.Sent) != 5 || len(got) != 5 {
				t.Fatalf("sent %v, failed %v, stopped %v; the server has %d", rep.Sent, rep.Failed, rep.Stopped, len(got))
			}
			for _, d := range got {
				if !d.tls {
					t.Errorf("the message to %s came in the clear", d.to)
				}
			}
		})
	}
}

// A certificate from an authority the client was not told of is refused:
// nothing is sent and everything stays due.
func TestUntrustedCertificateRefused(t *testing.T) {
	srvTLS, _ := selfSigned(t)
	for _, c := range []struct {
		sec      Security
		implicit bool
	}{{StartTLS, false}, {TLS, true}} {
		t.Run(string(c.sec), func(t *testing.T) {
			mb := newMailboxWith(t, mailboxOptions{tls: srvTLS, implicit: c.implicit})
			s, _, clk := scriptedClock(t)
			clocks[s] = clk
			rep := run(t, s, secured(t, mb, c.sec, "", "", ""), sendAll)
			var ce *ConnectError
			if !errors.As(rep.Stopped, &ce) || !strings.Contains(rep.Stopped.Error(), "certificate") || len(mb.delivered()) != 0 {
				t.Fatalf("stopped %v, sent %v; the server has %d", rep.Stopped, rep.Sent, len(mb.delivered()))
			}
		})
	}
}

// A server that offers no STARTTLS when it is required is refused before
// anything, the password above all, is written to it in the clear.
func TestNoSTARTTLSRefused(t *testing.T) {
	mb := newMailboxWith(t, mailboxOptions{user: "rota@council.test", password: "pw", mechs: []string{sasl.Plain, sasl.Login}})
	s, _, clk := scriptedClock(t)
	clocks[s] = clk
	rep := run(t, s, secured(t, mb, StartTLS, "", "rota@council.test", "pw"), sendAll)
	var ce *ConnectError
	if !errors.As(rep.Stopped, &ce) || !strings.Contains(rep.Stopped.Error(), "STARTTLS") {
		t.Fatalf("stopped %v, failed %v", rep.Stopped, rep.Failed)
	}
	if len(mb.delivered()) != 0 || mb.loginCount() != 0 || len(rep.Sent) != 0 {
		t.Fatalf("in the clear: %d delivered, %d logins", len(mb.delivered()), mb.loginCount())
	}
	// Said in rota's words, naming the server and what to do instead;
	// not the mail library's, which speak of its TLS policies.
	why := rep.Stopped.Error()
	for _, want := range []string{"the server at " + mb.addr + " does not offer STARTTLS", "--security tls", "plain only for a trusted relay"} {
		if !strings.Contains(why, want) {
			t.Errorf("the refusal lacks %q: %s", want, why)
		}
	}
	if strings.Contains(why, "TLSMandatory") || strings.Contains(why, "mode set to") || ce.Login {
		t.Errorf("the refusal speaks the library's words or of a login: %s", why)
	}
	// The messages stay due, for the next run with the security put right.
	out, err := s.Outbox(ctx, "cccs")
	if err != nil || len(out) == 0 {
		t.Fatalf("the outbox holds %d messages (%v)", len(out), err)
	}
	for _, m := range out {
		if m.State != "due" {
			t.Errorf("%s is %s, want due", m.Key, m.State)
		}
	}
}

// A refused login says so, is tried once (not once a message, which would
// lock a council account after a few), and leaves every message due: the
// next run with the right password sends each once.
func TestRefusedLoginLeavesMessagesDue(t *testing.T) {
	srvTLS, caFile := selfSigned(t)
	mb := newMailboxWith(t, mailboxOptions{tls: srvTLS, user: "rota@council.test", password: "right", mechs: []string{sasl.Plain}})
	s, _, clk := scriptedClock(t)
	clocks[s] = clk
	rep := run(t, s, secured(t, mb, StartTLS, caFile, "rota@council.test", "wrong"), sendAll)
	var ce *ConnectError
	if !errors.As(rep.Stopped, &ce) || !ce.Login || !strings.Contains(rep.Stopped.Error(), "refused the login") {
		t.Fatalf("stopped %v, failed %v", rep.Stopped, rep.Failed)
	}
	if mb.loginCount() != 1 || len(rep.Failed) != 1 || len(rep.Sent) != 0 || len(mb.delivered()) != 0 {
		t.Fatalf("%d logins, failed %v, sent %v", mb.loginCount(), rep.Failed, rep.Sent)
	}
	out, err := s.Outbox(ctx, "cccs")
	if err != nil || len(out) != 5 {
		t.Fatalf("the outbox holds %d messages (%v), want the 5 due", len(out), err)
	}
	rep = run(t, s, secured(t, mb, StartTLS, caFile, "rota@council.test", "right"), "2022-09-30T17:15:00Z")
	if len(rep.Sent) != 5 || len(mb.delivered()) != 5 || rep.Stopped != nil {
		t.Fatalf("with the right password: sent %v, stopped %v", rep.Sent, rep.Stopped)
	}
	if rep := run(t, s, secured(t, mb, StartTLS, caFile, "rota@council.test", "right"), "2022-09-30T17:30:00Z"); len(rep.Sent) != 0 {
		t.Fatalf("a third run sent %v", rep.Sent)
	}
}

func TestLoadCAFile(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "not-a-cert.pem")
	if err := os.WriteFile(bad, []byte("hello\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCAFile(bad); err == nil || !strings.Contains(err.Error(), "no PEM certificate") || !strings.Contains(err.Error(), bad) {
		t.Fatalf("a file without a certificate: %v", err)
	}
	if _, err := LoadCAFile(filepath.Join(t.TempDir(), "missing.pem")); err == nil {
		t.Fatal("a missing file accepted")
	}
}

// A server that is not there: one try, the run stops saying so, and every
// message is sent once when it is back.
func TestUnreachableServerStopsOnce(t *testing.T) {
	mb := newMailbox(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := l.Addr().String()
	l.Close()
	s, _, clk := scriptedClock(t)
	clocks[s] = clk
	c := mb.smtp(t)
	host, port, err := ParseServer(dead)
	if err != nil {
		t.Fatal(err)
	}
	down := c
	down.Host, down.Port = host, port
	rep := run(t, s, down, sendAll)
	var ce *ConnectError
	if !errors.As(rep.Stopped, &ce) || ce.Login || len(rep.Failed) != 1 || !strings.Contains(rep.Stopped.Error(), "cannot connect to "+dead) {
		t.Fatalf("stopped %v, failed %v", rep.Stopped, rep.Failed)
	}
	if rep := run(t, s, c, "2022-09-30T17:15:00Z"); len(rep.Sent) != 5 || len(mb.delivered()) != 5 {
		t.Fatalf("once the server is back: sent %v", rep.Sent)
	}
}

// The scheduler of rota serve, ticking fast, tries a refused login once and
// then waits (LoginRetry), instead of once a tick until the account locks.
func TestSchedulerWaitsAfterRefusedLogin(t *testing.T) {
	srvTLS, caFile := selfSigned(t)
	mb := newMailboxWith(t, mailboxOptions{tls: srvTLS, user: "rota@council.test", password: "right", mechs: []string{sasl.Plain}})
	s, _, clk := scriptedClock(t)
	clk.set(sendAll)
	cctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	sc := &Scheduler{Session: s, SMTP: secured(t, mb, StartTLS, caFile, "rota@council.test", "wrong"), Every: 5 * time.Millisecond, Now: clk.now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	go func() { sc.Run(cctx); close(done) }()
	// Bounded: at most 10 s for the first login, then some 20 ticks.
	for i := 0; i < 1000 && mb.loginCount() == 0; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(100 * time.Millisecond)
	cancel()
	<-done
	if n := mb.loginCount(); n != 1 {
		t.Fatalf("%d logins tried, want one", n)
	}
}
