package serve

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"rota/internal/backend"
)

// A PA records paul's absence as "sick" in their planner. The reason shows
// in the PA's own session and in paul's, and never on the screen of a
// manager or of another AD: not in the notice of the change, nor on People
// or History (Actor.SeesReasonOf, applied by the backend).
func TestAbsenceReasonsReachOnlyThoseWhoMayReadThem(t *testing.T) {
	f := newFixture(t, Config{})
	tracy := newKey(t)
	f.keys["tracy"] = tracy
	pub := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(tracy.PublicKey())))
	if _, err := f.b.As(backend.Local("ann")).AddUser(ctx, backend.User{Name: "tracy", Role: "ad", Person: "tracy",
		Keys: []backend.Key{{Fingerprint: gossh.FingerprintSHA256(tracy.PublicKey()), Key: pub}}}); err != nil {
		t.Fatal(err)
	}
	sessions := map[string]*terminal{}
	for _, u := range []string{"jo", "paul", "bob", "tracy"} {
		sessions[u] = f.open(t, u, "cccs")
	}
	for u, term := range sessions {
		term.waitFor(u+" (", 10*time.Second)
	}
	jo := sessions["jo"]
	jo.keys("a")
	jo.waitFor("Person", 5*time.Second)
	jo.keys("paul\t\t\tsick\x13")
	jo.waitFor("v2", 5*time.Second)
	sessions["paul"].waitFor("version 2 by jo: absence: paul 2022-07-01 to 2022-07-31 (sick)", 5*time.Second)
	for _, u := range []string{"bob", "tracy"} {
		term := sessions[u]
		term.waitFor("version 2 by jo: absence: paul 2022-07-01 to 2022-07-31", 5*time.Second)
		term.keys("3\x1b[B") // People, on paul
		term.waitFor("Away (1)", 5*time.Second)
		term.keys("6") // History
		term.waitFor("absence: paul 2022-07-01 to 2022-07-31", 5*time.Second)
	}
	// Paul's People view and History say why he is away.
	paul := sessions["paul"]
	paul.keys("6")
	paul.waitFor("absence: paul 2022-07-01 to 2022-07-31 (sick)", 5*time.Second)
	for _, u := range []string{"bob", "tracy"} {
		if out := ansi.Strip(sessions[u].out.String()); strings.Contains(out, "sick") {
			t.Errorf("%s's screen shows the reason:\n%s", u, tail(out))
		}
	}
	// The server's log says what changed, never why someone is away,
	// whichever session saw the change first.
	if log := f.log.String(); !strings.Contains(log, `"change":"absence: paul 2022-07-01 to 2022-07-31"`) || strings.Contains(log, "sick") {
		t.Errorf("the log:\n%s", log)
	}
}
