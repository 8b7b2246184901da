package notify

import (
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/backend"
	"rota/internal/calendar"
)

// A Monday run (a cron job that missed the weekend) sends the digest of the
// week that starts that Monday, with the keys of Friday's, so that the
// outbox sends it once; from Tuesday to Thursday none is due.
func TestDigestOnMondayIsThatWeeks(t *testing.T) {
	s, _ := scripted(t)
	fri := keys(filter(due(t, s, "2022-09-23T12:00:00Z"), KindDigest))
	mon := filter(due(t, s, "2022-09-26T08:00:00Z"), KindDigest)
	if len(mon) == 0 || strings.Join(keys(mon), " ") != strings.Join(fri, " ") {
		t.Fatalf("Monday 26 September's digests %v, want Friday's %v", keys(mon), fri)
	}
	for _, m := range mon {
		if !strings.Contains(m.Text, "week from Mon 26 Sep 2022") {
			t.Errorf("%s is not for the week from 26 September:\n%s", m.Key, m.Text)
		}
	}
	for _, day := range []string{"2022-09-27", "2022-09-28", "2022-09-29"} {
		if got := filter(due(t, s, day+"T12:00:00Z"), KindDigest); len(got) != 0 {
			t.Errorf("digests due on %s: %v", day, keys(got))
		}
	}
}

// Nothing is due for a plan that has ended (the bundled 2022/23 plan, 1 July
// 2022 to 31 March 2023, in November 2026), nor digests for a week outside
// its period; the weeks that overlap it at either end have theirs.
func TestNothingDueOutsideThePlan(t *testing.T) {
	s, _ := scripted(t)
	for _, now := range []string{"2026-11-27T12:00:00Z", "2026-11-30T08:00:00Z", "2023-03-31T12:00:00Z", "2023-04-03T08:00:00Z", "2022-06-17T12:00:00Z"} {
		if got := due(t, s, now); len(got) != 0 {
			t.Errorf("%s: due %v", now, keys(got))
		}
	}
	for now, week := range map[string]string{"2023-03-24T12:00:00Z": "2023-03-27", "2022-06-24T12:00:00Z": "2022-06-27"} {
		got := filter(due(t, s, now), KindDigest)
		if len(got) == 0 || !strings.HasSuffix(got[0].Key, "/"+week) {
			t.Errorf("%s: want the digests of the week from %s, got %v", now, week, keys(got))
		}
	}
}

// Whatever the day: digests are due exactly from Friday to Monday, for the
// week from the coming (or that) Monday, and only when that week overlaps
// the plan's period.
func TestDigestDaysProperty(t *testing.T) {
	s, _ := scripted(t)
	snap, err := s.Load(ctx, backend.Ref{Plan: "cccs"}, 0)
	if err != nil {
		t.Fatal(err)
	}
	p := Plan{Name: "cccs", Identity: snap.Identity, Version: snap.Version, Result: snap.Result}
	start, end := snap.Plan.Start, snap.Plan.End
	first := start.AddDays(-30)
	rapid.Check(t, func(rt *rapid.T) {
		today := first.AddDays(rapid.IntRange(0, int(end-first)+30).Draw(rt, "day"))
		msgs := Digests(p, today, Settings{}, today.Time())
		wd := today.Weekday()
		var monday calendar.Date
		switch wd {
		case time.Monday:
			monday = today
		case time.Friday, time.Saturday, time.Sunday:
			monday = today.AddDays(int(8-wd) % 7)
		}
		want := monday != 0 && monday <= end && monday.AddDays(6) >= start
		if want != (len(msgs) > 0) {
			rt.Fatalf("%s (%s): %d digests, want some: %v", today, wd, len(msgs), want)
		}
		for _, m := range msgs {
			if !strings.HasSuffix(m.Key, "/"+monday.String()) {
				rt.Fatalf("%s: digest %s, want the week from %s", today, m.Key, monday)
			}
		}
	})
}
