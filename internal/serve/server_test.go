package serve

import (
	"context"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"rota/internal/change"
	"rota/internal/plan"
)

// live is how soon a change must show in every other session (issue #11).
const live = time.Second

func TestUnknownKeyIsRefusedBeforeAnySession(t *testing.T) {
	f := newFixture(t, Config{})
	if _, err := f.dial("stranger"); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Fatalf("a key of nobody's logged in: %v", err)
	}
	if !strings.Contains(f.log.String(), `"msg":"login refused","reason":"unknown key"`) {
		t.Errorf("the refusal is not logged:\n%s", f.log)
	}
	if f.srv.Sessions() != 0 {
		t.Fatal("a session started")
	}
}

func TestFailedLoginsAreRateLimited(t *testing.T) {
	f := newFixture(t, Config{MaxFailures: 3})
	for range 3 {
		f.dial("stranger")
	}
	// Now even a user's own key is refused from that address, for a while.
	if _, err := f.dial("jo"); err == nil {
		t.Fatal("an address with 3 refused keys logged in at once")
	}
	if !strings.Contains(f.log.String(), "too many refused keys") {
		t.Errorf("not logged:\n%s", f.log)
	}
}

func TestAUserGetsTheirOwnPlanner(t *testing.T) {
	f := newFixture(t, Config{})
	jo := f.open(t, "jo", "")
	jo.waitFor("jo (pa) on plan cccs", 10*time.Second)
	jo.waitFor("SPOC", time.Second)
	if !strings.Contains(f.log.String(), `"msg":"login","user":"jo","role":"pa"`) {
		t.Errorf("the login is not logged:\n%s", f.log)
	}
	// An AD opens on their own month: paul is SPOC first in September 2022.
	paul := f.open(t, "paul", "cccs")
	paul.waitFor("paul (ad) on plan cccs", 10*time.Second)
	paul.waitFor("September 2022: SPOC Paul", time.Second)
}

func TestAPlanNotAllowedIsRefused(t *testing.T) {
	f := newFixture(t, Config{})
	jo := f.open(t, "jo", "other")
	jo.waitFor(`no plan "other" that you may see (plans: cccs)`, 10*time.Second)
	if !strings.Contains(f.log.String(), `"msg":"session refused","reason":"no such plan"`) {
		t.Errorf("not logged:\n%s", f.log)
	}
}

// Two sessions at once: what one records shows in the other within a
// second, without a key pressed, saying who changed what.
func TestAChangeShowsInEverySession(t *testing.T) {
	f := newFixture(t, Config{})
	jo := f.open(t, "jo", "cccs")
	paul := f.open(t, "paul", "cccs")
	jo.waitFor("jo (pa) on plan cccs", 10*time.Second)
	paul.waitFor("paul (ad) on plan cccs", 10*time.Second)
	jo.keys("a")
	jo.waitFor("Person", 5*time.Second)
	jo.keys("paul\x13") // ctrl+s saves from any field
	jo.waitFor("v2", 5*time.Second)
	took := paul.waitFor("version 2 by jo: absence: paul 2022-07-01", 5*time.Second)
	if took > live {
		t.Errorf("the change took %v to show in the other session; want within %v", took, live)
	}
	if !strings.Contains(f.log.String(), `"msg":"change","plan":"cccs","version":2,"by":"jo"`) {
		t.Errorf("the change is not logged:\n%s", f.log)
	}
}

// What a role may not do is refused by the backend, with the role and the
// action, whichever session tries it.
func TestEachRolesRefusals(t *testing.T) {
	f := newFixture(t, Config{})
	paul := f.open(t, "paul", "cccs")
	paul.waitFor("paul (ad) on plan cccs", 10*time.Second)
	paul.keys("u")
	paul.waitFor("role ad may not undo a change to the plan", 5*time.Second)
	// The absence form offers an AD only themselves; another person's
	// absence, asked of the backend directly, is refused.
	paul.keys("a")
	paul.waitFor("Paul Robinson (you: your role records only your own)", 5*time.Second)
	paul.keys("\x1b")
	jos := change.AddAbsence(plan.Absence{Person: "jo", From: mustDate(t, "2022-07-01"), To: mustDate(t, "2022-07-01")})
	if _, err := f.b.As(f.actor(t, "paul")).Apply(ctx, refCCCS, 1, jos, "", ""); err == nil ||
		err.Error() != "role ad may not change the plan: only their own absences, and jo is not paul" {
		t.Fatalf("an AD recording jo's absence: %v", err)
	}

	bob := f.open(t, "bob", "cccs")
	bob.waitFor("bob (manager) on plan cccs", 10*time.Second)
	// The planner does not offer a manager the absence form; the backend
	// would refuse it.
	bob.keys("a")
	bob.waitFor("not for your role: role manager may not", 5*time.Second)
	bob.keys("e")
	bob.waitFor("exports are not written from a shared planner", 5*time.Second)
	if v, _ := f.b.As(f.actor(t, "ann")).Load(ctx, refCCCS, 0); v.Version != 1 {
		t.Fatalf("a refused change was saved: version %d", v.Version)
	}
}

