package change

import (
	"fmt"
	"strings"

	"rota/internal/calendar"
)

// EditKinds lists the kinds Parse reads, with their arguments, for help texts.
var EditKinds = func() []struct{ Words, Help string } {
	var out []struct{ Words, Help string }
	for _, k := range kindList {
		if k.parse != nil {
			out = append(out, struct{ Words, Help string }{k.words, k.help})
		}
	}
	return out
}()

// Parse reads a change written as `rota edit` takes it, e.g.
// ["spoc", "2022-10", "tracy"]. reason is the absence's --reason. It checks
// the shape of the words only; Edit checks the change against the plan.
// A reimport's file is read by the caller, which fills Text. Errors name
// the kind and show the words expected, with an example.
func Parse(words []string, reason string) (Change, error) {
	if len(words) == 0 {
		return Change{}, fmt.Errorf("no change given: write one of %s", kindNames())
	}
	name, args := words[0], words[1:]
	if reason != "" && name != KindAbsent {
		return Change{}, fmt.Errorf("--reason goes with absent, not %s", name)
	}
	if name == "presence" {
		name = KindPresent
	}
	k, ok := kinds[name]
	if !ok || k.parse == nil {
		return Change{}, fmt.Errorf("%q is not a change: write one of %s", words[0], kindNames())
	}
	c, err := k.parse(words[0], args, reason)
	var u *usageError
	if asUsage(err, &u) {
		return Change{}, fmt.Errorf("%s: want %s, got %q", u.kind, u.usage, strings.Join(words, " "))
	}
	return c, err
}

// usageError is a wrong number of words; Parse adds the words given.
type usageError struct{ kind, usage string }

func (e *usageError) Error() string { return e.kind + ": want " + e.usage }

func asUsage(err error, u **usageError) bool {
	e, ok := err.(*usageError)
	if ok {
		*u = e
	}
	return ok
}

func want(kind string, args []string, n int, usage string) error {
	if len(args) != n {
		return &usageError{kind, usage}
	}
	return nil
}

func month(kind, s string) (calendar.Month, error) {
	m, err := calendar.ParseMonth(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", kind, err)
	}
	return m, nil
}

func date(kind, s string) (calendar.Date, error) {
	d, err := calendar.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", kind, err)
	}
	return d, nil
}

func monthPerson(kind string, args []string, _ string) (Change, error) {
	if err := want(kind, args, 2, kind+" MONTH PERSON, e.g. "+kind+" 2022-10 tracy"); err != nil {
		return Change{}, err
	}
	m, err := month(kind, args[0])
	if err != nil {
		return Change{}, err
	}
	return Change{Kind: kind, Month: m, Person: args[1]}, nil
}

func personDays(kind string, args []string, reason string) (Change, error) {
	if len(args) != 2 && len(args) != 3 {
		return Change{}, &usageError{kind, fmt.Sprintf("%s PERSON FROM [TO], e.g. %s jo 2022-10-03 2022-10-14", kind, kind)}
	}
	from, err := date(kind, args[1])
	if err != nil {
		return Change{}, err
	}
	to := from
	if len(args) == 3 {
		if to, err = date(kind, args[2]); err != nil {
			return Change{}, err
		}
	}
	return Change{Kind: kind, Person: args[0], Date: from, To: to, Reason: reason}, nil
}

func eventDay(kind string, args []string, _ string) (Change, error) {
	if err := want(kind, args, 2, kind+" EVENT DATE, e.g. "+kind+" dmt 2022-10-05"); err != nil {
		return Change{}, err
	}
	d, err := date(kind, args[1])
	if err != nil {
		return Change{}, err
	}
	return Change{Kind: kind, Event: args[0], Date: d}, nil
}

func kindNames() string {
	names := make([]string, len(EditKinds))
	for i, k := range EditKinds {
		names[i] = strings.Fields(k.Words)[0]
	}
	return strings.Join(names, ", ")
}
