package backend

import (
	"context"
	"fmt"
	"time"

	"rota/internal/calendar"
	"rota/internal/store"
)

// Window is which months a feed shows (see store.Window and FeedMonths).
type Window = store.Window

// The window a feed has unless told otherwise: a year before the current
// month and two years after. A subscribed calendar mirrors its feed, so a
// month that leaves the window leaves the calendar too: a year keeps the
// recent history people look back on (who covered what last spring), and
// two years ahead is further than leave is booked. Calendar programs take
// such a feed well where a council decade's (3.5 MB for one person) is
// slow to load, or refused.
const (
	DefaultPast  = 12
	DefaultAhead = 24
	// MaxWindowMonths bounds Past and Ahead: ten years each way.
	MaxWindowMonths = 120
)

// DefaultWindow is the window of DefaultPast and DefaultAhead.
var DefaultWindow = Window{Past: DefaultPast, Ahead: DefaultAhead}

// CheckWindow reports whether w may be a feed's window: Past and Ahead
// from 0 to MaxWindowMonths, unless Whole. The message names the flags of
// rota feed new.
func CheckWindow(w Window) error {
	if w.Whole {
		return nil
	}
	for _, x := range []struct {
		flag string
		n    int
	}{{"--past", w.Past}, {"--ahead", w.Ahead}} {
		if x.n < 0 || x.n > MaxWindowMonths {
			return fmt.Errorf("%s %d: give a number of months from 0 to %d", x.flag, x.n, MaxWindowMonths)
		}
	}
	return nil
}

// FeedMonths returns the months, from and to inclusive, that a feed with
// window w shows of a plan whose months run first..last, when the current
// month is now. The window is w.Past+w.Ahead+1 months long, from w.Past
// months before now to w.Ahead after, and always within the plan: near
// the plan's ends it slides to keep its length, so a plan that lies wholly
// before the window (a finished plan) shows its last w.Past+w.Ahead+1
// months, and one wholly after it (not begun) its first ones. A plan no
// longer than the window, and a Whole window, show the whole plan. When
// now is in the plan, the window holds it.
func FeedMonths(w Window, now, first, last calendar.Month) (from, to calendar.Month) {
	n := last - first + 1
	length := calendar.Month(w.Past + w.Ahead + 1)
	if w.Whole || length >= n {
		return first, last
	}
	from = min(max(now-calendar.Month(w.Past), first), last-length+1)
	return from, from + length - 1
}

// FeedMonthsSince returns the first month in which FeedMonths, asked as it
// is for now, has answered as for now ever since; 0 when it answers so for
// every earlier month too (the whole plan, or a plan not begun). A feed's
// calendar changes then even if its plan does not (its Last-Modified).
func FeedMonthsSince(w Window, now, first, last calendar.Month) calendar.Month {
	from, _ := FeedMonths(w, now, first, last)
	switch {
	case w.Whole || from == first:
		return 0
	case from == now-calendar.Month(w.Past):
		return now
	default:
		// Held at the plan's last months since now-Past reached them.
		return from + calendar.Month(w.Past)
	}
}

// PlanMonths returns the first and last months of plan's latest version,
// for placing its feeds' windows (FeedMonths).
func (s *Session) PlanMonths(ctx context.Context, plan string) (first, last calendar.Month, err error) {
	snap, err := s.Load(ctx, Ref{Plan: plan}, 0)
	if err != nil {
		return 0, 0, err
	}
	return snap.Plan.Start.Month(), snap.Plan.End.Month(), nil
}

// MonthOf is the month t falls in, in t's time zone.
func MonthOf(t time.Time) calendar.Month { return calendar.MonthOf(t.Year(), t.Month()) }
