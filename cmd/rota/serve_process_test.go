package main

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
)

// servedProcess is a rota serve process on 127.0.0.1 over a database
// holding the reference plan as "cccs" and the users of keys (each a pa).
type servedProcess struct {
	t        *testing.T
	cmd      *exec.Cmd
	sshAddr  string
	httpAddr string
	log      serveLog
	db       string
	keys     map[string]gossh.Signer
	feed     int64  // a feed of paul's on cccs
	token    string // its secret
	exited   chan error
}

func startServe(t *testing.T, users []string, args ...string) *servedProcess {
	t.Helper()
	if testing.Short() {
		t.Skip("starts rota processes")
	}
	dir := t.TempDir()
	p := &servedProcess{t: t, db: filepath.Join(dir, "rota.db"), keys: map[string]gossh.Signer{}, exited: make(chan error, 1),
		log: serveLog(filepath.Join(dir, "serve.log"))}
	b, err := backend.Open(p.db)
	if err != nil {
		t.Fatal(err)
	}
	admin := b.As(backend.Local("ann"))
	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := admin.Import(ctx, "cccs", "cccs.toml", text, "ann", ""); err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		signer, err := gossh.NewSignerFromKey(priv)
		if err != nil {
			t.Fatal(err)
		}
		p.keys[u] = signer
		key := backend.Key{Fingerprint: gossh.FingerprintSHA256(signer.PublicKey()), Key: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(signer.PublicKey())))}
		if _, err := admin.AddUser(ctx, backend.User{Name: u, Role: "pa", Keys: []backend.Key{key}}); err != nil {
			t.Fatal(err)
		}
	}
	f, token, err := admin.NewFeed(ctx, "cccs", "paul", backend.DefaultWindow)
	if err != nil {
		t.Fatal(err)
	}
	p.feed, p.token = f.ID, token
	b.Close()

	p.cmd = exec.Command(os.Args[0], append([]string{"serve", "--db", p.db, "--ssh", "127.0.0.1:0", "--http", "127.0.0.1:0", "--host-key", filepath.Join(dir, "host_key")}, args...)...)
	p.cmd.Env = append(os.Environ(), "ROTA_TEST_MAIN=1")
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	logFile, err := os.Create(string(p.log))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { logFile.Close() })
	p.cmd.Stderr = logFile
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.cmd.Process.Kill() })
	addrs := make(chan [2]string, 1)
	go func() {
		// rota serve: SSH on ADDR (…), then calendar feeds on http://ADDR/feed/…
		var a [2]string
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "rota serve: SSH on "); ok {
				a[0], _, _ = strings.Cut(rest, " ")
			}
			if rest, ok := strings.CutPrefix(line, "calendar feeds on "); ok {
				_, rest, _ = strings.Cut(rest, "://")
				a[1], _, _ = strings.Cut(rest, "/")
				addrs <- a
			}
		}
		close(addrs)
		p.exited <- p.cmd.Wait()
	}()
	select {
	case a, ok := <-addrs:
		if !ok {
			t.Fatalf("rota serve did not start:\n%s", p.log)
		}
		p.sshAddr, p.httpAddr = a[0], a[1]
	case <-time.After(time.Minute):
		t.Fatalf("rota serve did not start within a minute:\n%s", p.log)
	}
	return p
}

// sshTerminal is an SSH session with a terminal (as ssh -t opens) on the
// plan cccs.
type sshTerminal struct {
	conn *gossh.Client
	s    *gossh.Session
	out  *lockedBuffer
	done chan error
}

type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// terminate sends rota serve SIGTERM and waits, a minute at most, for it
// to exit with status 0.
func (p *servedProcess) terminate(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.exited:
		if err != nil {
			t.Fatalf("rota serve exited with %v:\n%s", err, p.log)
		}
	case <-time.After(time.Minute):
		t.Fatalf("rota serve did not stop:\n%s", p.log)
	}
}

func (p *servedProcess) open(user string) *sshTerminal {
	t := p.t
	t.Helper()
	c, err := gossh.Dial("tcp", p.sshAddr, &gossh.ClientConfig{
		User:            user,
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(p.keys[user])},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // the test made the server
		Timeout:         10 * time.Second,
	})
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
	term := &sshTerminal{conn: c, s: s, out: &lockedBuffer{}, done: make(chan error, 1)}
	s.Stdout, s.Stderr = term.out, term.out
	if _, err := s.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if err := s.Start("cccs"); err != nil {
		t.Fatal(err)
	}
	// The connection closes when the session ends, as OpenSSH's does.
	go func() { err := s.Wait(); c.Close(); term.done <- err }()
	return term
}

