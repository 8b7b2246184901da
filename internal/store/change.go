package store

import (
	"fmt"
	"strings"

	"rota/internal/calendar"
	"rota/internal/diff"
	"rota/internal/plan"
)

// Ref names a line of history: a plan's own (Scenario "") or one of its
// what-if scenarios.
type Ref struct {
	Plan     string
	Scenario string
}

// String names the line as the command line does: "cccs" or "cccs/paul-sick".
func (r Ref) String() string {
	if r.Scenario == "" {
		return r.Plan
	}
	return r.Plan + "/" + r.Scenario
}

// Kinds of change. Each is one version in a plan's history.
const (
	KindImport      = "import"        // version 1: a plan file
	KindReimport    = "reimport"      // a plan file again: its rules replace the plan's
	KindSPOC        = "spoc"          // set a month's SPOC (pins it)
	KindSwap        = "swap"          // swap the SPOCs of two months (pins both)
	KindBuddy       = "buddy"         // set a month's buddy (pins it)
	KindPresent     = "present"       // set who is present on a working day (pins it)
	KindAbsent      = "absent"        // record an absence
	KindUnabsent    = "unabsent"      // take days out of a person's absences
	KindOwner       = "owner"         // set a duty's owner
	KindCover       = "cover"         // set a duty's cover list
	KindEventDate   = "event-date"    // add a date to an event
	KindNoEventDate = "no-event-date" // remove a date from an event
	KindUnpin       = "unpin"         // let re-planning move a month or day again
	KindReplan      = "replan"        // re-optimise months and days from a date on
	KindUndo        = "undo"          // revert an earlier change
)

// Change is one edit of a saved plan, as a person asks for it. Which fields
// count depends on Kind; the constructors below build each kind. The store
// validates it against the plan before writing (see Store.Apply).
type Change struct {
	Kind    string         `json:"kind"`
	Month   calendar.Month `json:"month,omitzero"`   // spoc, swap, buddy, unpin (a month)
	Other   calendar.Month `json:"other,omitzero"`   // swap: the second month
	Date    calendar.Date  `json:"date,omitzero"`    // present, event dates, unpin (a day), absences' first day, replan's first day
	To      calendar.Date  `json:"to,omitzero"`      // absences' last day
	Person  string         `json:"person,omitempty"` // who
	Persons []string       `json:"persons,omitempty"`
	Duty    string         `json:"duty,omitempty"`
	Event   string         `json:"event,omitempty"`
	Reason  string         `json:"reason,omitempty"` // absences
	Path    string         `json:"path,omitempty"`   // import, reimport: the file, for the log
	Of      int            `json:"of,omitempty"`     // undo: the version reverted
	Text    []byte         `json:"-"`                // import, reimport: the file's text (stored with the effect)
}

// SetSPOC makes who the SPOC of month m.
func SetSPOC(m calendar.Month, who string) Change {
	return Change{Kind: KindSPOC, Month: m, Person: who}
}

// Swap exchanges the SPOCs of months a and b.
func Swap(a, b calendar.Month) Change { return Change{Kind: KindSwap, Month: a, Other: b} }

// SetBuddy makes who the buddy of month m.
func SetBuddy(m calendar.Month, who string) Change {
	return Change{Kind: KindBuddy, Month: m, Person: who}
}

// SetPresence makes who the person present in the county on working day d.
func SetPresence(d calendar.Date, who string) Change {
	return Change{Kind: KindPresent, Date: d, Person: who}
}

// AddAbsence records an absence.
func AddAbsence(a plan.Absence) Change {
	return Change{Kind: KindAbsent, Person: a.Person, Date: a.From, To: a.To, Reason: a.Reason}
}

// RemoveAbsence takes the days from..to out of who's absences, shortening or
// splitting an absence that reaches beyond them.
func RemoveAbsence(who string, from, to calendar.Date) Change {
	return Change{Kind: KindUnabsent, Person: who, Date: from, To: to}
}

// SetOwner makes who the owner of a duty.
func SetOwner(duty, who string) Change { return Change{Kind: KindOwner, Duty: duty, Person: who} }

// SetCover sets a duty's cover, in the order people step in (none for nil).
func SetCover(duty string, cover []string) Change {
	return Change{Kind: KindCover, Duty: duty, Persons: cover}
}

// AddEventDate adds date d to an event.
func AddEventDate(event string, d calendar.Date) Change {
	return Change{Kind: KindEventDate, Event: event, Date: d}
}

// RemoveEventDate removes date d from an event's explicit dates.
func RemoveEventDate(event string, d calendar.Date) Change {
	return Change{Kind: KindNoEventDate, Event: event, Date: d}
}

// UnpinMonth lets re-planning choose month m's SPOC and buddy again.
func UnpinMonth(m calendar.Month) Change { return Change{Kind: KindUnpin, Month: m} }

// UnpinDay lets re-planning choose day d's presence again.
func UnpinDay(d calendar.Date) Change { return Change{Kind: KindUnpin, Date: d} }

