package backend

import (
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/calendar"
)

func month(t testing.TB, s string) calendar.Month {
	t.Helper()
	m, err := calendar.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// The window around the current month, and where it slides at the plan's
// ends: the examples of FeedMonths' doc.
func TestFeedMonthsExamples(t *testing.T) {
	decade := [2]string{"2025-04", "2035-03"}
	cccs := [2]string{"2022-07", "2023-03"}
	for _, c := range []struct {
		name     string
		w        Window
		now      string
		plan     [2]string
		from, to string
		since    string // "" for always
	}{
		{"the middle: past and ahead of now", DefaultWindow, "2026-11", decade, "2025-11", "2028-11", "2026-11"},
		{"a person's year from now", Window{Past: 0, Ahead: 11}, "2026-11", decade, "2026-11", "2027-10", "2026-11"},
		{"now alone", Window{}, "2030-02", decade, "2030-02", "2030-02", "2030-02"},
		{"near the start it keeps its length", DefaultWindow, "2025-06", decade, "2025-04", "2028-04", ""},
		{"near the end it keeps its length", DefaultWindow, "2034-01", decade, "2032-03", "2035-03", "2033-03"},
		{"a finished plan: its last months", Window{Past: 0, Ahead: 11}, "2040-06", decade, "2034-04", "2035-03", "2034-04"},
		{"a plan not begun: its first months", Window{Past: 0, Ahead: 11}, "2020-01", decade, "2025-04", "2026-03", ""},
		{"a finished plan shorter than the window: all of it", DefaultWindow, "2026-11", cccs, "2022-07", "2023-03", ""},
		{"whole", Window{Whole: true}, "2026-11", decade, "2025-04", "2035-03", ""},
	} {
		first, last := month(t, c.plan[0]), month(t, c.plan[1])
		now := month(t, c.now)
		from, to := FeedMonths(c.w, now, first, last)
		if from != month(t, c.from) || to != month(t, c.to) {
			t.Errorf("%s: %s to %s, want %s to %s", c.name, from, to, c.from, c.to)
		}
		var since calendar.Month
		if c.since != "" {
			since = month(t, c.since)
		}
		if got := FeedMonthsSince(c.w, now, first, last); got != since {
			t.Errorf("%s: since %s, want %s", c.name, got, since)
		}
	}
}

// For any plan, window and month: the window lies within the plan; it is
// as long as promised, or the whole plan when that is shorter; it holds the
// current month when the plan does; and FeedMonthsSince names exactly the
// months that gave the same window.
func TestFeedMonthsProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		base := calendar.MonthOf(2000, time.January)
		first := base + calendar.Month(rapid.IntRange(0, 600).Draw(t, "first"))
		last := first + calendar.Month(rapid.IntRange(0, 240).Draw(t, "length"))
		w := Window{Past: rapid.IntRange(0, MaxWindowMonths).Draw(t, "past"), Ahead: rapid.IntRange(0, MaxWindowMonths).Draw(t, "ahead"), Whole: rapid.Float64().Draw(t, "whole") < 0.1}
		now := first + calendar.Month(rapid.IntRange(-300, 540).Draw(t, "now"))
		from, to := FeedMonths(w, now, first, last)
		if from < first || to > last || from > to {
			t.Fatalf("%s to %s is not within the plan %s to %s", from, to, first, last)
		}
		n, promised := int(last-first)+1, w.Past+w.Ahead+1
		switch got := int(to-from) + 1; {
		case w.Whole || promised >= n:
			if from != first || to != last {
				t.Fatalf("%s to %s, want the whole plan %s to %s", from, to, first, last)
			}
		case got != promised:
			t.Fatalf("%d months, want %d", got, promised)
		}
		if now >= first && now <= last && (now < from || now > to) {
			t.Fatalf("%s to %s does not hold %s, which the plan does", from, to, now)
		}
		since := FeedMonthsSince(w, now, first, last)
		if since > now {
			t.Fatalf("since %s, after now %s", since, now)
		}
		same := func(m calendar.Month) bool {
			f, l := FeedMonths(w, m, first, last)
			return f == from && l == to
		}
		start := since
		if since == 0 {
			start = now - 400 // further back than any window reaches
		} else if same(since - 1) {
			t.Fatalf("since %s, but %s gave the same window", since, since-1)
		}
		for m := start; m <= now; m++ {
			if !same(m) {
				t.Fatalf("since %s, but %s gave another window", since, m)
			}
		}
	})
}

// A window outside 0..MaxWindowMonths is refused, naming the flag and what
// would do; a new feed is refused it too.
func TestCheckWindow(t *testing.T) {
	for _, c := range []struct {
		w    Window
		want string
	}{
		{Window{Past: -1}, "--past -1: give a number of months from 0 to 120"},
		{Window{Past: 3, Ahead: 121}, "--ahead 121: give a number of months from 0 to 120"},
	} {
		if err := CheckWindow(c.w); err == nil || err.Error() != c.want {
			t.Errorf("%+v: %v, want %q", c.w, err, c.want)
		}
	}
	for _, w := range []Window{{}, {Past: 120, Ahead: 120}, {Whole: true, Past: -5}} {
		if err := CheckWindow(w); err != nil {
			t.Errorf("%+v: %v", w, err)
		}
	}
	f := newFeedIndexFixture(t)
	if _, _, err := f.admin.NewFeed(ctx, "cccs", "paul", Window{Past: 500}); err == nil || !strings.Contains(err.Error(), "--past 500") {
		t.Errorf("a new feed with --past 500: %v", err)
	}
}
