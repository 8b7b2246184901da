package notify

import (
	"strings"
	"testing"

	"rota/internal/backend"
)

func dueWith(t *testing.T, s *backend.Session, now string, set Settings) []Message {
	t.Helper()
	msgs, err := Due(ctx, s, "cccs", at(now), set)
	if err != nil {
		t.Fatal(err)
	}
	return msgs
}

// The reminder's lead time is its own setting, counted in the plan's
// working days before the month's first working day (October 2022 starts
// on Monday 3rd), and the plan's handover_notice does not move it.
func TestRemindDays(t *testing.T) {
	s, _ := scripted(t)
	for _, c := range []struct {
		days          int
		before, first string // the last day without reminders, the first with
	}{
		{0, "2022-09-25", "2022-09-26"}, // the default: five working days
		{2, "2022-09-28", "2022-09-29"},
		{7, "2022-09-21", "2022-09-22"},
	} {
		set := Settings{RemindDays: c.days}
		if got := filter(dueWith(t, s, c.before+"T23:00:00Z", set), KindReminder); len(got) != 0 {
			t.Errorf("%d days: reminders due on %s: %v", c.days, c.before, keys(got))
		}
		if got := filter(dueWith(t, s, c.first+"T08:00:00Z", set), KindReminder); len(got) != 2 {
			t.Errorf("%d days: on %s want October's two reminders, got %v", c.days, c.first, keys(got))
		}
	}

	// A plan whose handover_notice is 10 working days: the reminder still
	// goes 5 working days before.
	text := strings.Replace(string(cumbria(t)), "holidays = ", "handover_notice = 10\nholidays = ", 1)
	if _, err := s.Import(ctx, "long", "long.toml", []byte(text), "ann", ""); err != nil {
		t.Fatal(err)
	}
	msgs, err := Due(ctx, s, "long", at("2022-09-23T12:00:00Z"), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if got := filter(msgs, KindReminder); len(got) != 0 {
		t.Errorf("handover_notice moved the reminder to 23 September: %v", keys(got))
	}
}

// The weekly digest goes to each person of the plan: what they have in the
// week, or, with nothing, a short message saying so and no calendar; with
// QuietDigest only to those with something.
func TestDigestToEachPerson(t *testing.T) {
	s, _ := scripted(t)
	snap, err := s.Load(ctx, backend.Ref{Plan: "cccs"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	everyone := snap.Result.Frame.Plan.PersonIDs()
	all := byPerson(filter(dueWith(t, s, "2022-09-23T12:00:00Z", Settings{}), KindDigest))
	quiet := byPerson(filter(dueWith(t, s, "2022-09-23T12:00:00Z", Settings{QuietDigest: true}), KindDigest))
	empty := 0
	for _, id := range everyone {
		d := all[id]
		if len(d) != 1 {
			t.Errorf("%s: %d digests, want one", id, len(d))
			continue
		}
		nothing := strings.Contains(d[0].Text, "nothing on the rota for you in the week from Mon 26 Sep 2022")
		if nothing != (len(d[0].ICS) == 0) {
			t.Errorf("%s: a digest says nothing (%v) but has a calendar of %d bytes:\n%s", id, nothing, len(d[0].ICS), d[0].Text)
		}
		if nothing {
			empty++
			if strings.Contains(d[0].Text, "attached calendar") {
				t.Errorf("%s: the digest of nothing speaks of an attachment:\n%s", id, d[0].Text)
			}
		}
		if q := len(quiet[id]); q != map[bool]int{true: 0, false: 1}[nothing] {
			t.Errorf("%s: %d quiet digests, nothing in the week: %v", id, q, nothing)
		}
	}
	if empty == 0 || empty == len(everyone) {
		t.Fatalf("%d of %d people have nothing in the week: the test needs both kinds", empty, len(everyone))
	}
}

// Changes made within the settling window after the plan was saved are
// told against the saved plan, not lost with the import's run; the import
// itself is told to nobody.
func TestChangesRightAfterImportAreTold(t *testing.T) {
	s, apply := scripted(t) // imported at 2022-09-01T09:00:00Z
	if got := filter(due(t, s, "2022-09-01T10:00:00Z"), KindChanged); len(got) != 0 {
		t.Fatalf("the import told as a change: %v", keys(got))
	}
	apply("2022-09-01T09:05:00Z", words("present 2022-09-20 simon"))
	got := byPerson(filter(due(t, s, "2022-09-01T10:00:00Z"), KindChanged))
	if sm := got["simon"]; len(sm) != 1 || !strings.HasSuffix(sm[0].Key, "/simon/v2-v2") || !strings.Contains(sm[0].Text, "version 2 by ann") || strings.Contains(sm[0].Text, "version 1 ") {
		t.Fatalf("Simon, present on 20 September 5 minutes after the import: %v", sm)
	}
}

// The plan's first month is reminded too: the bundled plan starts on
// Friday 1 July 2022, so five working days before it (Monday to Friday,
// the plan having none of its own yet) is Friday 24 June.
func TestFirstMonthIsReminded(t *testing.T) {
	s, _ := scripted(t)
	if _, err := s.Import(ctx, "fresh", "fresh.toml", cumbria(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	due := func(now string) []Message {
		msgs, err := Due(ctx, s, "fresh", at(now), Settings{})
		if err != nil {
			t.Fatal(err)
		}
		return filter(msgs, KindReminder)
	}
	if got := due("2022-06-23T23:00:00Z"); len(got) != 0 {
		t.Errorf("reminders due on 23 June: %v", keys(got))
	}
	got := due("2022-06-24T08:00:00Z")
	if len(got) != 2 {
		t.Fatalf("on 24 June want July's two reminders, got %v", keys(got))
	}
	for _, m := range got {
		if !strings.Contains(m.Subject, "July 2022") && !strings.Contains(m.Subject, "Jul 2022") {
			t.Errorf("a reminder not of July: %q", m.Subject)
		}
	}
}
