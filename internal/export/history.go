package export

import (
	"maps"

	"rota/internal/coverage"
)

// Sequences numbers the revisions of a calendar's events over a plan's
// versions, so that every export of a version gives each event the same
// SEQUENCE and a calendar that imported an older export takes the newer
// one's events as updates (RFC 5545 section 3.8.7.4). Add the events of
// each version, oldest first; Of then gives, for each key, how many times
// its content changed after it first appeared, a disappearance (which a
// later export cancels) and a return counting as changes.
type Sequences struct {
	last map[string]string // key: content at the latest version added, "" once gone
	n    map[string]int
}

// NewSequences starts a walk over a plan's versions.
func NewSequences() *Sequences {
	return &Sequences{last: map[string]string{}, n: map[string]int{}}
}

// Add takes the events of the next version (CalendarEvents).
func (s *Sequences) Add(events []Event) {
	now := make(map[string]bool, len(events))
	for _, e := range events {
		c := e.content()
		now[e.Key] = true
		if prev, seen := s.last[e.Key]; seen && prev != c {
			s.n[e.Key]++
		}
		s.last[e.Key] = c
	}
	for k, c := range s.last {
		if c != "" && !now[k] {
			s.n[k]++
			s.last[k] = ""
		}
	}
}

// Clone returns a copy that later Adds to s leave as it is: the numbering
// as at a version, while the walk goes on to later ones.
func (s *Sequences) Clone() *Sequences {
	return &Sequences{last: maps.Clone(s.last), n: maps.Clone(s.n)}
}

// Of is an event's SEQUENCE after the versions added so far.
func (s *Sequences) Of(key string) int { return s.n[key] }

// Walk hands over a saved plan's versions 1..N in order, each as its rota
// (nil for one the export cannot be made of), to yield; it stops at
// yield's first error and returns it.
type Walk func(yield func(version int, r *coverage.Result) error) error

// History numbers a calendar's events over a saved plan's versions and,
// with since > 0, returns the events the export of version since had (with
// the same options), for a newer export to cancel those it no longer has
// (Options.Sequence and Options.Since). A version the options do not fit,
// such as one without the person exported, has no events.
func History(walk Walk, opt Options, since int) (*Sequences, []Event, error) {
	seq := NewSequences()
	var old []Event
	err := walk(func(n int, r *coverage.Result) error {
		var events []Event
		if r != nil {
			events, _ = CalendarEvents(r, opt)
		}
		seq.Add(events)
		if n == since {
			old = events
		}
		return nil
	})
	return seq, old, err
}
