package store

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"rota/internal/calendar"
	"rota/internal/diff"
	"rota/internal/engine"
	"rota/internal/plan"
)

// edit works out what change c does to st: the effect to record and the
// state after it. st is not modified. A change that breaks the plan's rules
// is a *RefusedError, one that changes nothing an *UnchangedError.
func edit(st *state, c Change) (Effect, *state, error) {
	next := st.clone()
	ed := &editor{st: next}
	if next.plan != nil {
		ed.f = engine.NewFrame(next.plan)
	}
	var err error
	switch c.Kind {
	case KindImport, KindReimport:
		err = ed.reimport(c)
	case KindSPOC:
		err = ed.spoc(c.Month, c.Person)
	case KindSwap:
		err = ed.swap(c.Month, c.Other)
	case KindBuddy:
		err = ed.buddy(c.Month, c.Person)
	case KindPresent:
		err = ed.present(c.Date, c.Person)
	case KindAbsent:
		err = ed.absent(plan.Absence{Person: c.Person, From: c.Date, To: c.To, Reason: c.Reason})
	case KindUnabsent:
		err = ed.unabsent(c.Person, c.Date, c.To)
	case KindOwner:
		err = ed.owner(c.Duty, c.Person)
	case KindCover:
		err = ed.cover(c.Duty, c.Persons)
	case KindEventDate:
		err = ed.eventDate(c.Event, c.Date)
	case KindNoEventDate:
		err = ed.noEventDate(c.Event, c.Date)
	case KindUnpin:
		err = ed.unpin(c)
	case KindReplan:
		err = ed.replan(c.Date)
	default:
		err = refused("%q is not a change the store knows", c.Kind)
	}
	if err != nil {
		return Effect{}, nil, err
	}
	if ed.fx.empty() {
		return Effect{}, nil, &UnchangedError{Msg: "the change leaves the plan as it is"}
	}
	if err := next.plan.Validate(); err != nil {
		return Effect{}, nil, asRefused(err)
	}
	return ed.fx, next, nil
}

// asRefused turns a plan's problems into a refusal, one line each.
func asRefused(err error) error {
	if probs, ok := err.(plan.Problems); ok {
		r := &RefusedError{}
		for _, p := range probs {
			r.Problems = append(r.Problems, p.Error())
		}
		return r
	}
	return &RefusedError{Problems: []string{err.Error()}}
}

type editor struct {
	st *state
	f  *engine.Frame
	fx Effect
}

func (ed *editor) p() *plan.Plan { return ed.st.plan }

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
		return 0, refused("%s is outside the plan (%s to %s)", m, ed.p().Start.Month(), ed.p().End.Month())
	}
	return i, nil
}

func (ed *editor) inOrder(what string, order []string, who string) error {
	if slices.Contains(order, who) {
		return nil
	}
	if _, ok := ed.p().Person(who); !ok {
		return refused("%q is not a person of this plan (persons: %s)", who, strings.Join(ed.p().PersonIDs(), ", "))
	}
	return refused("%s is not in the %s order (%s)", who, what, strings.Join(order, ", "))
}

