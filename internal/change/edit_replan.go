package change

// The changes that let the optimiser choose again: unpinning, re-planning
// from a date, and (re-)importing a plan file around the saved rota.

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"rota/internal/calendar"
	"rota/internal/engine"
	"rota/internal/plan"
)

func (ed *editor) unpin(c Change) error {
	var keys []slot
	what := c.Month.String()
	if c.Date != 0 {
		keys = []slot{{rolePresence, int32(c.Date)}}
		what = c.Date.String()
	} else {
		if _, err := ed.month(c.Month); err != nil {
			return err
		}
		keys = []slot{{roleSPOC, int32(c.Month)}, {roleBuddy, int32(c.Month)}}
	}
	for _, k := range keys {
		if x, ok := ed.st.cells[k]; ok && x.pin {
			ed.set(k.role, k.key, x.who, false)
		}
	}
	if ed.fx.empty() {
		return &UnchangedError{Msg: what + " is not pinned"}
	}
	return nil
}

// replan re-optimises the months from from's month and the days from from,
// keeping everything before them and every pinned month and day.
func (ed *editor) replan(from calendar.Date) error {
	p := ed.p()
	if from > p.End {
		return &UnchangedError{Msg: fmt.Sprintf("the plan ends on %s, before %s", p.End, from)}
	}
	from = max(from, p.Start)
	fm := from.Month()
	keep := func(k slot, c cell) bool {
		if c.pin {
			return true
		}
		if k.role == rolePresence {
			return calendar.Date(k.key) < from
		}
		return calendar.Month(k.key) < fm
	}
	a := engine.Assign(ed.f, ed.st.fixedIf(keep))
	for i, m := range ed.f.Months {
		for _, x := range []struct {
			role string
			who  string
		}{{roleSPOC, a.SPOC[i]}, {roleBuddy, a.Buddy[i]}} {
			k := slot{x.role, int32(m)}
			if c, ok := ed.st.cells[k]; ok && keep(k, c) {
				continue
			}
			ed.set(x.role, int32(m), x.who, false)
		}
	}
	if p.Presence.Enabled {
		for i, d := range ed.f.Days {
			k := slot{rolePresence, int32(d)}
			if c, ok := ed.st.cells[k]; ok && keep(k, c) {
				continue
			}
			ed.set(rolePresence, int32(d), a.Presence[i], false)
		}
	}
	if ed.fx.empty() {
		return &UnchangedError{Msg: fmt.Sprintf("re-planning from %s gives the rota already saved", from)}
	}
	return nil
}

// reimport replaces the plan's rules by a file's (or sets them, for an
// import). Saved cells stay wherever the new rules allow them; months and
// days without one are computed around them.
func (ed *editor) reimport(c Change) error {
	np, err := plan.Parse(c.Path, c.Text)
	if err != nil {
		return AsRefused(err)
	}
	old := ed.st.Plan
	ed.st.Plan = np
	ed.fx.Text = string(c.Text)
	f := engine.NewFrame(np)
	ed.f = f
	order := np.SPOC.Order
	valid := func(k slot, who string) bool {
		switch k.role {
		case roleSPOC:
			_, ok := f.MonthIndex(calendar.Month(k.key))
			return ok && slices.Contains(order, who)
		case roleBuddy:
			_, ok := f.MonthIndex(calendar.Month(k.key))
			s := ed.st.cells[slot{roleSPOC, k.key}]
			return ok && slices.Contains(order, who) && who != s.who
		default:
			_, ok := f.DayIndex(calendar.Date(k.key))
			return ok && np.Presence.Enabled && (who == "" || slices.Contains(np.Presence.Order, who))
		}
	}
	// SPOCs first: a buddy's validity depends on its month's SPOC.
	for _, role := range []string{roleSPOC, roleBuddy, rolePresence} {
		for k, x := range ed.st.cells {
			if k.role == role && !valid(k, x.who) {
				ed.fx.setCell(ed.st, k, nil)
			}
		}
	}
	a := engine.Assign(f, ed.st.Fixed(false))
	for i, m := range f.Months {
		if _, ok := ed.get(roleSPOC, int32(m)); !ok {
			ed.set(roleSPOC, int32(m), a.SPOC[i], false)
		}
	}
	for i, m := range f.Months {
		if _, ok := ed.get(roleBuddy, int32(m)); !ok {
			ed.set(roleBuddy, int32(m), a.Buddy[i], false)
		}
	}
	if np.Presence.Enabled {
		for k, d := range f.Days {
			if _, ok := ed.get(rolePresence, int32(d)); !ok {
				ed.set(rolePresence, int32(d), a.Presence[k], false)
			}
		}
	}
	if old != nil && bytes.Equal(plan.Encode(old), plan.Encode(np)) && len(ed.fx.Set) == 0 {
		return &UnchangedError{Msg: "the file's rules are those of the saved plan"}
	}
	// Map order is random: sort the cells (stably, as one slot may be
	// removed and set again) so that the same file gives the same record.
	sort.SliceStable(ed.fx.Set, func(i, j int) bool {
		a, b := ed.fx.Set[i], ed.fx.Set[j]
		if a.Role != b.Role {
			return a.Role < b.Role
		}
		return a.Key < b.Key
	})
	return nil
}
