// Package plan holds a directorate's plan as written in a plan file: the period,
// the people, the SPOC and presence rotas, the duties, absences and events. It
// reads and validates plan files (see configs/plan-format.md) and nothing
// else: computing the rota is the engine's job.
package plan

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"rota/internal/calendar"
)

// Plan is a validated plan. Its slices are in file order, which matters: the
// default SPOC order is the rota persons in file order.
type Plan struct {
	// ID is the plan's identity as the PA pinned it ([plan] id), "" when
	// not written: see Identity.
	ID           string
	Name         string
	Organisation string
	Directorate  string
	Start, End   calendar.Date
	Holidays     string // a calendar.Regions() name
	HolidaysFile string // holidays_file as written, relative to the plan file; "" for none
	// ExtraHolidays are public holidays beyond the built-in list of
	// Holidays: the plan's [[holiday]] entries and those of HolidaysFile's
	// division for the plan's nation that the built-in list lacks. Sorted by
	// date, one a date.
	ExtraHolidays []calendar.Holiday
	Closures      []calendar.Date // extra non-working dates
	Workdays      []time.Weekday  // in the order written; never empty

	Persons  []Person
	SPOC     SPOC
	Presence Presence
	Duties   []Duty
	Absences []Absence
	Events   []Event

	// Acceptances are the [[acceptance]] entries: cover accepted by the
	// people covering (see NeedsAcceptance), in file order.
	Acceptances []Acceptance
	// Handovers are the [[handover]] entries: notes and acknowledgements
	// of each month's handover, in the order written.
	Handovers []Handover
	// Decisions are the [[decision]] entries: the register of decisions
	// taken under delegation, in the order recorded.
	Decisions []Decision
	// AcceptanceOff is [plan] cover_acceptance = false: cover holds every
	// duty without being accepted, as before acceptance existed.
	AcceptanceOff bool
	// HandoverNotice is [plan] handover_notice: from how many working days
	// before a month its handover shows as not acknowledged; 0 for the
	// default (see Notice).
	HandoverNotice int
}

// Notice returns handover_notice in working days, DefaultHandoverNotice
// when the plan leaves it out.
func (p *Plan) Notice() int {
	if p.HandoverNotice == 0 {
		return DefaultHandoverNotice
	}
	return p.HandoverNotice
}

// DefaultHandoverNotice is handover_notice's default, in working days.
const DefaultHandoverNotice = 5

// Person is someone the plan names: a rota member or someone who only holds duties.
type Person struct {
	ID    string
	Name  string
	Title string
	Rota  bool // takes part in the SPOC and presence rotas
	// Email is where rota notify sends this person's reminders, digests and
	// change messages: a bare address (RFC 5322 addr-spec), or "" for none.
	Email string `json:",omitempty"`
}

// SPOC configures the monthly single-point-of-contact rota.
type SPOC struct {
	Order        []string // person ids; the plain rotation
	Buddy        string   // BuddyNext or BuddyPrevious
	MostlyAbsent float64  // fraction of a month's working days
	Duties       []string // what the SPOC covers, shown to people
	OrderSet     bool     // Order was written in the file rather than defaulted
}

// Buddy rules for SPOC.Buddy.
const (
	BuddyNext     = "next"
	BuddyPrevious = "previous"
)

// Presence configures the daily physical-presence rota.
type Presence struct {
	Enabled  bool
	Order    []string
	OrderSet bool // Order was written in the file rather than defaulted
}

// Duty is a responsibility or legal delegation that someone must hold every
// working day.
type Duty struct {
	ID        string
	Title     string
	Area      string
	Owner     string
	Cover     []string // ordered fallbacks, never the owner
	Statutory bool     // a legal delegation: its gaps are critical
	// AcceptedCover is accepted_cover as written: cover holds the duty only
	// on days its person has accepted. Statutory duties need it whatever
	// this says (see Plan.NeedsAcceptance).
	AcceptedCover bool
}

// Chain returns the owner followed by the cover, the order in which the duty
// falls to people.
func (d Duty) Chain() []string {
	return append([]string{d.Owner}, d.Cover...)
}

// Absence is a span of days, inclusive, on which a person is away.
type Absence struct {
	Person   string
	From, To calendar.Date
	Reason   string
}

// Event is a meeting or occasion that needs the SPOC or a duty's holder.
type Event struct {
	ID     string
	Title  string
	Needs  string // "spoc" or a duty id
	Dates  []calendar.Date
	Weekly *time.Weekday // every working day on this weekday, when set
}