// Replan re-optimises the months from the one holding from, and the days
// from from on, by the spec's rules, keeping pinned months and days.
func Replan(from calendar.Date) Change { return Change{Kind: KindReplan, Date: from} }

// Reimport replaces the plan's rules by a plan file's. Saved assignments are
// kept where the file still allows them; new months and days are computed.
func Reimport(path string, text []byte) Change {
	return Change{Kind: KindReimport, Path: path, Text: text}
}

// String writes the change as `rota edit` takes it, e.g. "spoc 2022-10 tracy".
func (c Change) String() string {
	switch c.Kind {
	case KindImport, KindReimport:
		return strings.TrimSpace(c.Kind + " " + c.Path)
	case KindSPOC, KindBuddy:
		return fmt.Sprintf("%s %s %s", c.Kind, c.Month, c.Person)
	case KindSwap:
		return fmt.Sprintf("swap %s %s", c.Month, c.Other)
	case KindPresent:
		return fmt.Sprintf("present %s %s", c.Date, c.Person)
	case KindAbsent, KindUnabsent:
		s := fmt.Sprintf("%s %s %s", c.Kind, c.Person, c.Date)
		if c.To != c.Date {
			s += " " + c.To.String()
		}
		if c.Reason != "" {
			s += fmt.Sprintf(" --reason %q", c.Reason)
		}
		return s
	case KindOwner:
		return fmt.Sprintf("owner %s %s", c.Duty, c.Person)
	case KindCover:
		if len(c.Persons) == 0 {
			return fmt.Sprintf("cover %s -", c.Duty)
		}
		return fmt.Sprintf("cover %s %s", c.Duty, strings.Join(c.Persons, ","))
	case KindEventDate, KindNoEventDate:
		return fmt.Sprintf("%s %s %s", c.Kind, c.Event, c.Date)
	case KindUnpin:
		if c.Date != 0 {
			return "unpin " + c.Date.String()
		}
		return "unpin " + c.Month.String()
	case KindReplan:
		return "replan --from " + c.Date.String()
	case KindUndo:
		return fmt.Sprintf("undo version %d", c.Of)
	}
	return c.Kind
}

// Describe says what the change does in words, for logs and messages.
func (c Change) Describe() string {
	switch c.Kind {
	case KindImport:
		return "imported " + c.Path
	case KindReimport:
		return "re-imported " + c.Path
	case KindSPOC:
		return fmt.Sprintf("SPOC of %s: %s", c.Month, c.Person)
	case KindSwap:
		return fmt.Sprintf("swapped the SPOCs of %s and %s", c.Month, c.Other)
	case KindBuddy:
		return fmt.Sprintf("buddy of %s: %s", c.Month, c.Person)
	case KindPresent:
		return fmt.Sprintf("presence on %s: %s", c.Date, c.Person)
	case KindAbsent:
		return "absence: " + diff.AbsenceText(plan.Absence{Person: c.Person, From: c.Date, To: c.To, Reason: c.Reason})
	case KindUnabsent:
		return "no longer away: " + diff.AbsenceText(plan.Absence{Person: c.Person, From: c.Date, To: c.To})
	case KindOwner:
		return fmt.Sprintf("owner of %s: %s", c.Duty, c.Person)
	case KindCover:
		if len(c.Persons) == 0 {
			return fmt.Sprintf("cover of %s: nobody", c.Duty)
		}
		return fmt.Sprintf("cover of %s: %s", c.Duty, strings.Join(c.Persons, ", "))
	case KindEventDate:
		return fmt.Sprintf("%s also on %s", c.Event, c.Date)
	case KindNoEventDate:
		return fmt.Sprintf("%s no longer on %s", c.Event, c.Date)
	case KindUnpin:
		if c.Date != 0 {
			return fmt.Sprintf("unpinned %s", c.Date)
		}
		return fmt.Sprintf("unpinned %s", c.Month)
	case KindReplan:
		return fmt.Sprintf("re-planned from %s", c.Date)
	case KindUndo:
		return fmt.Sprintf("undid version %d", c.Of)
	}
	return c.Kind
}

// EditKinds lists the kinds ParseChange reads, with their arguments, for help texts.
var EditKinds = []struct{ Words, Help string }{
	{"spoc MONTH PERSON", "make PERSON the SPOC of MONTH (YYYY-MM)"},
	{"swap MONTH MONTH", "swap the SPOCs of two months"},
	{"buddy MONTH PERSON", "make PERSON the buddy of MONTH"},
	{"present DATE PERSON", "make PERSON the one present in the county on DATE"},
	{"absent PERSON FROM [TO]", "record an absence, dates YYYY-MM-DD inclusive (--reason TEXT)"},
	{"unabsent PERSON FROM [TO]", "take those days out of PERSON's absences"},
	{"owner DUTY PERSON", "make PERSON the owner of DUTY"},
	{"cover DUTY P1,P2,…|-", "set DUTY's cover, in the order people step in (- for none)"},
	{"event-date EVENT DATE", "add DATE to EVENT"},
	{"no-event-date EVENT DATE", "remove DATE from EVENT"},
	{"unpin MONTH|DATE", "let replan move that month or day again"},
	{"reimport FILE", "replace the plan's rules by FILE's (the command line reads FILE)"},
}

