// Package notify works out which messages are due for a saved plan on a
// day: the reminder before a SPOC month, the weekly digest and "your plan
// changed". It only computes: recording, sending and retrying are the
// outbox's and the mailer's (cmd/rota notify). Every message is made from
// what the plan's calendar exports show a person (export.CalendarEvents
// with Options.Person), so its .ics attachment has the UIDs of the feeds
// and exports, and, like them, never an absence's reason.
package notify

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/export"
)

// Kinds of message; each is the first part of a message's Key.
const (
	KindReminder = "reminder" // before a SPOC or buddy month
	KindDigest   = "digest"   // the week ahead
	KindChanged  = "changed"  // the plan changed what a person does
)

// Message is one email due to one person. Key is the same whenever the same
// message is due again, however often it is computed: the outbox dedupes
// on it and the Message-ID is made of it.
type Message struct {
	Key     string // kind/plan identity/person/what, e.g. "reminder/ab12/jo/2022-10"
	Kind    string
	Person  string // the person's id
	Name    string // the person's name, as the plan gives it
	To      string // the person's email; "" when the plan has none (skipped)
	Subject string
	Text    string // the plain-text body
	ICS     []byte // the .ics attachment: what the message announces (Due fills it)

	// calendar writes ICS with each event's SEQUENCE given by seq; nil for
	// a message without one. Due numbers the events over the plan's
	// history up to version seqAt, as the calendar feeds do, so that an
	// attachment imported after an older one updates its events.
	calendar func(seq func(key string) int) []byte
	seqAt    int
}

// Settings tunes when messages are due. The zero value is the defaults.
type Settings struct {
	// DigestDay is the day the digest for the next week (Monday to Sunday)
	// goes out; a run on a later day up to that week's Monday still sends
	// it. Monday means the week's own Monday. Zero (Sunday) means Friday:
	// nobody wants a digest on a Sunday.
	DigestDay time.Weekday
	// Window is how long a person's changes settle before one message tells
	// of all of them; zero means DefaultWindow.
	Window time.Duration
	// RemindDays is how many working days (the plan's calendar) before a
	// SPOC month its reminder is due; zero means DefaultRemindDays. It is
	// the notifier's own, apart from the plan's handover_notice (when an
	// unacknowledged handover is flagged), as issue 14 sets its default.
	RemindDays int
	// QuietDigest leaves out the digest of a person with nothing in the
	// week; by default they get a short one saying so, so that everyone
	// on the plan hears from it each week and a silence means a fault.
	QuietDigest bool
}

// DefaultRemindDays is the reminder's lead time, in working days.
const DefaultRemindDays = 5

// MaxRemindDays bounds RemindDays: a quarter of working days ahead is
// already more than anyone plans a handover.
const MaxRemindDays = 60

func (s Settings) remindDays() int {
	if s.RemindDays <= 0 {
		return DefaultRemindDays
	}
	return s.RemindDays
}

// DefaultWindow is how long changes are coalesced: a PA editing a plan makes
// several changes in a few minutes, and a person wants one message.
const DefaultWindow = 15 * time.Minute

func (s Settings) digestDay() time.Weekday {
	if s.DigestDay == time.Sunday {
		return time.Friday
	}
	return s.DigestDay
}

func (s Settings) window() time.Duration {
	if s.Window <= 0 {
		return DefaultWindow
	}
	return s.Window
}

// Plan is a saved plan at its latest version, as the messages describe it.
type Plan struct {
	Name     string // the saved plan's name
	Identity string // its identity (store), which UIDs and keys are made of
	Version  int
	Result   *coverage.Result
}

// share returns the events of person's share of r that end on or after
// from, as their calendar export has them (with the gaps they could fill).
func share(p Plan, r *coverage.Result, person string, from, to calendar.Date) []export.Event {
	evs, err := export.CalendarEvents(r, export.Options{Person: person, Gaps: true, Identity: p.Identity})
	if err != nil {
		return nil // person is not in this version of the plan
	}
	var out []export.Event
	for _, e := range evs {
		if e.To >= from && e.From <= to {
			out = append(out, e)
		}
	}
	return out
}

// calendarOptions are the options of a person's attachment, which
// SEQUENCE is numbered with: those of their calendar export, with the gaps
// they could fill.
func calendarOptions(p Plan, person string) export.Options {
	return export.Options{Person: person, Gaps: true, Identity: p.Identity}
}

// attachment writes the .ics of person's events in from..to.
func attachment(p Plan, person string, from, to calendar.Date, stamp time.Time) func(func(string) int) []byte {
	return func(seq func(string) int) []byte {
		opt := calendarOptions(p, person)
		opt.Stamp, opt.Sequence = stamp, seq
		opt.Keep = func(e export.Event) bool { return e.To >= from && e.From <= to }
		var b bytes.Buffer
		if err := export.Write(&b, export.ICS, p.Result, opt); err != nil {
			return nil
		}
		return b.Bytes()
	}
}

// eventLines lists events one a line, in date order, for a message body.
func eventLines(evs []export.Event) []string {
	evs = append([]export.Event(nil), evs...)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].From < evs[j].From })
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = "  " + span(e.From, e.To) + "  " + e.Summary
	}
	return out
}

func span(from, to calendar.Date) string {
	if from == to {
		return from.Short()
	}
	return from.Short() + " to " + to.Short()
}

func key(kind, identity, person, what string) string {
	return strings.Join([]string{kind, identity, person, what}, "/")
}

// footer ends a message; ics says whether it has a calendar attached.
func footer(p Plan, ics bool) string {
	s := fmt.Sprintf("\n--\nFrom rota, plan %q version %d.", p.Name, p.Version)
	if ics {
		s += " The attached calendar file updates the entries of your rota calendar."
	}
	return s + "\n"
}