// NeedsSPOC is the Event.Needs value that asks for the acting SPOC.
const NeedsSPOC = "spoc"

// Person returns the person with the given id.
func (p *Plan) Person(id string) (Person, bool) {
	for _, x := range p.Persons {
		if x.ID == id {
			return x, true
		}
	}
	return Person{}, false
}

// Duty returns the duty with the given id.
func (p *Plan) Duty(id string) (Duty, bool) {
	for _, d := range p.Duties {
		if d.ID == id {
			return d, true
		}
	}
	return Duty{}, false
}

// PersonName returns the person's name, or the id itself when unknown, so
// views never show a blank.
func (p *Plan) PersonName(id string) string {
	if x, ok := p.Person(id); ok && x.Name != "" {
		return x.Name
	}
	return id
}

// RotaPersons returns the ids of the persons who take part in the rotas, in file order.
func (p *Plan) RotaPersons() []string {
	var out []string
	for _, x := range p.Persons {
		if x.Rota {
			out = append(out, x.ID)
		}
	}
	return out
}

// PersonIDs returns every person id in file order.
func (p *Plan) PersonIDs() []string {
	out := make([]string, len(p.Persons))
	for i, x := range p.Persons {
		out[i] = x.ID
	}
	return out
}

// Months returns every calendar month from Start's to End's.
func (p *Plan) Months() []calendar.Month {
	var out []calendar.Month
	for m := p.Start.Month(); m <= p.End.Month(); m++ {
		out = append(out, m)
	}
	return out
}

// Clone returns a deep copy, so an edit can be tried on it and thrown away.
// Empty and absent lists stay as they were, so a clone is DeepEqual to p.
func (p *Plan) Clone() *Plan {
	c := *p
	c.Closures = slices.Clone(p.Closures)
	c.Workdays = slices.Clone(p.Workdays)
	c.Persons = slices.Clone(p.Persons)
	c.SPOC.Order = slices.Clone(p.SPOC.Order)
	c.SPOC.Duties = slices.Clone(p.SPOC.Duties)
	c.Presence.Order = slices.Clone(p.Presence.Order)
	c.Duties = slices.Clone(p.Duties)
	for i := range c.Duties {
		c.Duties[i].Cover = slices.Clone(c.Duties[i].Cover)
	}
	c.ExtraHolidays = slices.Clone(p.ExtraHolidays)
	c.Absences = slices.Clone(p.Absences)
	c.Events = slices.Clone(p.Events)
	c.Acceptances = slices.Clone(p.Acceptances)
	c.Handovers = slices.Clone(p.Handovers)
	c.Decisions = slices.Clone(p.Decisions)
	for i := range c.Events {
		e := &c.Events[i]
		e.Dates = slices.Clone(e.Dates)
		if e.Weekly != nil {
			w := *e.Weekly
			e.Weekly = &w
		}
	}
	return &c
}

// Calendar returns the working-day calendar the plan describes.
func (p *Plan) Calendar() *calendar.Calendar {
	return calendar.New(p.Holidays, p.Closures, p.Workdays, p.ExtraHolidays)
}

// ParseAbsent reads the command line's what-if absence, ID:FROM:TO with
// dates written YYYY-MM-DD, checking the person against p.
func ParseAbsent(p *Plan, s string) (Absence, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 3 {
		return Absence{}, fmt.Errorf("--absent %q: write it ID:FROM:TO, e.g. paul:2022-10-03:2022-10-14", s)
	}
	a := Absence{Person: parts[0], Reason: "what-if"}
	if _, ok := p.Person(a.Person); !ok {
		ids := p.PersonIDs()
		sort.Strings(ids)
		return Absence{}, fmt.Errorf("--absent %q: %q is not a person (persons: %s)%s", s, a.Person, strings.Join(ids, ", "), suggest(a.Person, ids))
	}
	var err error
	if a.From, err = calendar.ParseDate(parts[1]); err != nil {
		return Absence{}, fmt.Errorf("--absent %q: from: %v", s, err)
	}
	if a.To, err = calendar.ParseDate(parts[2]); err != nil {
		return Absence{}, fmt.Errorf("--absent %q: to: %v", s, err)
	}
	if a.From > a.To {
		return Absence{}, fmt.Errorf("--absent %q: the absence ends (%s) before it starts (%s): TO must be on or after FROM", s, a.To, a.From)
	}
	return a, nil
}
