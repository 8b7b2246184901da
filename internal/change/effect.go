package change

import (
	"fmt"
	"slices"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// Effect is what a change did, recorded when it was written and replayed on
// load. Recording the effect rather than recomputing it keeps history
// stable: a later rota with a different optimiser still loads every old
// version exactly as it was, and an undo is the effect inverted.
type Effect struct {
	Text    string   `json:"text,omitempty"`    // replace the plan by this file text
	AbsDel  []absAt  `json:"absdel,omitempty"`  // absences removed, by index in the list before
	AbsAdd  []absAt  `json:"absadd,omitempty"`  // absences added, by index in the list after
	Duty    *dutyFx  `json:"duty,omitempty"`    // owner and cover set
	DateDel []dateAt `json:"datedel,omitempty"` // event dates removed
	DateAdd []dateAt `json:"dateadd,omitempty"` // event dates added
	Set     []entry  `json:"set,omitempty"`     // assignment cells set
	AccDel  []accAt  `json:"accdel,omitempty"`  // acceptances removed, by index in the list before
	AccAdd  []accAt  `json:"accadd,omitempty"`  // acceptances added, by index in the list after
	HandDel []handAt `json:"handdel,omitempty"` // handover entries removed (an undo)
	HandAdd []handAt `json:"handadd,omitempty"` // handover entries added
	DecDel  []decAt  `json:"decdel,omitempty"`  // decisions removed (an undo)
	DecAdd  []decAt  `json:"decadd,omitempty"`  // decisions added to the register
}

type decAt struct {
	I int `json:"i"`
	plan.Decision
}

type accAt struct {
	I int `json:"i"`
	plan.Acceptance
}

type handAt struct {
	I int `json:"i"`
	plan.Handover
}

type absAt struct {
	I      int           `json:"i"`
	Person string        `json:"person"`
	From   calendar.Date `json:"from"`
	To     calendar.Date `json:"to"`
	Reason string        `json:"reason,omitempty"`
}

func (a absAt) absence() plan.Absence {
	return plan.Absence{Person: a.Person, From: a.From, To: a.To, Reason: a.Reason}
}

type dutyFx struct {
	ID       string   `json:"id"`
	Owner    string   `json:"owner"`
	WasOwner string   `json:"was_owner"`
	Cover    []string `json:"cover"`
	WasCover []string `json:"was_cover"`
}

type dateAt struct {
	Event string        `json:"event"`
	I     int           `json:"i"`
	Date  calendar.Date `json:"date"`
}

// entry sets one cell. A nil Who removes the cell; a nil Was says there was
// none.
type entry struct {
	Role   string  `json:"r"`
	Key    string  `json:"k"`
	Who    *string `json:"who,omitempty"`
	Was    *string `json:"was,omitempty"`
	Pin    bool    `json:"pin,omitempty"`
	WasPin bool    `json:"waspin,omitempty"`
}

func (e *Effect) empty() bool {
	return e.Text == "" && len(e.AbsDel) == 0 && len(e.AbsAdd) == 0 && e.Duty == nil &&
		len(e.DateDel) == 0 && len(e.DateAdd) == 0 && len(e.Set) == 0 &&
		len(e.AccDel) == 0 && len(e.AccAdd) == 0 && len(e.HandDel) == 0 && len(e.HandAdd) == 0 &&
		len(e.DecDel) == 0 && len(e.DecAdd) == 0
}

// setCell records, in e, the cell k becoming c (or going, when c is nil),
// and applies it to st.
func (e *Effect) setCell(st *State, k slot, c *cell) {
	old, had := st.cells[k]
	if had && c != nil && old == *c {
		return
	}
	if !had && c == nil {
		return
	}
	en := entry{Role: k.role, Key: k.keyString()}
	if had {
		w := old.who
		en.Was, en.WasPin = &w, old.pin
	}
	if c != nil {
		w := c.who
		en.Who, en.Pin = &w, c.pin
		st.cells[k] = *c
	} else {
		delete(st.cells, k)
	}
	e.Set = append(e.Set, en)
}

// Replay replays e on st, checking that the history matches what e expects,
// so a damaged history is reported rather than loaded wrong.
func (st *State) Replay(e *Effect) error {
	if e.Text != "" {
		p, err := plan.Parse("saved plan", []byte(e.Text))
		if err != nil {
			return fmt.Errorf("a saved plan file no longer reads: %v", err)
		}
		st.Plan = p
	}
	if st.Plan == nil {
		return fmt.Errorf("a change comes before the plan's import")
	}
	p := st.Plan
	if len(e.AbsDel) > 0 || len(e.AbsAdd) > 0 {
		abs := slices.Clone(p.Absences)
		for i := len(e.AbsDel) - 1; i >= 0; i-- {
			a := e.AbsDel[i]
			if a.I < 0 || a.I >= len(abs) || abs[a.I] != a.absence() {
				return fmt.Errorf("absence %d is not the one the history removes", a.I+1)
			}
			abs = slices.Delete(abs, a.I, a.I+1)
		}
		for _, a := range e.AbsAdd {
			if a.I < 0 || a.I > len(abs) {
				return fmt.Errorf("the history adds absence %d to a list of %d", a.I+1, len(abs))
			}
			abs = slices.Insert(abs, a.I, a.absence())
		}
		p.Absences = abs
	}
	if d := e.Duty; d != nil {
		i := slices.IndexFunc(p.Duties, func(x plan.Duty) bool { return x.ID == d.ID })
		if i < 0 || p.Duties[i].Owner != d.WasOwner || !slices.Equal(p.Duties[i].Cover, d.WasCover) {
			return fmt.Errorf("duty %q is not as the history expects", d.ID)
		}
		p.Duties[i].Owner, p.Duties[i].Cover = d.Owner, slices.Clone(d.Cover)
	}
	for k := len(e.DateDel) - 1; k >= 0; k-- {
		x := e.DateDel[k]
		ev := event(p, x.Event)
		if ev == nil || x.I < 0 || x.I >= len(ev.Dates) || ev.Dates[x.I] != x.Date {
			return fmt.Errorf("event %q has no date %s where the history removes it", x.Event, x.Date)
		}
		ev.Dates = slices.Delete(slices.Clone(ev.Dates), x.I, x.I+1)
	}
	for _, x := range e.DateAdd {
		ev := event(p, x.Event)
		if ev == nil || x.I < 0 || x.I > len(ev.Dates) {
			return fmt.Errorf("event %q cannot take date %s where the history adds it", x.Event, x.Date)
		}
		ev.Dates = slices.Insert(slices.Clone(ev.Dates), x.I, x.Date)
	}
	if err := replayList(&p.Acceptances, e.AccDel, e.AccAdd, "acceptance"); err != nil {
		return err
	}
	if err := replayList(&p.Handovers, e.HandDel, e.HandAdd, "handover entry"); err != nil {
		return err
	}
	if err := replayList(&p.Decisions, e.DecDel, e.DecAdd, "decision"); err != nil {
		return err
	}
	for _, en := range e.Set {
		k, err := parseSlot(en.Role, en.Key)
		if err != nil {
			return err
		}
		old, had := st.cells[k]
		if had != (en.Was != nil) || (had && (old.who != *en.Was || old.pin != en.WasPin)) {
			return fmt.Errorf("%s of %s is not as the history expects", roleName(en.Role), en.Key)
		}
		if en.Who == nil {
			delete(st.cells, k)
		} else {
			st.cells[k] = cell{who: *en.Who, pin: en.Pin}
		}
	}
	return nil
}

func event(p *plan.Plan, id string) *plan.Event {
	for i := range p.Events {
		if p.Events[i].ID == id {
			return &p.Events[i]
		}
	}
	return nil
}

func roleName(role string) string {
	switch role {
	case roleSPOC:
		return "the SPOC"
	case roleBuddy:
		return "the buddy"
	}
	return "presence"
}

// Invert returns the effect that undoes e. prevText is the plan before e as
// a file, needed only when e replaced the plan's text.
func (e *Effect) Invert(prevText string) Effect {
	inv := Effect{AbsDel: e.AbsAdd, AbsAdd: e.AbsDel, DateDel: e.DateAdd, DateAdd: e.DateDel,
		AccDel: e.AccAdd, AccAdd: e.AccDel, HandDel: e.HandAdd, HandAdd: e.HandDel, DecDel: e.DecAdd, DecAdd: e.DecDel}
	if e.Text != "" {
		inv.Text = prevText
	}
	if d := e.Duty; d != nil {
		inv.Duty = &dutyFx{ID: d.ID, Owner: d.WasOwner, WasOwner: d.Owner, Cover: d.WasCover, WasCover: d.Cover}
	}
	for i := len(e.Set) - 1; i >= 0; i-- {
		en := e.Set[i]
		inv.Set = append(inv.Set, entry{Role: en.Role, Key: en.Key, Who: en.Was, Was: en.Who, Pin: en.WasPin, WasPin: en.Pin})
	}
	return inv
}

// ReplacesPlan reports whether e replaced the plan's rules (an import or a
// re-import): undoing it then needs the state before it (see Revert).
func (e *Effect) ReplacesPlan() bool { return e.Text != "" }

// indexed is an entry of a plan's list with its place, as effects record
// acceptances and handover entries.
type indexed[T comparable] interface {
	at() int
	value() T
}

func (a accAt) at() int                { return a.I }
func (a accAt) value() plan.Acceptance { return a.Acceptance }
func (h handAt) at() int               { return h.I }
func (h handAt) value() plan.Handover  { return h.Handover }
func (x decAt) at() int                { return x.I }
func (x decAt) value() plan.Decision   { return x.Decision }

// replayList removes del (by index in the list before, last first) and
// inserts add (by index in the list after), checking that each removed
// entry is the one the history names.
func replayList[T comparable, X indexed[T]](list *[]T, del, add []X, what string) error {
	if len(del) == 0 && len(add) == 0 {
		return nil
	}
	l := slices.Clone(*list)
	for i := len(del) - 1; i >= 0; i-- {
		x := del[i]
		if x.at() < 0 || x.at() >= len(l) || l[x.at()] != x.value() {
			return fmt.Errorf("%s %d is not the one the history removes", what, x.at()+1)
		}
		l = slices.Delete(l, x.at(), x.at()+1)
	}
	for _, x := range add {
		if x.at() < 0 || x.at() > len(l) {
			return fmt.Errorf("the history adds %s %d to a list of %d", what, x.at()+1, len(l))
		}
		l = slices.Insert(l, x.at(), x.value())
	}
	*list = l
	return nil
}