// ParseChange reads a change written as `rota edit` takes it, e.g.
// ["spoc", "2022-10", "tracy"]. reason is the absence's --reason. It checks
// the shape of the words only; the store checks the change against the plan.
// A reimport's file is read by the caller, which fills Text.
func ParseChange(words []string, reason string) (Change, error) {
	if len(words) == 0 {
		return Change{}, fmt.Errorf("no change given: write one of %s", kindNames())
	}
	kind, args := words[0], words[1:]
	want := func(n int, usage string) error {
		if len(args) != n {
			return fmt.Errorf("%s: want %s, got %q", kind, usage, strings.Join(words, " "))
		}
		return nil
	}
	month := func(s string) (calendar.Month, error) {
		m, err := calendar.ParseMonth(s)
		if err != nil {
			return 0, fmt.Errorf("%s: %v", kind, err)
		}
		return m, nil
	}
	date := func(s string) (calendar.Date, error) {
		d, err := calendar.ParseDate(s)
		if err != nil {
			return 0, fmt.Errorf("%s: %v", kind, err)
		}
		return d, nil
	}
	if reason != "" && kind != KindAbsent {
		return Change{}, fmt.Errorf("--reason goes with absent, not %s", kind)
	}
	switch kind {
	case KindSPOC, KindBuddy:
		if err := want(2, kind+" MONTH PERSON, e.g. "+kind+" 2022-10 tracy"); err != nil {
			return Change{}, err
		}
		m, err := month(args[0])
		if err != nil {
			return Change{}, err
		}
		return Change{Kind: kind, Month: m, Person: args[1]}, nil
	case KindSwap:
		if err := want(2, "swap MONTH MONTH, e.g. swap 2022-10 2022-11"); err != nil {
			return Change{}, err
		}
		a, err := month(args[0])
		if err != nil {
			return Change{}, err
		}
		b, err := month(args[1])
		if err != nil {
			return Change{}, err
		}
		return Swap(a, b), nil
	case KindPresent, "presence":
		kind = KindPresent
		if err := want(2, "present DATE PERSON, e.g. present 2022-10-04 jo"); err != nil {
			return Change{}, err
		}
		d, err := date(args[0])
		if err != nil {
			return Change{}, err
		}
		return SetPresence(d, args[1]), nil
	case KindAbsent, KindUnabsent:
		if len(args) != 2 && len(args) != 3 {
			return Change{}, fmt.Errorf("%s: want %s PERSON FROM [TO], e.g. %s jo 2022-10-03 2022-10-14, got %q", kind, kind, kind, strings.Join(words, " "))
		}
		from, err := date(args[1])
		if err != nil {
			return Change{}, err
		}
		to := from
		if len(args) == 3 {
			if to, err = date(args[2]); err != nil {
				return Change{}, err
			}
		}
		return Change{Kind: kind, Person: args[0], Date: from, To: to, Reason: reason}, nil
	case KindOwner:
		if err := want(2, "owner DUTY PERSON, e.g. owner siro simon"); err != nil {
			return Change{}, err
		}
		return SetOwner(args[0], args[1]), nil
	case KindCover:
		if err := want(2, "cover DUTY P1,P2,… (or - for none), e.g. cover siro simon,jo"); err != nil {
			return Change{}, err
		}
		var cover []string
		if args[1] != "-" && args[1] != "" {
			for _, p := range strings.Split(args[1], ",") {
				cover = append(cover, strings.TrimSpace(p))
			}
		}
		return SetCover(args[0], cover), nil
	case KindEventDate, KindNoEventDate:
		if err := want(2, kind+" EVENT DATE, e.g. "+kind+" dmt 2022-10-05"); err != nil {
			return Change{}, err
		}
		d, err := date(args[1])
		if err != nil {
			return Change{}, err
		}
		return Change{Kind: kind, Event: args[0], Date: d}, nil
	case KindUnpin:
		if err := want(1, "unpin MONTH or unpin DATE, e.g. unpin 2022-10"); err != nil {
			return Change{}, err
		}
		if len(args[0]) == len("2022-10") {
			m, err := month(args[0])
			return UnpinMonth(m), err
		}
		d, err := date(args[0])
		return UnpinDay(d), err
	case KindReimport:
		if err := want(1, "reimport FILE"); err != nil {
			return Change{}, err
		}
		return Change{Kind: KindReimport, Path: args[0]}, nil
	}
	return Change{}, fmt.Errorf("%q is not a change: write one of %s", kind, kindNames())
}

func kindNames() string {
	names := make([]string, len(EditKinds))
	for i, k := range EditKinds {
		names[i] = strings.Fields(k.Words)[0]
	}
	return strings.Join(names, ", ")
}
