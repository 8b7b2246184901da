package change

import (
	"fmt"
	"slices"
	"strings"

	"rota/internal/calendar"
	"rota/internal/engine"
	"rota/internal/plan"
)

// Edit works out what change c does to st: the effect to record and the
// state after it. st is not modified. A change that breaks the plan's rules
// is a *RefusedError, one that changes nothing an *UnchangedError; an undo
// is not made here but by Revert, from the history.
func Edit(st *State, c Change) (Effect, *State, error) {
	k, ok := kinds[c.Kind]
	if !ok || k.apply == nil {
		return Effect{}, nil, Refused("%q is not a change the store knows", c.Kind)
	}
	if st.Plan == nil && c.Kind != KindImport {
		return Effect{}, nil, Refused("%s comes before the plan's import", c.Kind)
	}
	next := st.Clone()
	ed := &editor{st: next}
	if next.Plan != nil {
		ed.f = engine.NewFrame(next.Plan)
	}
	if err := k.apply(ed, c); err != nil {
		return Effect{}, nil, err
	}
	if ed.fx.empty() {
		return Effect{}, nil, &UnchangedError{Msg: "the change leaves the plan as it is"}
	}
	if err := next.Plan.Validate(); err != nil {
		return Effect{}, nil, AsRefused(err)
	}
	return ed.fx, next, nil
}

type editor struct {
	st *State
	f  *engine.Frame
	fx Effect
}

func (ed *editor) p() *plan.Plan { return ed.st.Plan }

func (ed *editor) set(role string, key int32, who string, pin bool) {
	ed.fx.setCell(ed.st, slot{role, key}, &cell{who: who, pin: pin})
}

func (ed *editor) get(role string, key int32) (cell, bool) {
	c, ok := ed.st.cells[slot{role, key}]
	return c, ok
}

func (ed *editor) month(m calendar.Month) (int, error) {
	i, ok := ed.f.MonthIndex(m)
	if !ok {
		return 0, Refused("%s is outside the plan (%s to %s)", m, ed.p().Start.Month(), ed.p().End.Month())
	}
	return i, nil
}

func (ed *editor) inOrder(what string, order []string, who string) error {
	if slices.Contains(order, who) {
		return nil
	}
	if _, ok := ed.p().Person(who); !ok {
		return Refused("%q is not a person of this plan (persons: %s)", who, strings.Join(ed.p().PersonIDs(), ", "))
	}
	return Refused("%s is not in the %s order (%s)", who, what, strings.Join(order, ", "))
}

func (ed *editor) person(who string) error {
	if _, ok := ed.p().Person(who); !ok {
		return Refused("%q is not a person of this plan (persons: %s)", who, strings.Join(ed.p().PersonIDs(), ", "))
	}
	return nil
}

func (ed *editor) spoc(m calendar.Month, who string) error {
	if _, err := ed.month(m); err != nil {
		return err
	}
	if err := ed.inOrder("SPOC", ed.p().SPOC.Order, who); err != nil {
		return err
	}
	c, _ := ed.get(roleSPOC, int32(m))
	if c.who == who && c.pin {
		return &UnchangedError{Msg: fmt.Sprintf("%s is already the SPOC of %s", who, m)}
	}
	ed.set(roleSPOC, int32(m), who, true)
	if c.who == who { // only pinned: the buddies stay as saved
		return nil
	}
	return ed.rebuddy(m)
}

func (ed *editor) swap(a, b calendar.Month) error {
	if _, err := ed.month(a); err != nil {
		return err
	}
	if _, err := ed.month(b); err != nil {
		return err
	}
	if a == b {
		return Refused("swap needs two different months, got %s twice", a)
	}
	ca, _ := ed.get(roleSPOC, int32(a))
	cb, _ := ed.get(roleSPOC, int32(b))
	if ca.who == cb.who {
		return &UnchangedError{Msg: fmt.Sprintf("%s is the SPOC of both %s and %s", ca.who, a, b)}
	}
	ed.set(roleSPOC, int32(a), cb.who, true)
	ed.set(roleSPOC, int32(b), ca.who, true)
	return ed.rebuddy(a, b)
}

