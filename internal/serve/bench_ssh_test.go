package serve

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
	"rota/internal/change"
	"rota/internal/plan"
	"rota/internal/sample"
)

// The SSH figures of issue #11, on the council-decade plan
// (sample.CouncilDecade) with 50 sessions open at once, each a real
// golang.org/x/crypto/ssh client with a terminal over 127.0.0.1, 40 of
// the planners on Month and 10 on Rota:
//
//   - heap-MB/session: the Go heap in use (runtime.MemStats.HeapInuse,
//     after a collection) with 50 sessions open less with 1, over 49;
//     rss-MB/session is the same for the process's resident set
//     (/proc/self/status VmRSS, Linux only). Both include the clients'
//     side, which runs in the same process: an upper bound.
//   - key-median-ms, key-p99-ms: from writing a key that moves Month's
//     focus a day (l, then h back) to the moment the session's output
//     holds the new day's line, over keysPerRound presses spread over the
//     Month sessions while all 50 are open.
//   - change-median-ms, change-max-ms: from recording an absence through
//     the backend as another user (as rota edit or another session would)
//     until every one of the 50 sessions shows "version N by ann";
//     change-cpu-ms is the process's CPU time for one (clients included),
//     which the time above depends on less than on the machine's load.
//   - idle-cpu-%: the CPU the process uses, of one core, with 50 sessions
//     open and nothing happening.
//
// Run it alone: go test -run '^$' -bench SSH50 -benchtime 1x ./internal/serve/
func BenchmarkSSH50(b *testing.B) {
	const (
		sessions     = 50
		keysPerRound = 200
		changes      = 10
		within       = 30 * time.Second // a bound for a failing run, not a measure
	)
	bk, p := decadeBackend(b)
	defer bk.Close()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		b.Fatal(err)
	}
	pub := signer.PublicKey()
	admin := bk.As(backend.Local("ann"))
	if _, err := admin.AddUser(ctx, backend.User{Name: "jo", Role: "pa", Keys: []backend.Key{{
		Fingerprint: gossh.FingerprintSHA256(pub),
		Key:         strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub))),
	}}}); err != nil {
		b.Fatal(err)
	}
	srv, err := New(bk, Config{HostKey: filepath.Join(b.TempDir(), "host_key"), MaxSessions: sessions, MaxFailures: 1000})
	if err != nil {
		b.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	defer func() {
		sctx, cancel := contextWithTimeout(10 * time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		<-served
	}()
	client := &gossh.ClientConfig{
		User:            "jo",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // the benchmark made the server
		Timeout:         within,
	}

	var open []*benchTerm
	defer func() {
		for _, t := range open {
			t.close()
		}
	}()
	start := func() *benchTerm {
		t, err := openBenchTerm(l.Addr().String(), client, "decade", within)
		if err != nil {
			b.Fatal(err)
		}
		return t
	}
	opening := time.Now()
	open = append(open, start())
	b.Logf("the first session opened in %v", time.Since(opening))
	heap1, rss1 := memory()
	opening = time.Now()
	// The others in parallel, a few at a time, as people arrive.
	var mu sync.Mutex
	var wg sync.WaitGroup
	gate := make(chan struct{}, 4)
	var failed error
	for range sessions - 1 {
		wg.Add(1)
		gate <- struct{}{}
		go func() {
			defer func() { <-gate; wg.Done() }()
			t, err := openBenchTerm(l.Addr().String(), client, "decade", within)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				failed = err
				return
			}
			open = append(open, t)
		}()
	}
	wg.Wait()
	if failed != nil {
		b.Fatal(failed)
	}
	if n := srv.Sessions(); n != sessions {
		b.Fatalf("%d sessions open, want %d", n, sessions)
	}
	b.Logf("49 more opened in %v", time.Since(opening))
	heap50, rss50 := memory()
	// What 50 sessions cost doing nothing: the renderers' ticks and the
	// watch's polling.
	cpu0, idleFrom := cpuTime(), time.Now()
	time.Sleep(3 * time.Second)
	idle := -1.0
	if cpu0 >= 0 {
		idle = float64(cpuTime()-cpu0) / float64(time.Since(idleFrom))
	}

	// A fifth of the planners on Rota, as a PA opens it, the others on
	// Month: Rota draws the gap runs, which a change makes anew.
	var month []*benchTerm
	for j, t := range open {
		if j%5 != 0 {
			month = append(month, t)
			continue
		}
		seen := t.out.expect("[1 Rota]")
		if _, err := io.WriteString(t.in, "1"); err != nil {
			b.Fatal(err)
		}
		if err := waitSeen(seen, within); err != nil {
			b.Fatalf("Rota: %v:\n%s", err, t.out.tail())
		}
	}

	b.ResetTimer()
	var keys []time.Duration
	for range b.N {
		for i := range keysPerRound {
			t := month[i%len(month)]
			k := "l"
			if t.moved {
				k = "h"
			}
			d, err := t.press(k, within)
			if err != nil {
				b.Fatal(err)
			}
			t.moved = !t.moved
			keys = append(keys, d)
		}
	}
	b.StopTimer()

	var reach []time.Duration
	snap, err := admin.Load(ctx, backend.Ref{Plan: "decade"}, 0)
	if err != nil {
		b.Fatal(err)
	}
	version := snap.Version
	cpuChanges := cpuTime()
	for i := range changes {
		version++
		want := fmt.Sprintf("version %d by ann", version)
		seen := make([]<-chan time.Time, len(open))
		for j, t := range open {
			seen[j] = t.out.expect(want)
		}
		// A day on which someone is not yet away (the sample has
		// absences of its own); a refused try saves nothing.
		var began time.Time
		for try := 0; ; try++ {
			day := p.Start.AddDays(7*i + try)
			c := change.AddAbsence(plan.Absence{Person: p.Persons[i%len(p.Persons)].ID, From: day, To: day, Reason: "bench"})
			began = time.Now()
			_, err := admin.Apply(ctx, backend.Ref{Plan: "decade"}, version-1, c, "", "")
			if err == nil {
				break
			}
			if try == 6 {
				b.Fatal(err)
			}
		}
		var last time.Time
		for j, ch := range seen {
			select {
			case at := <-ch:
				if at.After(last) {
					last = at
				}
			case <-time.After(within):
				b.Fatalf("session %d does not show %q after %v:\n%s", j, want, within, open[j].out.tail())
			}
		}
		reach = append(reach, last.Sub(began))
	}
	if cpuChanges >= 0 {
		// The process's CPU time for a change, clients included: what
		// the machine's load stretches the time above by.
		b.ReportMetric(ms((cpuTime()-cpuChanges)/changes), "change-cpu-ms")
	}

	mb := func(x uint64) float64 { return float64(x) / (1 << 20) }
	b.ReportMetric(mb(heap50-min(heap1, heap50))/(sessions-1), "heap-MB/session")
	if rss50 > 0 {
		b.ReportMetric(mb(rss50-min(rss1, rss50))/(sessions-1), "rss-MB/session")
		b.ReportMetric(mb(rss50), "rss-MB-at-50")
	}
	if idle >= 0 {
		b.ReportMetric(100*idle, "idle-cpu-%")
	}
	b.ReportMetric(ms(median(keys)), "key-median-ms")
	b.ReportMetric(ms(percentile(keys, 99)), "key-p99-ms")
	b.ReportMetric(ms(median(reach)), "change-median-ms")
	b.ReportMetric(ms(slices.Max(reach)), "change-max-ms")
}