func TestSessionsPerUserAreCapped(t *testing.T) {
	f := newFixture(t, Config{MaxSessions: 1})
	jo := f.open(t, "jo", "cccs")
	jo.waitFor("jo (pa) on plan cccs", 10*time.Second)
	again := f.open(t, "jo", "cccs")
	again.waitFor("jo already has 1 sessions open, the most allowed", 5*time.Second)
}

// Shutdown with several sessions open: each is told the server is
// stopping, in lines of CR LF, and closed, and each logout is logged.
func TestShutdownTellsEverySession(t *testing.T) {
	f := newFixture(t, Config{})
	users := []string{"jo", "paul", "bob", "ann", "jo", "paul"}
	var terms []*terminal
	for _, u := range users {
		terms = append(terms, f.open(t, u, "cccs"))
	}
	for i, term := range terms {
		term.waitFor(users[i]+" (", 10*time.Second)
	}
	sctx, cancel := contextWithTimeout(5 * time.Second)
	defer cancel()
	if err := f.srv.Shutdown(sctx); err != nil {
		t.Fatal(err)
	}
	for _, term := range terms {
		term.waitFor("rota serve is stopping: every change you made was saved", 5*time.Second)
		if !strings.Contains(term.out.String(), "was saved.\r\nConnect again in a minute.\r\n") {
			t.Errorf("the message is not in lines of CR LF: %q", tail(term.out.String()))
		}
		term.closed(5 * time.Second)
	}
	if n := strings.Count(f.log.String(), `"msg":"logout"`); n != len(users) {
		t.Errorf("%d logouts logged, want %d:\n%s", n, len(users), f.log)
	}
	if n := strings.Count(f.log.String(), `"reason":"server stopping"`); n != len(users) {
		t.Errorf("%d logouts logged as the server stopping, want %d:\n%s", n, len(users), f.log)
	}
}

// The server writes no key of its own where it runs: its host key is the
// one at Config.HostKey (wish makes an id_ed25519 in the working directory
// when given none first).
func TestNoKeyFileInTheWorkingDirectory(t *testing.T) {
	newFixture(t, Config{})
	if _, err := os.Stat("id_ed25519"); err == nil {
		os.Remove("id_ed25519")
		os.Remove("id_ed25519.pub")
		t.Fatal("the server wrote id_ed25519 in the working directory")
	}
}

// A Shutdown that comes while Serve is starting waits until the SSH server
// has counted its listener (without that, the race detector reports its
// WaitGroup being added to while Shutdown waits on it). 200 starts bounded.
func TestShutdownRightAfterServe(t *testing.T) {
	f := newFixture(t, Config{})
	for i := 0; i < 200; i++ {
		srv, err := New(f.b, Config{HostKey: f.srv.cfg.HostKey})
		if err != nil {
			t.Fatal(err)
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- srv.Serve(l) }()
		sctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
		if err != nil {
			t.Fatalf("start %d: Shutdown: %v", i, err)
		}
		if err := <-done; err != nil {
			t.Fatalf("start %d: Serve: %v", i, err)
		}
	}
}

// A plan that does not exist is refused before any login, with the
// reason in the log as every refusal has.
func TestANonexistentPlanIsLoggedAsRefused(t *testing.T) {
	f := newFixture(t, Config{})
	jo := f.open(t, "jo", "nosuch")
	jo.waitFor(`no plan "nosuch" that you may see (plans: cccs)`, 10*time.Second)
	jo.closed(10 * time.Second)
	log := f.log.String()
	if !strings.Contains(log, `"msg":"session refused","reason":"no such plan","user":"jo","addr":"127.0.0.1","plan":"nosuch"`) {
		t.Errorf("the refusal is not logged with its reason:\n%s", log)
	}
	if strings.Contains(log, `"msg":"login"`) || strings.Contains(log, `"msg":"logout"`) {
		t.Errorf("a refused session is logged as a login:\n%s", log)
	}
}
