package store

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"sort"

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

// state is a saved plan at one version: its rules and its saved assignment.
type state struct {
	plan  *plan.Plan
	cells map[slot]cell
}

func (st *state) clone() *state {
	c := &state{cells: make(map[slot]cell, len(st.cells))}
	if st.plan != nil {
		c.plan = st.plan.Clone()
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
		len(e.DateDel) == 0 && len(e.DateAdd) == 0 && len(e.Set) == 0
}

// setCell records, in e, the cell k becoming c (or going, when c is nil),
// and applies it to st.
func (e *Effect) setCell(st *state, k slot, c *cell) {
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

// apply replays e on st, checking that the history matches what e expects,
// so a damaged history is reported rather than loaded wrong.
func (st *state) apply(e *Effect) error {
	if e.Text != "" {
		p, err := plan.Parse("saved plan", []byte(e.Text))
		if err != nil {
			return fmt.Errorf("a saved plan file no longer reads: %v", err)
		}
		st.plan = p
	}
	if st.plan == nil {
		return fmt.Errorf("a change comes before the plan's import")
	}
	p := st.plan
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

// invert returns the effect that undoes e. prevText is the plan before e as
// a file, needed only when e replaced the plan's text.
func (e *Effect) invert(prevText string) Effect {
	inv := Effect{AbsDel: e.AbsAdd, AbsAdd: e.AbsDel, DateDel: e.DateAdd, DateAdd: e.DateDel}
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

// fixed returns the saved cells as the engine's pins: all of them, or only
// the explicit ones.
func (st *state) fixed(pinnedOnly bool) engine.Fixed {
	f := engine.Fixed{SPOC: map[calendar.Month]string{}, Buddy: map[calendar.Month]string{}, Presence: map[calendar.Date]string{}}
	for k, c := range st.cells {
		if pinnedOnly && !c.pin {
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

// assignment returns the saved assignment laid on frame f: saved cells as
// they are, and, for any month or day without one, what the engine computes
// around them.
func (st *state) assignment(f *engine.Frame) engine.Assignment {
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
	full := engine.Assign(f, st.fixed(false))
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

// checkpointFormat is the layout of checkpoint data. Checkpoints are a cache
// of replayed history: a loader that meets another format ignores them and
// replays. They hold the plan as JSON of plan.Plan, which reads about ten
// times faster than its plan file; so when plan.Plan changes shape, this
// number must change too (TestCheckpointFormatFollowsPlanShape says when).
const checkpointFormat = 2

// checkpointEvery is how many versions apart checkpoints are written (and
// one at version 1), so that loading any version replays fewer changes
// than this.
const checkpointEvery = 50

func checkpointDue(n int) bool { return n == 1 || n%checkpointEvery == 0 }

type checkpointData struct {
	Plan  *plan.Plan `json:"plan"`
	Cells []entry    `json:"cells"`
}

// encodeCheckpoint writes st compactly: the plan and its cells as JSON,
// deflated.
func encodeCheckpoint(st *state) ([]byte, error) {
	cp := checkpointData{Plan: st.plan}
	keys := make([]slot, 0, len(st.cells))
	for k := range st.cells {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].role != keys[j].role {
			return keys[i].role < keys[j].role
		}
		return keys[i].key < keys[j].key
	})
	for _, k := range keys {
		c := st.cells[k]
		w := c.who
		cp.Cells = append(cp.Cells, entry{Role: k.role, Key: k.keyString(), Who: &w, Pin: c.pin})
	}
	raw, err := json.Marshal(cp)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw, _ := flate.NewWriter(&b, flate.BestSpeed)
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func decodeCheckpoint(data []byte) (*state, error) {
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(data)))
	if err != nil {
		return nil, err
	}
	var cp checkpointData
	if err := json.Unmarshal(raw, &cp); err != nil {
		return nil, err
	}
	if cp.Plan == nil {
		return nil, fmt.Errorf("a checkpoint without a plan")
	}
	st := &state{plan: cp.Plan, cells: make(map[slot]cell, len(cp.Cells))}
	for _, en := range cp.Cells {
		k, err := parseSlot(en.Role, en.Key)
		if err != nil || en.Who == nil {
			return nil, fmt.Errorf("bad checkpoint cell %v", en)
		}
		st.cells[k] = cell{who: *en.Who, pin: en.Pin}
	}
	return st, nil
}