// shows reports whether the terminal has shown text so far.
func (term *sshTerminal) shows(text string) bool {
	return strings.Contains(ansi.Strip(term.out.String()), text)
}

// closed reports whether the session has ended.
func (term *sshTerminal) closed() bool {
	select {
	case err := <-term.done:
		term.done <- err
		return true
	default:
		return false
	}
}

// jsonLines fails t unless every line of the log is a JSON object.
func jsonLines(t *testing.T, log string) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(log, "\n"), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("log line %d is not JSON (%v): %s", i+1, err, line)
		}
	}
}

// SIGTERM to a real rota serve with several sessions open: every one is
// told that the server is stopping and closed, each logout is logged,
// and the process exits 0. (Each session's Bubble Tea program once took
// SIGTERM too, and a program that Shutdown had quit first then never
// returned: its session froze until the server cut it off.)
func TestSIGTERMTellsEverySession(t *testing.T) {
	users := []string{"jo", "kim", "lee", "max", "ned", "oli"}
	p := startServe(t, users)
	var terms []*sshTerminal
	for _, u := range users {
		terms = append(terms, p.open(u))
	}
	for i, term := range terms {
		waitFor(t, users[i]+"'s planner", func() bool { return term.shows(users[i] + " (pa) on plan cccs") })
	}
	// Feed uses too are all written when the server stops (they are
	// written at most once a minute while it runs).
	const uses = 5
	for range uses {
		resp, err := http.Get("http://" + p.httpAddr + "/feed/" + p.token + ".ics")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("the feed: %d", resp.StatusCode)
		}
	}
	p.terminate(t)
	b, err := backend.Open(p.db)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	feeds, err := b.As(backend.Local("ann")).Feeds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feeds {
		if f.ID == p.feed && f.Uses != uses {
			t.Errorf("rota feed list would say %d uses after %d answers", f.Uses, uses)
		}
	}
	for i, term := range terms {
		if !term.shows("rota serve is stopping: every change you made was saved") {
			t.Errorf("%s was not told the server is stopping; the screen's end:\n%q", users[i], tailOf(term.out.String()))
		}
		waitFor(t, users[i]+"'s session to close", term.closed)
	}
	log := p.log.String()
	if n := strings.Count(log, `"msg":"logout"`); n != len(users) {
		t.Errorf("%d logouts logged, want %d:\n%s", n, len(users), log)
	}
	jsonLines(t, log)
}

func tailOf(s string) string {
	if len(s) > 600 {
		return s[len(s)-600:]
	}
	return s
}

// The server's log is all JSON lines, whatever happens: a client that
// drops its connection (wish's middleware logged that in text, as an
// error), a plain HTTP request to the HTTPS port (net/http logged the
// failed handshake in text).
func TestTheLogIsAllJSONLines(t *testing.T) {
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	p := startServe(t, []string{"jo"}, "--tls-cert", cert, "--tls-key", key)
	jo := p.open("jo")
	waitFor(t, "jo's planner", func() bool { return jo.shows("jo (pa) on plan cccs") })
	jo.conn.Close() // no goodbye: the connection just goes
	waitFor(t, "the logout", func() bool { return strings.Contains(p.log.String(), `"msg":"logout"`) })
	if !strings.Contains(p.log.String(), `"level":"INFO","msg":"session closed","reason":"connection closed","user":"jo"`) {
		t.Errorf("the closed connection is not logged as such:\n%s", p.log)
	}
	resp, err := http.Get("http://" + p.httpAddr + "/feed/x.ics")
	if err == nil {
		resp.Body.Close()
	}
	waitFor(t, "the failed handshake to be logged", func() bool { return strings.Contains(p.log.String(), "TLS handshake error") })
	p.terminate(t)
	jsonLines(t, p.log.String())
}

// selfSigned writes a certificate for 127.0.0.1 and its key in dir.
func selfSigned(t *testing.T, dir string) (cert, key string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, pub, priv)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cert, key = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pk}), 0o600); err != nil {
		t.Fatal(err)
	}
	return cert, key
}
