// Package change is the language of changes to a saved plan: set a month's
// SPOC, record an absence, re-import the plan file, … Each kind is defined
// once, in the table of kinds.go: how `rota edit` writes it, what it checks
// against the plan and what it does, and how it reads in a log. Applying a
// change gives its Effect, which is what history records and replays; an
// effect inverted is the undo. The package knows nothing of SQL or of
// terminals: the store keeps the JSON of changes and effects, the front
// ends phrase the errors.
package change

import (
	"rota/internal/calendar"
	"rota/internal/plan"
)

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
// count depends on Kind; the constructors below build each kind. Its JSON
// is what the store keeps, so field names and tags never change.
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
	Note    string         `json:"note,omitempty"`   // handover-note: the note
	By      string         `json:"by,omitempty"`     // cover and handover records: who recorded it for Person
	// Decision is the record a decision change adds to the register.
	Decision *plan.Decision `json:"decision,omitempty"`
	Text     []byte         `json:"-"` // import, reimport: the file's text (stored with the effect)
}

// Import is version 1 of a plan: the plan file at path, with its text.
func Import(path string, text []byte) Change {
	return Change{Kind: KindImport, Path: path, Text: text}
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

// Undo records the revert of version of.
func Undo(of int) Change { return Change{Kind: KindUndo, Of: of} }

// String writes the change as `rota edit` takes it, e.g. "spoc 2022-10 tracy".
func (c Change) String() string {
	if k, ok := kinds[c.Kind]; ok {
		return k.text(c)
	}
	return c.Kind
}

// Describe says what the change does in words, for logs and messages.
func (c Change) Describe() string {
	if k, ok := kinds[c.Kind]; ok {
		return k.describe(c)
	}
	return c.Kind
}

// Absence is the absence that an absent or unabsent change names.
func (c Change) Absence() plan.Absence {
	return plan.Absence{Person: c.Person, From: c.Date, To: c.To, Reason: c.Reason}
}
