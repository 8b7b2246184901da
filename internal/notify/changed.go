package notify

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/export"
)

// Change is one saved version: who made it, when, and what the log says it did.
type Change struct {
	Version int
	Author  string
	At      time.Time
	What    string
}

// Settled splits changes (oldest first, consecutive versions) into runs
// whose neighbours are at most window apart, and keeps the runs that have
// settled by now: whose last change is window old. A run still open is
// left for a later call, so that its changes go out as one message.
func Settled(changes []Change, now time.Time, s Settings) [][]Change {
	w := s.window()
	var out [][]Change
	start := 0
	for i := 1; i <= len(changes); i++ {
		if i < len(changes) && changes[i].At.Sub(changes[i-1].At) <= w {
			continue
		}
		run := changes[start:i]
		if now.Sub(run[len(run)-1].At) >= w {
			out = append(out, run)
		}
		start = i
	}
	return out
}

// Changed returns a message to each person whose share of the plan from
// today on differs between before (the version before run) and p (the
// version at run's end): SPOC and buddy months, presence days, acting days,
// duties held, events, and gaps they could fill. Nobody else is told.
func Changed(p Plan, before *coverage.Result, run []Change, today calendar.Date, stamp time.Time) []Message {
	far := calendar.Date(1 << 30)
	ids := p.Result.Frame.Plan.PersonIDs()
	for _, id := range before.Frame.Plan.PersonIDs() {
		if _, ok := p.Result.Frame.Plan.Person(id); !ok {
			ids = append(ids, id)
		}
	}
	first, last := run[0], run[len(run)-1]
	var out []Message
	for _, id := range ids {
		old := share(p, before, id, today, far)
		now := share(p, p.Result, id, today, far)
		added, gone := delta(old, now)
		if len(added) == 0 && len(gone) == 0 {
			continue
		}
		pl := p.Result.Frame.Plan
		if _, ok := pl.Person(id); !ok {
			pl = before.Frame.Plan
		}
		name := pl.PersonName(id)
		var b strings.Builder
		fmt.Fprintf(&b, "%s,\n\n%s changed what you do.\n", name, pl.Name)
		if len(added) > 0 {
			fmt.Fprintf(&b, "\nNow:\n%s\n", strings.Join(eventLines(added), "\n"))
		}
		if len(gone) > 0 {
			fmt.Fprintf(&b, "\nNo longer:\n%s\n", strings.Join(eventLines(gone), "\n"))
		}
		b.WriteString("\nThe changes:\n")
		for _, c := range run {
			fmt.Fprintf(&b, "  version %d by %s, %s: %s\n", c.Version, c.Author, c.At.UTC().Format("2 Jan 2006 15:04 UTC"), c.What)
		}
		b.WriteString(footer(p, true))
		out = append(out, Message{
			Key:      key(KindChanged, p.Identity, id, fmt.Sprintf("v%d-v%d", first.Version, last.Version)),
			Kind:     KindChanged,
			Person:   id,
			Name:     name,
			Subject:  fmt.Sprintf("%s: your plan changed (version %d)", pl.Name, last.Version),
			Text:     b.String(),
			calendar: changeICS(p, id, added, gone, stamp),
			seqAt:    p.Version,
		})
	}
	return out
}

// delta returns the events of now that old lacks or had otherwise, and the
// events of old whose key now lacks.
func delta(old, now []export.Event) (added, gone []export.Event) {
	was := map[string]export.Event{}
	for _, e := range old {
		was[e.Key] = e
	}
	is := map[string]bool{}
	for _, e := range now {
		is[e.Key] = true
		if o, ok := was[e.Key]; !ok || o != e {
			added = append(added, e)
		}
	}
	for _, e := range old {
		if !is[e.Key] {
			gone = append(gone, e)
		}
	}
	return added, gone
}

// changeICS updates what changed in the person's calendar: the new and
// changed entries, and the ones gone as cancelled (RFC 5546 section 3.2.5).
func changeICS(p Plan, person string, added, gone []export.Event, stamp time.Time) func(func(string) int) []byte {
	keep := map[string]bool{}
	for _, e := range added {
		keep[e.Key] = true
	}
	return func(seq func(string) int) []byte {
		opt := calendarOptions(p, person)
		opt.Stamp, opt.Sequence, opt.Since = stamp, seq, gone
		opt.Keep = func(e export.Event) bool { return keep[e.Key] }
		var b bytes.Buffer
		if err := export.Write(&b, export.ICS, p.Result, opt); err != nil {
			return nil
		}
		return b.Bytes()
	}
}
