package change

import (
	"fmt"
	"strings"

	"rota/internal/diff"
)

// kind is everything about one kind of change. Adding a kind is adding one
// entry to kindList (and an example to TestEveryKind, which fails until
// there is one): the compiler checks the shapes, the test that each entry
// parses, applies, inverts and encodes.
type kind struct {
	name string
	// words and help are its line in `rota edit --help`; "" for kinds that
	// are not typed as a change (import, replan, undo).
	words, help string
	// parse reads the words after the kind's name; nil when not typed.
	parse func(kind string, args []string, reason string) (Change, error)
	// apply checks the change against the plan and makes it on ed's state;
	// nil for undo, which the history applies (see Revert).
	apply func(ed *editor, c Change) error
	// text writes it as `rota edit` takes it; describe says it for a log.
	text, describe func(c Change) string
}

var kindList = append([]kind{
	{
		name: KindSPOC, words: "spoc MONTH PERSON", help: "make PERSON the SPOC of MONTH (YYYY-MM)",
		parse:    monthPerson,
		apply:    func(ed *editor, c Change) error { return ed.spoc(c.Month, c.Person) },
		text:     func(c Change) string { return fmt.Sprintf("%s %s %s", c.Kind, c.Month, c.Person) },
		describe: func(c Change) string { return fmt.Sprintf("SPOC of %s: %s", c.Month, c.Person) },
	},
	{
		name: KindSwap, words: "swap MONTH MONTH", help: "swap the SPOCs of two months",
		parse: func(kind string, args []string, _ string) (Change, error) {
			if err := want(kind, args, 2, "swap MONTH MONTH, e.g. swap 2022-10 2022-11"); err != nil {
				return Change{}, err
			}
			a, err := month(kind, args[0])
			if err != nil {
				return Change{}, err
			}
			b, err := month(kind, args[1])
			if err != nil {
				return Change{}, err
			}
			return Swap(a, b), nil
		},
		apply:    func(ed *editor, c Change) error { return ed.swap(c.Month, c.Other) },
		text:     func(c Change) string { return fmt.Sprintf("swap %s %s", c.Month, c.Other) },
		describe: func(c Change) string { return fmt.Sprintf("swapped the SPOCs of %s and %s", c.Month, c.Other) },
	},
	{
		name: KindBuddy, words: "buddy MONTH PERSON", help: "make PERSON the buddy of MONTH",
		parse:    monthPerson,
		apply:    func(ed *editor, c Change) error { return ed.buddy(c.Month, c.Person) },
		text:     func(c Change) string { return fmt.Sprintf("%s %s %s", c.Kind, c.Month, c.Person) },
		describe: func(c Change) string { return fmt.Sprintf("buddy of %s: %s", c.Month, c.Person) },
	},
	{
		name: KindPresent, words: "present DATE PERSON", help: "make PERSON the one present in the county on DATE",
		parse: func(_ string, args []string, _ string) (Change, error) {
			kind := KindPresent // also for "presence"
			if err := want(kind, args, 2, "present DATE PERSON, e.g. present 2022-10-04 jo"); err != nil {
				return Change{}, err
			}
			d, err := date(kind, args[0])
			if err != nil {
				return Change{}, err
			}
			return SetPresence(d, args[1]), nil
		},
		apply:    func(ed *editor, c Change) error { return ed.present(c.Date, c.Person) },
		text:     func(c Change) string { return fmt.Sprintf("present %s %s", c.Date, c.Person) },
		describe: func(c Change) string { return fmt.Sprintf("presence on %s: %s", c.Date, c.Person) },
	},
	{
		name: KindAbsent, words: "absent PERSON FROM [TO]", help: "record an absence, dates YYYY-MM-DD inclusive (--reason TEXT)",
		parse:    personDays,
		apply:    func(ed *editor, c Change) error { return ed.absent(c.Absence()) },
		text:     absenceText,
		describe: func(c Change) string { return "absence: " + diff.AbsenceText(c.Absence()) },
	},
	{
		name: KindUnabsent, words: "unabsent PERSON FROM [TO]", help: "take those days out of PERSON's absences",
		parse:    personDays,
		apply:    func(ed *editor, c Change) error { return ed.unabsent(c.Person, c.Date, c.To) },
		text:     absenceText,
		describe: func(c Change) string { return "no longer away: " + diff.AbsenceText(c.Absence()) },
	},
	{
		name: KindOwner, words: "owner DUTY PERSON", help: "make PERSON the owner of DUTY",
		parse: func(kind string, args []string, _ string) (Change, error) {
			if err := want(kind, args, 2, "owner DUTY PERSON, e.g. owner siro simon"); err != nil {
				return Change{}, err
			}
			return SetOwner(args[0], args[1]), nil
		},
		apply:    func(ed *editor, c Change) error { return ed.owner(c.Duty, c.Person) },
		text:     func(c Change) string { return fmt.Sprintf("owner %s %s", c.Duty, c.Person) },
		describe: func(c Change) string { return fmt.Sprintf("owner of %s: %s", c.Duty, c.Person) },
	},
	{
		name: KindCover, words: "cover DUTY P1,P2,…|-", help: "set DUTY's cover, in the order people step in (- for none)",
		parse: func(kind string, args []string, _ string) (Change, error) {
			if err := want(kind, args, 2, "cover DUTY P1,P2,… (or - for none), e.g. cover siro simon,jo"); err != nil {
				return Change{}, err
			}
			var cover []string
			if args[1] != "-" && args[1] != "" {
				for _, p := range strings.Split(args[1], ",") {
					cover = append(cover, strings.TrimSpace(p))
				}
			}
			return SetCover(args[0], cover), nil
		},
		apply: func(ed *editor, c Change) error { return ed.cover(c.Duty, c.Persons) },
		text: func(c Change) string {
			if len(c.Persons) == 0 {
				return fmt.Sprintf("cover %s -", c.Duty)
			}
			return fmt.Sprintf("cover %s %s", c.Duty, strings.Join(c.Persons, ","))
		},
		describe: func(c Change) string {
			if len(c.Persons) == 0 {
				return fmt.Sprintf("cover of %s: nobody", c.Duty)
			}
			return fmt.Sprintf("cover of %s: %s", c.Duty, strings.Join(c.Persons, ", "))
		},
	},
	{
		name: KindEventDate, words: "event-date EVENT DATE", help: "add DATE to EVENT",
		parse:    eventDay,
		apply:    func(ed *editor, c Change) error { return ed.eventDate(c.Event, c.Date) },
		text:     eventDayText,
		describe: func(c Change) string { return fmt.Sprintf("%s also on %s", c.Event, c.Date) },
	},
	{
		name: KindNoEventDate, words: "no-event-date EVENT DATE", help: "remove DATE from EVENT",
		parse:    eventDay,
		apply:    func(ed *editor, c Change) error { return ed.noEventDate(c.Event, c.Date) },
		text:     eventDayText,
		describe: func(c Change) string { return fmt.Sprintf("%s no longer on %s", c.Event, c.Date) },
	},
	{
		name: KindUnpin, words: "unpin MONTH|DATE", help: "let replan move that month or day again",
		parse: func(kind string, args []string, _ string) (Change, error) {
			if err := want(kind, args, 1, "unpin MONTH or unpin DATE, e.g. unpin 2022-10"); err != nil {
				return Change{}, err
			}
			if len(args[0]) == len("2022-10") {
				m, err := month(kind, args[0])
				return UnpinMonth(m), err
			}
			d, err := date(kind, args[0])
			return UnpinDay(d), err
		},
		apply: func(ed *editor, c Change) error { return ed.unpin(c) },
		text: func(c Change) string {
			if c.Date != 0 {
				return "unpin " + c.Date.String()
			}
			return "unpin " + c.Month.String()
		},
		describe: func(c Change) string {
			if c.Date != 0 {
				return fmt.Sprintf("unpinned %s", c.Date)
			}
			return fmt.Sprintf("unpinned %s", c.Month)
		},
	},
	{
		name: KindReimport, words: "reimport FILE", help: "replace the plan's rules by FILE's (the command line reads FILE)",
		parse: func(kind string, args []string, _ string) (Change, error) {
			if err := want(kind, args, 1, "reimport FILE"); err != nil {
				return Change{}, err
			}
			return Change{Kind: KindReimport, Path: args[0]}, nil
		},
		apply:    func(ed *editor, c Change) error { return ed.reimport(c) },
		text:     fileText,
		describe: func(c Change) string { return "re-imported " + c.Path },
	},
	{
		name:     KindImport,
		apply:    func(ed *editor, c Change) error { return ed.reimport(c) },
		text:     fileText,
		describe: func(c Change) string { return "imported " + c.Path },
	},
	{
		name:     KindReplan,
		apply:    func(ed *editor, c Change) error { return ed.replan(c.Date) },
		text:     func(c Change) string { return "replan --from " + c.Date.String() },
		describe: func(c Change) string { return fmt.Sprintf("re-planned from %s", c.Date) },
	},
	{
		name:     KindUndo,
		text:     func(c Change) string { return fmt.Sprintf("undo version %d", c.Of) },
		describe: func(c Change) string { return fmt.Sprintf("undid version %d", c.Of) },
	},
}, recordKinds...)

// kinds indexes kindList by name.
var kinds = func() map[string]*kind {
	m := make(map[string]*kind, len(kindList))
	for i := range kindList {
		m[kindList[i].name] = &kindList[i]
	}
	return m
}()

// Kinds returns the names of every kind, in the order of `rota edit --help`
// and then those not typed as a change.
func Kinds() []string {
	out := make([]string, len(kindList))
	for i, k := range kindList {
		out[i] = k.name
	}
	return out
}

func absenceText(c Change) string {
	s := fmt.Sprintf("%s %s %s", c.Kind, c.Person, c.Date)
	if c.To != c.Date {
		s += " " + c.To.String()
	}
	if c.Reason != "" {
		s += fmt.Sprintf(" --reason %q", c.Reason)
	}
	return s
}

func eventDayText(c Change) string { return fmt.Sprintf("%s %s %s", c.Kind, c.Event, c.Date) }

func fileText(c Change) string { return strings.TrimSpace(c.Kind + " " + c.Path) }
