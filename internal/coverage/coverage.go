// Package coverage works out what a rota means day by day: who acts as SPOC,
// who holds each duty, which events have somebody, and so the gaps and the
// warnings (sections 3, 5 and 6 of plan-format.md). It takes an assignment as
// given, computed or saved, and never changes it.
package coverage

import (
	"math/bits"
	"sort"
	"strings"

	"rota/internal/calendar"
	"rota/internal/engine"
	"rota/internal/plan"
)

// Gap kinds, in the order gaps are sorted within a date.
const (
	KindSPOC     = "spoc"
	KindPresence = "presence"
	KindDuty     = "duty"
	KindEvent    = "event"
)

var kindRank = map[string]int{KindSPOC: 0, KindPresence: 1, KindDuty: 2, KindEvent: 3}

// Gap is a date on which something has nobody.
type Gap struct {
	Date calendar.Date `json:"date"`
	Kind string        `json:"kind"`
	ID   string        `json:"id"` // duty or event id; "" for spoc and presence
}

// Less orders gaps by date, then kind, then id, as the spec sorts them.
func (g Gap) Less(h Gap) bool {
	if g.Date != h.Date {
		return g.Date < h.Date
	}
	if g.Kind != h.Kind {
		return kindRank[g.Kind] < kindRank[h.Kind]
	}
	return g.ID < h.ID
}

// Severity of a warning.
const (
	Advice   = "advice"
	Warn     = "warning"
	Critical = "critical"
)

// Warning is advice about the plan's resilience, not a gap.
type Warning struct {
	Kind     string `json:"kind"`
	ID       string `json:"id"`
	Message  string `json:"message"`
	Severity string `json:"severity"`
}

// Result is a plan's rota evaluated day by day.
type Result struct {
	Frame    *engine.Frame
	Assign   engine.Assignment
	Acting   []string // per working day: the acting SPOC, "" for nobody
	Gaps     []Gap
	Warnings []Warning

	dutyGaps  map[string][]calendar.Date
	eventGaps map[string][]calendar.Date
	dayGaps   map[calendar.Date][]Gap
}

// Compute lays out p, assigns its rota and evaluates it: the whole pipeline
// for a plan file.
func Compute(p *plan.Plan) *Result {
	f := engine.NewFrame(p)
	return Evaluate(f, engine.Assign(f, engine.Fixed{}))
}

// Evaluate works out who acts and holds what under assignment a.
func Evaluate(f *engine.Frame, a engine.Assignment) *Result {
	r := &Result{
		Frame:     f,
		Assign:    a,
		Acting:    make([]string, len(f.Days)),
		dutyGaps:  map[string][]calendar.Date{},
		eventGaps: map[string][]calendar.Date{},
		dayGaps:   map[calendar.Date][]Gap{},
	}
	p := f.Plan
	for k, d := range f.Days {
		r.Acting[k] = r.ActingSPOC(d)
		if r.Acting[k] == "" {
			r.Gaps = append(r.Gaps, Gap{Date: d, Kind: KindSPOC})
		}
		if p.Presence.Enabled {
			who := a.Presence[k]
			if who == "" || f.Absent(who, d) {
				r.Gaps = append(r.Gaps, Gap{Date: d, Kind: KindPresence})
			}
		}
	}
	r.duties()
	r.events()
	sort.Slice(r.Gaps, func(i, j int) bool { return r.Gaps[i].Less(r.Gaps[j]) })
	for _, g := range r.Gaps {
		r.dayGaps[g.Date] = append(r.dayGaps[g.Date], g)
	}
	r.Warnings = warnings(r)
	return r
}

// duties finds the working days on which every person of a duty's chain is
// away, by intersecting their absences, rather than asking day by day.
func (r *Result) duties() {
	f := r.Frame
	working := r.workingSet()
	for _, du := range f.Plan.Duties {
		var gap []uint64
		for _, id := range du.Chain() {
			away := f.AwaySet(id)
			if away == nil {
				gap = nil
				break
			}
			if gap == nil {
				gap = append([]uint64(nil), away...)
				for i := range gap {
					gap[i] &= working[i]
				}
			} else {
				for i := range gap {
					gap[i] &= away[i]
				}
			}
		}
		for i, w := range gap {
			for ; w != 0; w &= w - 1 {
				d := f.Plan.Start + calendar.Date(i*64+bits.TrailingZeros64(w))
				r.dutyGaps[du.ID] = append(r.dutyGaps[du.ID], d)
				r.Gaps = append(r.Gaps, Gap{Date: d, Kind: KindDuty, ID: du.ID})
			}
		}
	}
}

func (r *Result) workingSet() []uint64 {
	f := r.Frame
	n := int(f.Plan.End-f.Plan.Start) + 1
	set := make([]uint64, (n+63)/64)
	for _, d := range f.Days {
		i := int(d - f.Plan.Start)
		set[i>>6] |= 1 << (uint(i) & 63)
	}
	return set
}