func (ed *editor) person(who string) error {
	if _, ok := ed.p().Person(who); !ok {
		return refused("%q is not a person of this plan (persons: %s)", who, strings.Join(ed.p().PersonIDs(), ", "))
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
		return refused("swap needs two different months, got %s twice", a)
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
	a := ed.st.assignment(ed.f)
	redo := map[int]bool{}
	for _, m := range changed {
		i, _ := ed.f.MonthIndex(m)
		c, _ := ed.get(roleBuddy, int32(m))
		switch {
		case c.pin && c.who == a.SPOC[i]:
			return refused("%s is the buddy of %s, set explicitly, so cannot also be its SPOC: set another buddy first (buddy %s PERSON)", c.who, m, m)
		case !c.pin && c.who == a.SPOC[i]:
			redo[i] = true
		}
		if j := i + step; j >= 0 && j < len(ed.f.Months) {
			if c, _ := ed.get(roleBuddy, int32(ed.f.Months[j])); !c.pin {
				redo[j] = true
			}
		}
	}
	fixed := ed.st.fixed(false)
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
	if s := ed.st.assignment(ed.f).SPOC[i]; s == who {
		return refused("%s is the SPOC of %s; the buddy must be someone else", who, m)
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
		return refused("%s is outside the plan (%s to %s)", d, p.Start, p.End)
	}
	if _, ok := ed.f.DayIndex(d); !ok {
		return refused("%s is not a working day (%s)", d, ed.f.Cal.WhyClosed(d))
	}
	return nil
}

// awayText says why who is away on d, for messages a PA reads in the
// planner's status bar as well as on the command line: the name and the
// weekday help more there than ids and ISO dates alone.
func (ed *editor) awayText(who string, d calendar.Date) string {
	a, _ := ed.f.Absence(who, d)
	why := "away"
	if a.Reason != "" {
		why = a.Reason
	}
	return fmt.Sprintf("%s is away on %s (%s)", ed.p().PersonName(who), d.Short(), why)
}

func (ed *editor) present(d calendar.Date, who string) error {
	if !ed.p().Presence.Enabled {
		return refused("daily presence is not enabled in this plan ([presence] enabled = false)")
	}
	if err := ed.workingDay(d); err != nil {
		return err
	}
	if err := ed.inOrder("presence", ed.p().Presence.Order, who); err != nil {
		return err
	}
	if ed.f.Absent(who, d) {
		return refused("%s", ed.awayText(who, d))
	}
	if c, _ := ed.get(rolePresence, int32(d)); c.who == who && c.pin {
		return &UnchangedError{Msg: fmt.Sprintf("%s is already present on %s", who, d)}
	}
	ed.set(rolePresence, int32(d), who, true)
	return nil
}

func (ed *editor) absent(a plan.Absence) error {
	if err := ed.person(a.Person); err != nil {
		return err
	}
	if a.From > a.To {
		return refused("the absence ends (%s) before it starts (%s)", a.To, a.From)
	}
	if !utf8.ValidString(a.Reason) || strings.ContainsAny(a.Reason, "\n\r") {
		return refused("the reason must be one line of text")
	}
	if slices.Contains(ed.p().Absences, a) {
		return &UnchangedError{Msg: "that absence is already recorded: " + diff.AbsenceText(a)}
	}
	i := len(ed.p().Absences)
	ed.fx.AbsAdd = append(ed.fx.AbsAdd, absAt{I: i, Person: a.Person, From: a.From, To: a.To, Reason: a.Reason})
	ed.p().Absences = append(slices.Clip(ed.p().Absences), a)
	return nil
}

func (ed *editor) unabsent(who string, from, to calendar.Date) error {
	if err := ed.person(who); err != nil {
		return err
	}
	if from > to {
		return refused("the days end (%s) before they start (%s)", to, from)
	}
	old := ed.p().Absences
	var out []plan.Absence
	var theirs []string
	for i, a := range old {
		if a.Person != who {
			out = append(out, a)
			continue
		}
		theirs = append(theirs, diff.AbsenceText(a))
		if a.To < from || a.From > to {
			out = append(out, a)
			continue
		}
		ed.fx.AbsDel = append(ed.fx.AbsDel, absAt{I: i, Person: a.Person, From: a.From, To: a.To, Reason: a.Reason})
		for _, piece := range []plan.Absence{{Person: who, From: a.From, To: from - 1, Reason: a.Reason}, {Person: who, From: to + 1, To: a.To, Reason: a.Reason}} {
			if piece.From <= piece.To {
				ed.fx.AbsAdd = append(ed.fx.AbsAdd, absAt{I: len(out), Person: who, From: piece.From, To: piece.To, Reason: piece.Reason})
				out = append(out, piece)
			}
		}
	}
	if len(ed.fx.AbsDel) == 0 {
		if len(theirs) == 0 {
			return refused("%s has no absence recorded", who)
		}
		return refused("%s has no absence between %s and %s (their absences: %s)", who, from, to, strings.Join(theirs, "; "))
	}
	ed.p().Absences = out
	return nil
}

func (ed *editor) duty(id string) (*plan.Duty, error) {
	p := ed.p()
	for i := range p.Duties {
		if p.Duties[i].ID == id {
			return &p.Duties[i], nil
		}
	}
	ids := make([]string, len(p.Duties))
	for i, d := range p.Duties {
		ids[i] = d.ID
	}
	if len(ids) > 12 {
		ids = append(ids[:12], "…")
	}
	return nil, refused("%q is not a duty of this plan (duties: %s)", id, strings.Join(ids, ", "))
}

func (ed *editor) setDuty(d *plan.Duty, owner string, cover []string) {
	ed.fx.Duty = &dutyFx{ID: d.ID, Owner: owner, WasOwner: d.Owner, Cover: cover, WasCover: d.Cover}
	d.Owner, d.Cover = owner, cover
}

func (ed *editor) owner(id, who string) error {
	d, err := ed.duty(id)
	if err != nil {
		return err
	}
	if err := ed.person(who); err != nil {
		return err
	}
	if d.Owner == who {
		return &UnchangedError{Msg: fmt.Sprintf("%s already owns %s", who, id)}
	}
	// The new owner leaves the cover: nobody covers for themselves.
	var cover []string
	for _, c := range d.Cover {
		if c != who {
			cover = append(cover, c)
		}
	}
	ed.setDuty(d, who, cover)
	return nil
}

func (ed *editor) cover(id string, cover []string) error {
	d, err := ed.duty(id)
	if err != nil {
		return err
	}
	for i, c := range cover {
		if err := ed.person(c); err != nil {
			return err
		}
		if c == d.Owner {
			return refused("%s owns %s and cannot also cover it; list only other people", c, id)
		}
		if slices.Contains(cover[:i], c) {
			return refused("%s is listed twice; name each person once, in the order they step in", c)
		}
	}
	if slices.Equal(d.Cover, cover) {
		return &UnchangedError{Msg: fmt.Sprintf("%s already has that cover", id)}
	}
	ed.setDuty(d, d.Owner, slices.Clone(cover))
	return nil
}

func (ed *editor) event(id string) (*plan.Event, error) {
	if e := event(ed.p(), id); e != nil {
		return e, nil
	}
	var ids []string
	for _, e := range ed.p().Events {
		ids = append(ids, e.ID)
	}
	if len(ids) == 0 {
		return nil, refused("%q is not an event: this plan has no events", id)
	}
	return nil, refused("%q is not an event of this plan (events: %s)", id, strings.Join(ids, ", "))
}

func (ed *editor) eventDate(id string, d calendar.Date) error {
	e, err := ed.event(id)
	if err != nil {
		return err
	}
	p := ed.p()
	if d < p.Start || d > p.End {
		return refused("%s is outside the plan (%s to %s)", d, p.Start, p.End)
	}
	if slices.Contains(e.Dates, d) {
		return &UnchangedError{Msg: fmt.Sprintf("%s is already a date of %s", d, id)}
	}
	i := len(e.Dates)
	for k, x := range e.Dates {
		if x > d {
			i = k
			break
		}
	}
	ed.fx.DateAdd = append(ed.fx.DateAdd, dateAt{Event: id, I: i, Date: d})
	e.Dates = slices.Insert(slices.Clone(e.Dates), i, d)
	return nil
}

func (ed *editor) noEventDate(id string, d calendar.Date) error {
	e, err := ed.event(id)
	if err != nil {
		return err
	}
	i := slices.Index(e.Dates, d)
	if i < 0 {
		if e.Weekly != nil && d.Weekday() == *e.Weekly {
			return refused("%s meets every %s; a weekly date cannot be taken out one by one (edit the plan file and re-import it)", id, calendar.WeekdayName(*e.Weekly))
		}
		return refused("%s is not a date of %s", d, id)
	}
	if len(e.Dates) == 1 && e.Weekly == nil {
		return refused("%s is the only date of %s; an event needs at least one (edit the plan file to remove the event)", d, id)
	}
	ed.fx.DateDel = append(ed.fx.DateDel, dateAt{Event: id, I: i, Date: d})
	e.Dates = slices.Delete(slices.Clone(e.Dates), i, i+1)
	return nil
}

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
	fixed := engine.Fixed{SPOC: map[calendar.Month]string{}, Buddy: map[calendar.Month]string{}, Presence: map[calendar.Date]string{}}
	for k, c := range ed.st.cells {
		if !keep(k, c) {
			continue
		}
		switch k.role {
		case roleSPOC:
			fixed.SPOC[calendar.Month(k.key)] = c.who
		case roleBuddy:
			fixed.Buddy[calendar.Month(k.key)] = c.who
		case rolePresence:
			fixed.Presence[calendar.Date(k.key)] = c.who
		}
	}
	a := engine.Assign(ed.f, fixed)
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
		return asRefused(err)
	}
	old := ed.st.plan
	ed.st.plan = np
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
	a := engine.Assign(f, ed.st.fixed(false))
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