// decadeBackend is a backend on a fresh database holding the council
// decade as "decade", as BenchmarkFeedDecade makes it.
func decadeBackend(b *testing.B) (*backend.Backend, *plan.Plan) {
	b.Helper()
	bk, err := backend.Open(filepath.Join(b.TempDir(), "rota.db"))
	if err != nil {
		b.Fatal(err)
	}
	p := sample.Plan(sample.CouncilDecade, 1)
	if _, err := bk.As(backend.Local("ann")).Import(ctx, "decade", "decade.toml", plan.Encode(p), "ann", ""); err != nil {
		b.Fatal(err)
	}
	return bk, p
}

// benchTerm is one SSH session with a terminal, as ssh -t opens it, whose
// output is watched for an expected text.
type benchTerm struct {
	c     *gossh.Client
	s     *gossh.Session
	in    io.Writer
	out   *watchedOutput
	moved bool // Month's focus is one day right of where it opened
	day   [2]string
}

// monthFooter is the line under Month's grid that names the focused day
// ("Tue 1 Dec 2026 · present …"): it changes with every move of the focus.
var monthFooter = regexp.MustCompile(`(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4} · `)

// openBenchTerm logs in, opens the planner on plan, goes to Month and
// learns the two days that h and l move the focus between (day[0] and
// day[1]), leaving it on day[1].
func openBenchTerm(addr string, cfg *gossh.ClientConfig, plan string, within time.Duration) (*benchTerm, error) {
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, err
	}
	t := &benchTerm{c: c, out: &watchedOutput{}}
	if t.s, err = c.NewSession(); err != nil {
		c.Close()
		return nil, err
	}
	if err := t.s.RequestPty("xterm-256color", 30, 110, gossh.TerminalModes{}); err != nil {
		t.close()
		return nil, err
	}
	t.s.Stdout, t.s.Stderr = t.out, t.out
	if t.in, err = t.s.StdinPipe(); err != nil {
		t.close()
		return nil, err
	}
	ready := t.out.expect("on plan " + plan)
	if err := t.s.Start(plan); err != nil {
		t.close()
		return nil, err
	}
	if err := waitSeen(ready, within); err != nil {
		t.close()
		return nil, fmt.Errorf("the planner did not open: %w:\n%s", err, t.out.tail())
	}
	// l then h may not come back to the same day (from a Sunday, l goes
	// to Monday and h to Friday); from the day h reached, they do.
	for i, k := range []string{"2", "l", "h", "l"} {
		seen := t.out.expectMatch(monthFooter)
		if _, err := io.WriteString(t.in, k); err != nil {
			t.close()
			return nil, err
		}
		if err := waitSeen(seen, within); err != nil {
			t.close()
			return nil, fmt.Errorf("no Month footer after %q: %w:\n%s", k, err, t.out.tail())
		}
		if i >= 2 {
			t.day[i-2] = t.out.matched()
		}
	}
	t.moved = true
	if t.day[0] == t.day[1] {
		t.close()
		return nil, fmt.Errorf("l did not move Month's focus from %q", t.day[0])
	}
	return t, nil
}