func (r *Result) events() {
	for _, e := range r.Frame.Plan.Events {
		for _, d := range r.EventDates(e) {
			if r.EventHolder(e, d) == "" {
				r.eventGaps[e.ID] = append(r.eventGaps[e.ID], d)
				r.Gaps = append(r.Gaps, Gap{Date: d, Kind: KindEvent, ID: e.ID})
			}
		}
	}
}

// EventDates returns the dates of an event: its explicit dates and the
// working days of its weekly weekday, in order, each once.
func (r *Result) EventDates(e plan.Event) []calendar.Date {
	seen := map[calendar.Date]bool{}
	var out []calendar.Date
	for _, d := range e.Dates {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	if e.Weekly != nil {
		for _, d := range r.Frame.Days {
			if d.Weekday() == *e.Weekly && !seen[d] {
				seen[d] = true
				out = append(out, d)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// EventHolder returns who attends event e on d: the acting SPOC or the
// duty's holder, "" for nobody.
func (r *Result) EventHolder(e plan.Event, d calendar.Date) string {
	if e.Needs == plan.NeedsSPOC {
		return r.ActingSPOC(d)
	}
	return r.Holder(e.Needs, d)
}

// SPOC returns the SPOC and buddy of the month that holds d.
func (r *Result) SPOC(d calendar.Date) (spoc, buddy string) {
	i, ok := r.Frame.MonthIndex(d.Month())
	if !ok {
		return "", ""
	}
	return r.Assign.SPOC[i], r.Assign.Buddy[i]
}

// ActingSPOC returns who acts as SPOC on d: the month's SPOC if available,
// else the buddy if available, else "".
func (r *Result) ActingSPOC(d calendar.Date) string {
	s, b := r.SPOC(d)
	if s == "" {
		return ""
	}
	return r.Frame.FirstAvailable([]string{s, b}, d)
}

// Holder returns who holds the duty on d: the first available person of its
// owner and cover, "" for nobody or an unknown duty.
func (r *Result) Holder(dutyID string, d calendar.Date) string {
	du, ok := r.Frame.Plan.Duty(dutyID)
	if !ok {
		return ""
	}
	return r.Frame.FirstAvailable(du.Chain(), d)
}

// Presence returns who is assigned presence on working day d ("" for nobody
// or a day that is not a working day).
func (r *Result) Presence(d calendar.Date) string {
	k, ok := r.Frame.DayIndex(d)
	if !ok {
		return ""
	}
	return r.Assign.Presence[k]
}

// DutyGaps returns the working days on which nobody holds the duty.
func (r *Result) DutyGaps(dutyID string) []calendar.Date { return r.dutyGaps[dutyID] }

// EventGaps returns the dates on which nobody can attend the event.
func (r *Result) EventGaps(eventID string) []calendar.Date { return r.eventGaps[eventID] }

// GapsOn returns the gaps of date d, in the spec's order.
func (r *Result) GapsOn(d calendar.Date) []Gap { return r.dayGaps[d] }

// GapDays counts the dates of month i that have at least one gap.
func (r *Result) GapDays(i int) int {
	m := r.Frame.Months[i]
	n := 0
	for d := m.First(); d <= m.Last(); d++ {
		if len(r.dayGaps[d]) > 0 {
			n++
		}
	}
	return n
}

// Why explains a gap for people: who was needed and why each was away.
func (r *Result) Why(g Gap) string {
	f := r.Frame
	var chain []string
	switch g.Kind {
	case KindSPOC:
		s, b := r.SPOC(g.Date)
		chain = []string{s, b}
	case KindPresence:
		if who := r.Presence(g.Date); who != "" {
			chain = []string{who}
		} else {
			chain = f.Plan.Presence.Order
		}
	case KindDuty:
		if du, ok := f.Plan.Duty(g.ID); ok {
			chain = du.Chain()
		}
	case KindEvent:
		for _, e := range f.Plan.Events {
			if e.ID != g.ID {
				continue
			}
			if e.Needs == plan.NeedsSPOC {
				s, b := r.SPOC(g.Date)
				chain = []string{s, b}
			} else if du, ok := f.Plan.Duty(e.Needs); ok {
				chain = du.Chain()
			}
		}
	}
	parts := make([]string, 0, len(chain))
	for _, id := range chain {
		if id == "" {
			continue
		}
		reason := "away"
		if a, ok := f.Absence(id, g.Date); ok && a.Reason != "" {
			reason = "away (" + a.Reason + ")"
		}
		parts = append(parts, id+" "+reason)
	}
	return strings.Join(parts, ", ")
}

// Title returns a gap's subject for people: "SPOC", "Presence", or the
// duty's or event's title.
func (r *Result) Title(g Gap) string {
	p := r.Frame.Plan
	switch g.Kind {
	case KindSPOC:
		return "SPOC"
	case KindPresence:
		return "Presence in county"
	case KindDuty:
		if du, ok := p.Duty(g.ID); ok {
			return du.Title
		}
	case KindEvent:
		for _, e := range p.Events {
			if e.ID == g.ID {
				return e.Title
			}
		}
	}
	return g.ID
}
