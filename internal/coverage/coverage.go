// Package coverage works out what a rota means day by day: who acts as SPOC,
// who holds each duty, which events have somebody, and so the gaps and the
// warnings (sections 3, 5 and 6 of configs/plan-format.md). It takes an assignment as
// given, computed or saved, and never changes it.
package coverage

import (
	"math/bits"
	"slices"
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

// Gap is a date on which something has nobody.
type Gap struct {
	Date calendar.Date `json:"date"`
	Kind string        `json:"kind"`
	ID   string        `json:"id"` // duty or event id; "" for spoc and presence
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
	// Unconfirmed lists the days a duty falls to cover that has not been
	// accepted, by date then duty id (configs/plan-format.md section 5).
	Unconfirmed []UnconfirmedCover

	unconfSet  [][]uint64 // by duty index: bit i set when Unconfirmed holds Start+i
	dutyGapSet [][]uint64 // by duty index: bit i set when nobody holds it on Start+i
	dayStart   []int32    // Gaps[dayStart[i]:dayStart[i+1]] are the gaps of Start+i
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
		Frame:  f,
		Assign: a,
		Acting: make([]string, len(f.Days)),
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
	total := r.dutySets()
	events := r.events()
	r.Gaps = slices.Grow(r.Gaps, total+len(events))
	r.appendDutyGaps()
	r.Gaps = append(r.Gaps, events...)
	r.sortGaps()
	r.unconfirmed()
	r.Warnings = warnings(r)
	return r
}

// duties finds the working days on which every person of a duty's chain is
// away, by intersecting their absences as bit sets rather than asking day by
// day. The sets are counted first so the gap list is allocated once: large
// plans have hundreds of thousands of gaps.
func (r *Result) dutySets() (total int) {
	f := r.Frame
	working := r.workingSet()
	duties := f.Plan.Duties
	r.dutyGapSet = make([][]uint64, len(duties))
	for i, du := range duties {
		var gap []uint64
		for _, id := range du.Chain() {
			away := f.AwaySet(id)
			if away == nil {
				gap = nil
				break
			}
			if gap == nil {
				gap = make([]uint64, len(away))
				for w := range gap {
					gap[w] = away[w] & working[w]
				}
			} else {
				for w := range gap {
					gap[w] &= away[w]
				}
			}
		}
		n := 0
		for _, w := range gap {
			n += bits.OnesCount64(w)
		}
		if n > 0 {
			r.dutyGapSet[i] = gap
			total += n
		}
	}
	return total
}

// appendDutyGaps appends the duty gaps, duty by duty in id order.
func (r *Result) appendDutyGaps() {
	f := r.Frame
	duties := f.Plan.Duties
	for _, i := range sortedIndex(len(duties), func(i int) string { return duties[i].ID }) {
		id := duties[i].ID
		for w, word := range r.dutyGapSet[i] {
			for ; word != 0; word &= word - 1 {
				d := f.Plan.Start + calendar.Date(w*64+bits.TrailingZeros64(word))
				r.Gaps = append(r.Gaps, Gap{Date: d, Kind: KindDuty, ID: id})
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

// events returns the event gaps, event by event in id order.
func (r *Result) events() []Gap {
	var gaps []Gap
	events := r.Frame.Plan.Events
	for _, i := range sortedIndex(len(events), func(i int) string { return events[i].ID }) {
		e := events[i]
		for _, d := range r.EventDates(e) {
			if r.EventHolder(e, d) == "" {
				gaps = append(gaps, Gap{Date: d, Kind: KindEvent, ID: e.ID})
			}
		}
	}
	return gaps
}

// sortGaps orders the gaps by date with a stable counting sort. They were
// appended kind by kind and id by id, so within a date they are already in
// the spec's order; plans with many gaps make a comparison sort the slowest
// step otherwise.
func (r *Result) sortGaps() {
	p := r.Frame.Plan
	n := int(p.End-p.Start) + 1
	r.dayStart = make([]int32, n+1)
	for _, g := range r.Gaps {
		r.dayStart[int(g.Date-p.Start)+1]++
	}
	for i := 1; i <= n; i++ {
		r.dayStart[i] += r.dayStart[i-1]
	}
	sorted := make([]Gap, len(r.Gaps))
	next := append([]int32(nil), r.dayStart[:n]...)
	for _, g := range r.Gaps {
		i := int(g.Date - p.Start)
		sorted[next[i]] = g
		next[i]++
	}
	r.Gaps = sorted
}

// sortedIndex returns 0..n-1 ordered by id, leaving the plan's order alone.
func sortedIndex(n int, id func(int) string) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	sort.SliceStable(out, func(a, b int) bool { return id(out[a]) < id(out[b]) })
	return out
}

// EventDates returns the dates of an event: its explicit dates and the
// working days of its weekly weekday, in order, each once.
func (r *Result) EventDates(e plan.Event) []calendar.Date {
	explicit := slices.Clone(e.Dates)
	slices.Sort(explicit)
	explicit = slices.Compact(explicit)
	if e.Weekly == nil {
		return explicit
	}
	out := make([]calendar.Date, 0, len(explicit)+len(r.Frame.Days)/5+1)
	i := 0
	for _, d := range r.Frame.Days {
		if d.Weekday() != *e.Weekly {
			continue
		}
		for i < len(explicit) && explicit[i] < d {
			out = append(out, explicit[i])
			i++
		}
		if i < len(explicit) && explicit[i] == d {
			i++
		}
		out = append(out, d)
	}
	return append(out, explicit[i:]...)
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

// Holder returns who holds the duty on d: the owner when present, else the
// first available cover (on a duty that needs accepted cover, the first who
// has accepted for d, or, on a day of unconfirmed cover, the one it would
// fall to: see HolderStatus); "" for nobody or an unknown duty.
func (r *Result) Holder(dutyID string, d calendar.Date) string {
	who, _ := r.HolderStatus(dutyID, d)
	return who
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

// PresenceAway reports whether the person assigned presence on working day
// k is recorded away that day: a saved rota keeps them (plan-format.md
// section 9), and the day is a presence gap that nothing may show as their
// presence.
func (r *Result) PresenceAway(k int) bool {
	who := r.Assign.Presence[k]
	return who != "" && r.Frame.Absent(who, r.Frame.Days[k])
}

// DutyGaps returns the working days on which nobody holds the duty.
func (r *Result) DutyGaps(dutyID string) []calendar.Date {
	i, ok := r.Frame.DutyIndex(dutyID)
	if !ok {
		return nil
	}
	var out []calendar.Date
	for w, word := range r.dutyGapSet[i] {
		for ; word != 0; word &= word - 1 {
			out = append(out, r.Frame.Plan.Start+calendar.Date(w*64+bits.TrailingZeros64(word)))
		}
	}
	return out
}

// DutyGapCount counts the working days on which nobody holds the duty.
func (r *Result) DutyGapCount(dutyID string) int {
	i, ok := r.Frame.DutyIndex(dutyID)
	if !ok {
		return 0
	}
	n := 0
	for _, word := range r.dutyGapSet[i] {
		n += bits.OnesCount64(word)
	}
	return n
}

// GapsOn returns the gaps of date d, in the spec's order.
func (r *Result) GapsOn(d calendar.Date) []Gap {
	p := r.Frame.Plan
	if d < p.Start || d > p.End {
		return nil
	}
	i := int(d - p.Start)
	return r.Gaps[r.dayStart[i]:r.dayStart[i+1]]
}

// SPOCAway counts the working days of month i on which its SPOC is away:
// those the buddy acts, and those nobody does. A month's table names its
// SPOC; these say on how many of its days they are not the one acting.
func (r *Result) SPOCAway(i int) (buddyActs, nobody int) {
	f := r.Frame
	spoc := r.Assign.SPOC[i]
	for _, d := range f.MonthDays(i) {
		k, _ := f.DayIndex(d)
		switch r.Acting[k] {
		case spoc:
		case "":
			nobody++
		default:
			buddyActs++
		}
	}
	return buddyActs, nobody
}

// GapDays counts the dates of month i that have at least one gap.
func (r *Result) GapDays(i int) int {
	m := r.Frame.Months[i]
	n := 0
	for d := m.First(); d <= m.Last(); d++ {
		if len(r.GapsOn(d)) > 0 {
			n++
		}
	}
	return n
}

// Chain returns who could have filled a gap, in the order they are asked:
// the month's SPOC and buddy, the person assigned presence (or the whole
// presence order when nobody was), or a duty's owner and cover.
func (r *Result) Chain(g Gap) []string {
	f := r.Frame
	switch g.Kind {
	case KindSPOC:
		s, b := r.SPOC(g.Date)
		return []string{s, b}
	case KindPresence:
		if who := r.Presence(g.Date); who != "" {
			return []string{who}
		}
		return f.Plan.Presence.Order
	case KindDuty:
		if du, ok := f.Duty(g.ID); ok {
			return du.Chain()
		}
	case KindEvent:
		e, ok := r.event(g.ID)
		if !ok {
			return nil
		}
		if e.Needs == plan.NeedsSPOC {
			s, b := r.SPOC(g.Date)
			return []string{s, b}
		}
		if du, ok := f.Duty(e.Needs); ok {
			return du.Chain()
		}
	}
	return nil
}

// event returns the plan's event with the given id.
func (r *Result) event(id string) (plan.Event, bool) {
	for _, e := range r.Frame.Plan.Events {
		if e.ID == id {
			return e, true
		}
	}
	return plan.Event{}, false
}

// Why explains a gap for the person using the tool: who was needed and why
// each was away, with the reason recorded ("paul away (sick)").
func (r *Result) Why(g Gap) string { return r.WhyAway(g, true) }

// WhyAway explains a gap: who was needed, each "away", followed by the
// absence's recorded reason only when reasons is true. Reasons are personal
// data (sickness is health data, special category under UK GDPR Article 9),
// so everything published leaves them out unless asked.
func (r *Result) WhyAway(g Gap, reasons bool) string {
	f := r.Frame
	chain := r.Chain(g)
	parts := make([]string, 0, len(chain))
	for _, id := range chain {
		if id == "" {
			continue
		}
		reason := "away"
		if a, ok := f.Absence(id, g.Date); reasons && ok && a.Reason != "" {
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
		if du, ok := r.Frame.Duty(g.ID); ok {
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