// rebuddy keeps the buddy rule after the SPOCs of the changed months moved.
// The month whose first buddy candidate is a changed month's SPOC (the one
// before for "next", after for "previous") gets its buddy by the rule again;
// a changed month keeps its buddy unless that is now its SPOC. Buddies set
// explicitly stay, and one that would now be its month's SPOC is refused.
func (ed *editor) rebuddy(changed ...calendar.Month) error {
	step := -1
	if ed.p().SPOC.Buddy == plan.BuddyPrevious {
		step = 1
	}
	a := ed.st.Assignment(ed.f)
	redo := map[int]bool{}
	for _, m := range changed {
		i, _ := ed.f.MonthIndex(m)
		c, _ := ed.get(roleBuddy, int32(m))
		switch {
		case c.pin && c.who == a.SPOC[i]:
			return Refused("%s is the buddy of %s, set explicitly, so cannot also be its SPOC: set another buddy first (buddy %s PERSON)", c.who, m, m)
		case !c.pin && c.who == a.SPOC[i]:
			redo[i] = true
		}
		if j := i + step; j >= 0 && j < len(ed.f.Months) {
			if c, _ := ed.get(roleBuddy, int32(ed.f.Months[j])); !c.pin {
				redo[j] = true
			}
		}
	}
	fixed := ed.st.Fixed(false)
	for j := range redo {
		delete(fixed.Buddy, ed.f.Months[j])
	}
	buddies := engine.AssignBuddies(ed.f, a.SPOC, fixed.Buddy)
	for j, m := range ed.f.Months {
		if redo[j] {
			ed.set(roleBuddy, int32(m), buddies[j], false)
		}
	}
	return nil
}

func (ed *editor) buddy(m calendar.Month, who string) error {
	i, err := ed.month(m)
	if err != nil {
		return err
	}
	if err := ed.inOrder("SPOC", ed.p().SPOC.Order, who); err != nil {
		return err
	}
	if s := ed.st.Assignment(ed.f).SPOC[i]; s == who {
		return Refused("%s is the SPOC of %s; the buddy must be someone else", who, m)
	}
	if c, _ := ed.get(roleBuddy, int32(m)); c.who == who && c.pin {
		return &UnchangedError{Msg: fmt.Sprintf("%s is already the buddy of %s", who, m)}
	}
	ed.set(roleBuddy, int32(m), who, true)
	return nil
}

// workingDay checks that d is one of the plan's working days.
func (ed *editor) workingDay(d calendar.Date) error {
	p := ed.p()
	if d < p.Start || d > p.End {
		return Refused("%s is outside the plan (%s to %s)", d, p.Start, p.End)
	}
	if _, ok := ed.f.DayIndex(d); !ok {
		return Refused("%s is not a working day (%s)", d, ed.f.Cal.WhyClosed(d))
	}
	return nil
}

// awayText says that who is away on d, for messages read in the planner's
// status bar as well as on the command line: the name and the weekday help
// more there than ids and ISO dates alone. It leaves the absence's reason
// out: a refusal goes to whoever tried the change, a manager's what-if
// too, and a reason is personal data not theirs to read (see
// backend.Actor.SeesReasonOf).
func (ed *editor) awayText(who string, d calendar.Date) string {
	return fmt.Sprintf("%s is away on %s", ed.p().PersonName(who), d.Short())
}

func (ed *editor) present(d calendar.Date, who string) error {
	if !ed.p().Presence.Enabled {
		return Refused("daily presence is not enabled in this plan ([presence] enabled = false)")
	}
	if err := ed.workingDay(d); err != nil {
		return err
	}
	if err := ed.inOrder("presence", ed.p().Presence.Order, who); err != nil {
		return err
	}
	if ed.f.Absent(who, d) {
		return Refused("%s", ed.awayText(who, d))
	}
	if c, _ := ed.get(rolePresence, int32(d)); c.who == who && c.pin {
		return &UnchangedError{Msg: fmt.Sprintf("%s is already present on %s", who, d)}
	}
	ed.set(rolePresence, int32(d), who, true)
	return nil
}
