package notify

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/backend"
	"rota/internal/change"
)

var ctx = context.Background()

// clock is a settable time for the backend to stamp versions with.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = at(s)
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// cumbria is the reference plan with an email for every rota person but
// Paul, who has none.
func cumbria(t testing.TB) []byte {
	t.Helper()
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(text)
	for _, p := range []string{"Jo Atkinson", "Simon Higgins", "Tracy Boustead"} {
		addr := strings.ToLower(strings.ReplaceAll(p, " ", ".")) + "@example.gov.uk"
		s = strings.Replace(s, "name = \""+p+"\"\n", "name = \""+p+"\"\nemail = \""+addr+"\"\n", 1)
	}
	return []byte(s)
}

// scripted opens a database holding the Cumbria plan imported on 1
// September 2022, and returns a function that applies a change at a time.
func scripted(t testing.TB) (*backend.Session, func(when string, c change.Change) bool) {
	t.Helper()
	s, apply, _ := scriptedClock(t)
	return s, apply
}

// scriptedClock is scripted with the backend's clock, for outbox claims.
func scriptedClock(t testing.TB) (*backend.Session, func(when string, c change.Change) bool, *clock) {
	t.Helper()
	return scriptedPlan(t, cumbria(t))
}

// scriptedPlan is scriptedClock with the plan file text in place of the
// Cumbria plan's.
func scriptedPlan(t testing.TB, text []byte) (*backend.Session, func(when string, c change.Change) bool, *clock) {
	t.Helper()
	c := &clock{}
	c.set("2022-09-01T09:00:00Z")
	b, err := backend.Open(filepath.Join(t.TempDir(), "rota.db"), backend.WithClock(c.now))
	if err != nil {
		t.Fatal(err)
	}
	s := b.As(backend.Local("ann"))
	t.Cleanup(func() { s.Close() })
	if _, err := s.Import(ctx, "cccs", "cccs.toml", text, "ann", ""); err != nil {
		t.Fatal(err)
	}
	apply := func(when string, ch change.Change) bool {
		t.Helper()
		c.set(when)
		snap, err := s.Load(ctx, backend.Ref{Plan: "cccs"}, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Apply(ctx, backend.Ref{Plan: "cccs"}, snap.Version, ch, "ann", "")
		var refused *change.RefusedError
		var unchanged *change.UnchangedError
		if errors.As(err, &refused) || errors.As(err, &unchanged) {
			return false
		}
		if err != nil {
			t.Fatal(err)
		}
		return true
	}
	return s, apply, c
}

func words(s string) change.Change {
	f := strings.Fields(s)
	c, err := change.Parse(f, "")
	if err != nil {
		panic(err)
	}
	return c
}

func byPerson(msgs []Message) map[string][]Message {
	out := map[string][]Message{}
	for _, m := range msgs {
		out[m.Person] = append(out[m.Person], m)
	}
	return out
}

func due(t *testing.T, s *backend.Session, now string) []Message {
	t.Helper()
	msgs, err := Due(ctx, s, "cccs", at(now), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

func TestReminderBeforeSPOCMonth(t *testing.T) {
	s, _ := scripted(t)
	// October 2022 starts on Monday 3rd; five working days before is Monday 26 September.
	if msgs := due(t, s, "2022-09-23T12:00:00Z"); len(filter(msgs, KindReminder)) != 0 {
		t.Fatalf("reminders due on 23 September: %v", keys(msgs))
	}
	msgs := filter(due(t, s, "2022-09-26T08:00:00Z"), KindReminder)
	if len(msgs) != 2 {
		t.Fatalf("want the reminders to October's SPOC and buddy, got %v", keys(msgs))
	}
	for _, m := range msgs {
		if !strings.Contains(m.Key, "/2022-10") || !strings.Contains(m.Text, "Handover of Oct 2022") || len(m.ICS) == 0 {
			t.Errorf("reminder %s lacks the month, the handover sheet or the calendar:\n%s", m.Key, m.Text)
		}
	}
	if again := filter(due(t, s, "2022-09-30T08:00:00Z"), KindReminder); strings.Join(keys(again), " ") != strings.Join(keys(msgs), " ") {
		t.Errorf("a later day before the month gives other keys: %v, then %v", keys(msgs), keys(again))
	}
	if late := filter(due(t, s, "2022-10-03T08:00:00Z"), KindReminder); len(late) != 0 && strings.Contains(late[0].Key, "2022-10") {
		t.Errorf("October's reminder still due once October started: %v", keys(late))
	}
}

func TestDigestFromFriday(t *testing.T) {
	s, _ := scripted(t)
	if msgs := filter(due(t, s, "2022-09-22T12:00:00Z"), KindDigest); len(msgs) != 0 {
		t.Fatalf("digests due on a Thursday: %v", keys(msgs))
	}
	fri := filter(due(t, s, "2022-09-23T12:00:00Z"), KindDigest)
	sun := filter(due(t, s, "2022-09-25T12:00:00Z"), KindDigest)
	if len(fri) == 0 || strings.Join(keys(fri), " ") != strings.Join(keys(sun), " ") {
		t.Fatalf("Friday's digests %v, Sunday's %v: want the same, for the week from 26 September", keys(fri), keys(sun))
	}
	for _, m := range fri {
		if !strings.HasSuffix(m.Key, "/2022-09-26") || !strings.Contains(m.Text, "Mon 26 Sep 2022") {
			t.Errorf("digest %s is not for the week from 26 September:\n%s", m.Key, m.Text)
		}
		for _, l := range strings.Split(m.Text, "\n") {
			if strings.HasPrefix(l, "  ") && strings.Contains(l, " 2022 ") && !weekLine.MatchString(l) && !strings.Contains(l, "Sep 2022 to") {
				t.Errorf("digest %s has a line outside the week: %q", m.Key, l)
			}
		}
	}
}

var weekLine = regexp.MustCompile(`(26|27|28|29|30) Sep 2022|( [12] Oct 2022)`)

func TestChangesCoalesceOnceSettled(t *testing.T) {
	s, apply := scripted(t)
	apply("2022-09-05T10:00:00Z", words("absent tracy 2022-10-10 2022-10-14"))
	apply("2022-09-05T10:05:00Z", words("present 2022-09-20 simon"))
	if got := filter(due(t, s, "2022-09-05T10:10:00Z"), KindChanged); len(got) != 0 {
		t.Fatalf("changes told before they settled: %v", keys(got))
	}
	got := byPerson(filter(due(t, s, "2022-09-05T10:30:00Z"), KindChanged))
	tr := got["tracy"]
	if len(tr) != 1 || !strings.HasSuffix(tr[0].Key, "/tracy/v2-v3") {
		t.Fatalf("Tracy: want one message for versions 2 and 3, got %v", keys(tr))
	}
	if !strings.Contains(tr[0].Text, "version 2 by ann") || !strings.Contains(tr[0].Text, "version 3 by ann") || tr[0].To != "tracy.boustead@example.gov.uk" {
		t.Errorf("Tracy's message does not say which versions, by whom, or is not to her:\n%s", tr[0].Text)
	}
	if sm := got["simon"]; len(sm) != 1 || !strings.Contains(sm[0].Text, "Tue 20 Sep 2022  In county: Simon Higgins") {
		t.Errorf("Simon is not told he is now present on 20 September: %v", sm)
	}
	for id := range got {
		if id != "tracy" && id != "simon" && id != "jo" && id != "paul" && id != "pam" && id != "catherine" {
			t.Errorf("%s told of changes that are not theirs", id)
		}
	}
	// A change a week later is its own message.
	apply("2022-09-12T14:00:00Z", words("present 2022-09-27 tracy"))
	later := byPerson(filter(due(t, s, "2022-09-12T15:00:00Z"), KindChanged))
	if tr := later["tracy"]; len(tr) != 1 || !strings.HasSuffix(tr[0].Key, "/tracy/v4-v4") {
		t.Errorf("Tracy after the third change: %v", keys(later["tracy"]))
	}
}

func TestPersonWithoutEmailHasNoAddress(t *testing.T) {
	s, _ := scripted(t)
	withEmail := map[string]bool{"jo": true, "simon": true, "tracy": true} // as cumbria gives them
	for _, m := range due(t, s, "2022-09-26T08:00:00Z") {
		if withEmail[m.Person] == (m.To == "") {
			t.Errorf("%s: To = %q", m.Key, m.To)
		}
	}
}

// No message, subject or attachment carries an absence's reason, whatever
// it is and whoever's absence it is.
func TestNoReasonInAnyMessage(t *testing.T) {
	s, apply := scripted(t)
	var reasons []string
	// Each draw checks the attachments as they are before their events are
	// numbered (number only sets SEQUENCE): numbering walks the history,
	// which grows with every draw. The last check is of Due's own.
	check := func(t interface{ Fatalf(string, ...any) }, now time.Time, numbered bool) {
		msgs, _, err := collect(ctx, s, "cccs", now, Settings{})
		if numbered {
			msgs, err = Due(ctx, s, "cccs", now, Settings{})
		}
		if err != nil {
			t.Fatalf("%v", err)
		}
		for i, m := range msgs {
			if !numbered && m.calendar != nil {
				msgs[i].ICS = m.calendar(nil)
			}
		}
		for _, m := range msgs {
			for _, r := range reasons {
				if strings.Contains(m.Text+m.Subject+string(m.ICS), r) {
					t.Fatalf("%s carries the reason %q", m.Key, r)
				}
			}
		}
	}
	n := 0
	rapid.Check(t, func(rt *rapid.T) {
		reason := "R" + rapid.StringMatching(`[a-z]{6,12}`).Draw(rt, "reason")
		who := rapid.SampledFrom([]string{"jo", "paul", "simon", "tracy", "pam"}).Draw(rt, "who")
		from := rapid.IntRange(3, 27).Draw(rt, "from")
		c, err := change.Parse([]string{"absent", who, "2022-10-" + two(from), "2022-10-" + two(from+3)}, reason)
		if err != nil {
			rt.Fatal(err)
		}
		n++
		when := at("2022-09-05T10:00:00Z").Add(time.Duration(n) * time.Minute) // one run of changes, so each call compares two versions
		if !apply(when.Format(time.RFC3339), c) {
			return // already recorded: nothing new to tell
		}
		reasons = append(reasons, reason[1:])
		check(rt, when.Add(DefaultWindow), false)
	})
	// Reminders and digests, with every absence recorded above.
	// The digests (everyone's) as drawn; the reminders as Due numbers them.
	check(t, at("2022-09-23T12:00:00Z"), false)
	check(t, at("2022-09-26T12:00:00Z"), true)
}

func two(n int) string {
	if n < 10 {
		return "0" + string(rune('0'+n))
	}
	return string(rune('0'+n/10)) + string(rune('0'+n%10))
}

func filter(msgs []Message, kind string) []Message {
	var out []Message
	for _, m := range msgs {
		if m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

func keys(msgs []Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Key
	}
	return out
}
