package serve

import (
	"strings"
	"testing"
	"time"

	"rota/internal/backend"
)

// closed waits, at most within, until term's session has ended.
func (term *terminal) closed(within time.Duration) {
	term.t.Helper()
	select {
	case <-term.done:
	case <-time.After(within):
		term.t.Fatalf("after %v the session is still open; it shows:\n%s", within, tail(term.out.String()))
	}
}

// Removing a user ends their open session: they are told on their screen,
// the connection closes, and their key no longer logs in. Another user's
// session goes on.
func TestRemovedUserIsClosed(t *testing.T) {
	f := newFixture(t, Config{})
	paul := f.open(t, "paul", "cccs")
	jo := f.open(t, "jo", "cccs")
	paul.waitFor("paul (ad) on plan cccs", 10*time.Second)
	jo.waitFor("jo (pa) on plan cccs", 10*time.Second)
	if err := f.b.As(f.actor(t, "ann")).RemoveUser(ctx, "paul"); err != nil {
		t.Fatal(err)
	}
	paul.waitFor("rota: your access to rota was removed by an administrator", 10*time.Second)
	paul.closed(10 * time.Second)
	if _, err := f.dial("paul"); err == nil {
		t.Fatal("a removed user logged in again")
	}
	if !strings.Contains(f.log.String(), `"msg":"session ended","reason":"access removed","user":"paul"`) {
		t.Errorf("the end is not logged:\n%s", f.log)
	}
	// jo's planner still answers.
	jo.keys("2")
	jo.waitFor("[2 Month]", 5*time.Second)
	if n := f.srv.Sessions(); n != 1 {
		t.Errorf("%d sessions open, want jo's only", n)
	}
}

// rota user remove runs in another process on the same database: the
// server notices through the database itself.
func TestUserRemovedByAnotherProcessIsClosed(t *testing.T) {
	f := newFixture(t, Config{})
	jo := f.open(t, "jo", "cccs")
	jo.waitFor("jo (pa) on plan cccs", 10*time.Second)
	other, err := backend.Open(f.b.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.As(backend.Local("ann")).RemoveUser(ctx, "jo"); err != nil {
		t.Fatal(err)
	}
	jo.waitFor("your access to rota was removed", 10*time.Second)
	jo.closed(10 * time.Second)
	if _, err := f.dial("jo"); err == nil {
		t.Fatal("a removed user logged in again")
	}
}

// A user whose plans are narrowed has their session closed, to connect
// again with what they may now see.
func TestChangedAccessClosesTheSession(t *testing.T) {
	f := newFixture(t, Config{})
	bob := f.open(t, "bob", "cccs")
	bob.waitFor("bob (manager) on plan cccs", 10*time.Second)
	if _, err := f.b.As(f.actor(t, "ann")).AddUser(ctx, backend.User{Name: "bob", Role: "manager", Plans: []string{"other"}}); err != nil {
		t.Fatal(err)
	}
	bob.waitFor("your access to rota changed (role, person or plans)", 10*time.Second)
	bob.closed(10 * time.Second)
	again := f.open(t, "bob", "cccs")
	again.waitFor("there is no plan you may see yet", 10*time.Second)
}

// A connection made before its user was removed opens no new session:
// each session asks who its key logs in as now.
func TestNoNewSessionOnARemovedUsersConnection(t *testing.T) {
	f := newFixture(t, Config{})
	c, err := f.dial("paul")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := f.b.As(f.actor(t, "ann")).RemoveUser(ctx, "paul"); err != nil {
		t.Fatal(err)
	}
	s, err := c.NewSession()
	if err != nil {
		return // the server closed the connection already
	}
	out, _ := s.CombinedOutput("cccs")
	if !strings.Contains(string(out), "your access to rota was removed") {
		t.Fatalf("a session on a removed user's connection: %q", out)
	}
	if f.srv.Sessions() != 0 {
		t.Fatal("a planner started")
	}
}