// press writes k and returns how long until the day it moves the focus
// to shows.
func (t *benchTerm) press(k string, within time.Duration) (time.Duration, error) {
	want := t.day[1]
	if t.moved {
		want = t.day[0]
	}
	seen := t.out.expect(want)
	began := time.Now()
	if _, err := io.WriteString(t.in, k); err != nil {
		return 0, err
	}
	select {
	case at := <-seen:
		return at.Sub(began), nil
	case <-time.After(within):
		return 0, fmt.Errorf("%q does not show %q after %v:\n%s", k, want, within, t.out.tail())
	}
}

func (t *benchTerm) close() {
	if t.s != nil {
		t.s.Close()
	}
	t.c.Close()
}

func waitSeen(ch <-chan time.Time, within time.Duration) error {
	select {
	case <-ch:
		return nil
	case <-time.After(within):
		return fmt.Errorf("not within %v", within)
	}
}

// watchedOutput is a session's output since the last expect (at most
// maxWatched bytes of it), and tells, with the time it arrived, when it
// holds the expected text.
type watchedOutput struct {
	mu    sync.Mutex
	buf   []byte
	want  string
	re    *regexp.Regexp
	found string
	hit   chan time.Time
}

const maxWatched = 1 << 20

func (w *watchedOutput) Write(p []byte) (int, error) {
	at := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	if len(w.buf) > maxWatched {
		w.buf = append(w.buf[:0], w.buf[len(w.buf)-maxWatched/2:]...)
	}
	if w.hit == nil {
		return len(p), nil
	}
	text := ansi.Strip(string(w.buf))
	switch {
	case w.re != nil:
		w.found = w.re.FindString(text)
	case strings.Contains(text, w.want):
		w.found = w.want
	}
	if w.found != "" {
		w.hit <- at
		w.hit = nil
	}
	return len(p), nil
}

// expect forgets the output so far and returns a channel that receives
// the time the text arrives.
func (w *watchedOutput) expect(text string) <-chan time.Time {
	return w.start(text, nil)
}

// expectMatch is expect for the first text re matches; matched returns it.
func (w *watchedOutput) expectMatch(re *regexp.Regexp) <-chan time.Time {
	return w.start("", re)
}

func (w *watchedOutput) start(text string, re *regexp.Regexp) <-chan time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf, w.want, w.re, w.found = w.buf[:0], text, re, ""
	ch := make(chan time.Time, 1)
	w.hit = ch
	return ch
}

func (w *watchedOutput) matched() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.found
}

func (w *watchedOutput) tail() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return tail(ansi.Strip(string(w.buf)))
}

// memory is the Go heap in use after a collection, and the process's
// resident set (0 where /proc/self/status is not there), in bytes.
func memory() (heap, rss uint64) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse, vmRSS()
}

func vmRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb << 10
		}
	}
	return 0
}

// cpuTime is the CPU time the process has used (user and system, from
// /proc/self/stat, in clock ticks of 10 ms), -1 where that is not there.
func cpuTime() time.Duration {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return -1
	}
	// The fields after the command name, which is in parentheses.
	_, rest, ok := strings.Cut(string(data), ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return -1
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return -1
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func median(d []time.Duration) time.Duration { return percentile(d, 50) }

// percentile is the p-th percentile of d by rank (the smallest value with
// at least p% of d at or below it).
func percentile(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(i-1, 0)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
