package change

import (
	"fmt"
	"sort"
	"strings"

	"rota/internal/calendar"
	"rota/internal/engine"
	"rota/internal/plan"
)

// Roles of a saved assignment.
const (
	roleSPOC     = "s"
	roleBuddy    = "b"
	rolePresence = "p"
)

// slot is one thing a rota assigns: a month's SPOC or buddy, a day's presence.
type slot struct {
	role string
	key  int32 // a calendar.Month for SPOC and buddy, a calendar.Date for presence
}

// cell is a slot's saved value. who is "" when nobody could be assigned.
// pin marks an explicit change, which re-planning keeps.
type cell struct {
	who string
	pin bool
}

// State is a saved plan at one version: its rules and its saved assignment
// (who holds each month and day, and which were set by hand). A State is
// built by Edit and Replay and never changed after: both return new ones.
type State struct {
	Plan  *plan.Plan
	cells map[slot]cell
}

// NewState returns the state before a plan's import: no plan, no cells.
func NewState() *State { return &State{cells: map[slot]cell{}} }

// Clone returns a deep copy of st, to change without changing st.
func (st *State) Clone() *State {
	c := &State{cells: make(map[slot]cell, len(st.cells))}
	if st.Plan != nil {
		c.Plan = st.Plan.Clone()
	}
	for k, v := range st.cells {
		c.cells[k] = v
	}
	return c
}

func (s slot) keyString() string {
	if s.role == rolePresence {
		return calendar.Date(s.key).String()
	}
	return calendar.Month(s.key).String()
}

func parseSlot(role, key string) (slot, error) {
	switch role {
	case roleSPOC, roleBuddy:
		m, err := calendar.ParseMonth(key)
		return slot{role, int32(m)}, err
	case rolePresence:
		d, err := calendar.ParseDate(key)
		return slot{role, int32(d)}, err
	}
	return slot{}, fmt.Errorf("unknown role %q", role)
}

// Fixed returns the saved cells as the engine's pins: all of them, or only
// the explicit ones.
func (st *State) Fixed(pinnedOnly bool) engine.Fixed {
	return st.fixedIf(func(_ slot, c cell) bool { return c.pin || !pinnedOnly })
}

// fixedIf returns the saved cells that keep accepts as the engine's pins.
func (st *State) fixedIf(keep func(slot, cell) bool) engine.Fixed {
	f := engine.Fixed{SPOC: map[calendar.Month]string{}, Buddy: map[calendar.Month]string{}, Presence: map[calendar.Date]string{}}
	for k, c := range st.cells {
		if !keep(k, c) {
			continue
		}
		switch k.role {
		case roleSPOC:
			f.SPOC[calendar.Month(k.key)] = c.who
		case roleBuddy:
			f.Buddy[calendar.Month(k.key)] = c.who
		case rolePresence:
			f.Presence[calendar.Date(k.key)] = c.who
		}
	}
	return f
}

// Assignment returns the saved assignment laid on frame f: saved cells as
// they are, and, for any month or day without one, what the engine computes
// around them.
func (st *State) Assignment(f *engine.Frame) engine.Assignment {
	a := engine.Assignment{
		SPOC:     make([]string, len(f.Months)),
		Buddy:    make([]string, len(f.Months)),
		Presence: make([]string, len(f.Days)),
	}
	missing := false
	for i, m := range f.Months {
		s, ok1 := st.cells[slot{roleSPOC, int32(m)}]
		b, ok2 := st.cells[slot{roleBuddy, int32(m)}]
		a.SPOC[i], a.Buddy[i] = s.who, b.who
		missing = missing || !ok1 || !ok2
	}
	if f.Plan.Presence.Enabled {
		for k, d := range f.Days {
			c, ok := st.cells[slot{rolePresence, int32(d)}]
			a.Presence[k] = c.who
			missing = missing || !ok
		}
	}
	if !missing {
		return a
	}
	full := engine.Assign(f, st.Fixed(false))
	for i, m := range f.Months {
		if _, ok := st.cells[slot{roleSPOC, int32(m)}]; !ok {
			a.SPOC[i] = full.SPOC[i]
		}
		if _, ok := st.cells[slot{roleBuddy, int32(m)}]; !ok {
			a.Buddy[i] = full.Buddy[i]
		}
	}
	for k, d := range f.Days {
		if _, ok := st.cells[slot{rolePresence, int32(d)}]; !ok {
			a.Presence[k] = full.Presence[k]
		}
	}
	return a
}

// Fingerprint writes st as text: its plan as a file and its cells, so two
// states compare equal exactly when they hold the same plan and rota.
func (st *State) Fingerprint() string {
	var b strings.Builder
	if st.Plan != nil {
		b.Write(plan.Encode(st.Plan))
	}
	cells := make([]string, 0, len(st.cells))
	for k, c := range st.cells {
		cells = append(cells, fmt.Sprintf("%s %s %q %v", k.role, k.keyString(), c.who, c.pin))
	}
	sort.Strings(cells)
	b.WriteString(strings.Join(cells, "\n"))
	return b.String()
}

// Revert undoes an earlier change on st: done is the effect that change
// had, before the state just before it (needed only when done replaced the
// plan's text). It returns the effect to record for the undo and the state
// after it; a refusal when the plan, as it is now, cannot take the undo.
func Revert(st *State, done *Effect, before *State) (Effect, *State, error) {
	prevText := ""
	if done.Text != "" && before != nil && before.Plan != nil {
		prevText = string(plan.Encode(before.Plan))
	}
	inv := done.Invert(prevText)
	next := st.Clone()
	if err := next.Replay(&inv); err != nil {
		return Effect{}, nil, err
	}
	if err := next.Plan.Validate(); err != nil {
		return Effect{}, nil, AsRefused(err)
	}
	return inv, next, nil
}
