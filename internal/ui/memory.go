package ui

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
)

// Memory is a Source that keeps a plan and its history in memory: the
// planner's tests run on it. It follows the saved-plan rules of the spec
// (section 9) as the store does: the rota computed at the start stays as it
// is, only explicit changes move it, and an undo is a new version.
type Memory struct {
	mu        sync.Mutex // the planner calls a source from its commands, which may overlap
	name      string
	author    string
	now       func() time.Time
	plan      *memLine
	scenarios []*memLine
}

// memLine is a history: the plan's own, or a what-if's starting from a
// plan version. states[i] is version first+i.
type memLine struct {
	name   string // "" for the plan
	first  int
	states []*memState
	ScenarioInfo
}

type memState struct {
	plan   *plan.Plan
	assign engine.Assignment
	pinM   map[calendar.Month]bool
	pinD   map[calendar.Date]bool
	result *coverage.Result
	undo   int // the version an undo from here returns to; 0 when there is nothing to undo
	Version
}

func (l *memLine) head() int { return l.first + len(l.states) - 1 }

func (l *memLine) last() *memState { return l.states[len(l.states)-1] }

func (l *memLine) at(n int) *memState { return l.states[n-l.first] }

// NewMemory computes p's rota and holds it as version 1 of a plan called
// name. now stamps versions (time.Now when nil).
func NewMemory(name string, p *plan.Plan, author string, now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	f := engine.NewFrame(p)
	a := engine.Assign(f, engine.Fixed{})
	m := &Memory{name: name, author: author, now: now}
	m.plan = &memLine{first: 1, states: []*memState{{
		plan: p, assign: a, pinM: map[calendar.Month]bool{}, pinD: map[calendar.Date]bool{},
		result:  coverage.Evaluate(f, a),
		Version: Version{N: 1, Author: author, Time: now(), Note: "import"},
	}}}
	return m
}

func (m *Memory) snapshot(l *memLine, n int) *Snapshot {
	s := l.at(n)
	snap := &Snapshot{Plan: m.name, Version: n, Latest: l.head(), Result: s.result,
		PinnedMonths: s.pinM, PinnedDays: s.pinD, ReadOnly: n != l.head()}
	if l.name != "" {
		snap.Scenario, snap.Base, snap.Changes = l.name, l.first, l.head()-l.first
	}
	return snap
}

// Current implements Source.
func (m *Memory) Current() (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.snapshot(m.plan, m.plan.head()), nil
}

// At implements Source.
func (m *Memory) At(n int) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n < 1 || n > m.plan.head() {
		return nil, fmt.Errorf("%s has no version %d (versions 1 to %d)", m.name, n, m.plan.head())
	}
	return m.snapshot(m.plan, n), nil
}

// History implements Source.
func (m *Memory) History() ([]Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Version, len(m.plan.states))
	for i, s := range m.plan.states {
		out[i] = s.Version
	}
	return out, nil
}

// line finds the history a snapshot belongs to and checks that it has not
// moved on since.
func (m *Memory) line(on *Snapshot) (*memLine, error) {
	if on.ReadOnly {
		return nil, fmt.Errorf("version %d is an earlier version, open to read only", on.Version)
	}
	l := m.plan
	what := "plan"
	if on.Scenario != "" {
		if l = m.scenario(on.Scenario); l == nil {
			return nil, fmt.Errorf("there is no scenario %q", on.Scenario)
		}
		what = "scenario"
	}
	if on.Version != l.head() {
		last := l.last()
		return nil, fmt.Errorf("%s changed since version %d: now version %d by %s: %w", what, on.Version, last.N, last.Author, ErrConflict)
	}
	return l, nil
}

func (m *Memory) scenario(name string) *memLine {
	for _, s := range m.scenarios {
		if s.name == name {
			return s
		}
	}
	return nil
}

// Apply implements Source.
func (m *Memory) Apply(on *Snapshot, c Change) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, err := m.line(on)
	if err != nil {
		return nil, err
	}
	next, err := change(l.last(), c)
	if err != nil {
		return nil, err
	}
	next.undo = l.head()
	m.push(l, next, c.String())
	return m.snapshot(l, l.head()), nil
}

func (m *Memory) push(l *memLine, s *memState, note string) {
	s.Version = Version{N: l.head() + 1, Author: m.author, Time: m.now(), Note: note}
	l.states = append(l.states, s)
	l.ScenarioInfo.Version = l.head()
}

// Undo implements Source.
func (m *Memory) Undo(on *Snapshot) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l, err := m.line(on)
	if err != nil {
		return nil, err
	}
	last := l.last()
	if last.undo == 0 || last.undo < l.first {
		what := "the plan as imported"
		if l.name != "" {
			what = "where the what-if starts"
		}
		return nil, fmt.Errorf("nothing to undo: the changes are undone back to %s", what)
	}
	back := l.at(last.undo)
	next := *back
	m.push(l, &next, fmt.Sprintf("undo %s (back to version %d)", strings.TrimPrefix(last.Note, "undo "), back.N))
	return m.snapshot(l, l.head()), nil
}

// Scenarios implements Source.
func (m *Memory) Scenarios() ([]ScenarioInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]ScenarioInfo, len(m.scenarios))
	for i, s := range m.scenarios {
		out[i] = s.ScenarioInfo
	}
	return out, nil
}

// NewScenario implements Source.
func (m *Memory) NewScenario(on *Snapshot, name string) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on.Scenario != "" {
		return nil, fmt.Errorf("a what-if starts on a version of the plan, not on another what-if")
	}
	if on.Version < 1 || on.Version > m.plan.head() {
		return nil, fmt.Errorf("%s has no version %d", m.name, on.Version)
	}
	if err := m.checkName(name); err != nil {
		return nil, err
	}
	base := *m.plan.at(on.Version)
	base.undo = 0
	l := &memLine{name: name, first: on.Version, states: []*memState{&base},
		ScenarioInfo: ScenarioInfo{Name: name, Base: on.Version, Version: on.Version, Author: m.author, Time: m.now()}}
	m.scenarios = append(m.scenarios, l)
	return m.snapshot(l, l.head()), nil
}

func (m *Memory) checkName(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("a scenario needs a name")
	}
	if m.scenario(name) != nil {
		return fmt.Errorf("there is already a scenario %q", name)
	}
	return nil
}

// OpenScenario implements Source.
func (m *Memory) OpenScenario(name string) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.scenario(name)
	if l == nil {
		return nil, fmt.Errorf("there is no scenario %q", name)
	}
	return m.snapshot(l, l.head()), nil
}

// RenameScenario implements Source.
func (m *Memory) RenameScenario(from, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.scenario(from)
	if l == nil {
		return fmt.Errorf("there is no scenario %q", from)
	}
	if from == to {
		return nil
	}
	if err := m.checkName(to); err != nil {
		return err
	}
	l.name, l.Name = to, to
	return nil
}

// AdoptScenario implements Source.
func (m *Memory) AdoptScenario(s *Snapshot) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.scenario(s.Scenario)
	if l == nil {
		return nil, fmt.Errorf("there is no scenario %q", s.Scenario)
	}
	if l.first != m.plan.head() {
		last := m.plan.last()
		return nil, fmt.Errorf("scenario %s started on version %d; the plan is now version %d by %s: %w",
			l.name, l.first, last.N, last.Author, ErrConflict)
	}
	for _, st := range l.states[1:] {
		next := *st
		next.undo = m.plan.head()
		m.plan.states = append(m.plan.states, &next)
	}
	m.scenarios = slices.DeleteFunc(m.scenarios, func(x *memLine) bool { return x == l })
	return m.snapshot(m.plan, m.plan.head()), nil
}

// DropScenario implements Source.
func (m *Memory) DropScenario(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	l := m.scenario(name)
	if l == nil {
		return fmt.Errorf("there is no scenario %q", name)
	}
	m.scenarios = slices.DeleteFunc(m.scenarios, func(x *memLine) bool { return x == l })
	return nil
}

// change returns the state after c, or why the rules refuse it.
func change(s *memState, c Change) (*memState, error) {
	p := s.plan
	f := s.result.Frame
	next := &memState{plan: p, assign: s.assign, pinM: s.pinM, pinD: s.pinD}
	person := func(id string) error {
		if _, ok := p.Person(id); !ok {
			return fmt.Errorf("%q is not a person of this plan (persons: %s)", id, strings.Join(p.PersonIDs(), ", "))
		}
		return nil
	}
	month := func(m calendar.Month) (int, error) {
		i, ok := f.MonthIndex(m)
		if !ok {
			return 0, fmt.Errorf("%s is outside the plan (%s to %s)", m.Label(), p.Start.Month().Label(), p.End.Month().Label())
		}
		return i, nil
	}
	inOrder := func(id string) error {
		if !slices.Contains(p.SPOC.Order, id) {
			return fmt.Errorf("%s is not in the SPOC order (%s)", p.PersonName(id), strings.Join(p.SPOC.Order, ", "))
		}
		return nil
	}
	copyAssign := func() {
		next.assign = engine.Assignment{
			SPOC:     slices.Clone(s.assign.SPOC),
			Buddy:    slices.Clone(s.assign.Buddy),
			Presence: slices.Clone(s.assign.Presence),
		}
		next.pinM = clonePins(s.pinM)
	}
	// A month whose SPOC became its buddy gets a new buddy by the spec's rule.
	rebuddy := func(i int) {
		if next.assign.Buddy[i] != next.assign.SPOC[i] {
			return
		}
		fixed := map[calendar.Month]string{}
		for j, m := range f.Months {
			if j != i {
				fixed[m] = next.assign.Buddy[j]
			}
		}
		next.assign.Buddy = engine.AssignBuddies(f, next.assign.SPOC, fixed)
	}
	switch c.Kind {
	case SetSPOC:
		i, err := month(c.Month)
		if err != nil {
			return nil, err
		}
		if err := inOrder(c.Person); err != nil {
			return nil, err
		}
		copyAssign()
		next.assign.SPOC[i] = c.Person
		next.pinM[c.Month] = true
		rebuddy(i)
	case SwapMonths:
		i, err := month(c.Month)
		if err != nil {
			return nil, err
		}
		j, err := month(c.Month2)
		if err != nil {
			return nil, err
		}
		if i == j {
			return nil, fmt.Errorf("swap needs two different months")
		}
		copyAssign()
		next.assign.SPOC[i], next.assign.SPOC[j] = next.assign.SPOC[j], next.assign.SPOC[i]
		next.pinM[c.Month], next.pinM[c.Month2] = true, true
		rebuddy(i)
		rebuddy(j)
	case SetBuddy:
		i, err := month(c.Month)
		if err != nil {
			return nil, err
		}
		if err := inOrder(c.Person); err != nil {
			return nil, err
		}
		if s.assign.SPOC[i] == c.Person {
			return nil, fmt.Errorf("%s is the SPOC of %s and cannot also be its buddy", p.PersonName(c.Person), c.Month.Label())
		}
		copyAssign()
		next.assign.Buddy[i] = c.Person
		next.pinM[c.Month] = true
	case SetPresence:
		k, ok := f.DayIndex(c.Date)
		if !ok {
			return nil, fmt.Errorf("%s is not a working day of the plan", c.Date.Short())
		}
		if !slices.Contains(p.Presence.Order, c.Person) {
			return nil, fmt.Errorf("%s is not in the presence order (%s)", p.PersonName(c.Person), strings.Join(p.Presence.Order, ", "))
		}
		if a, away := f.Absence(c.Person, c.Date); away {
			why := ""
			if a.Reason != "" {
				why = " (" + a.Reason + ")"
			}
			return nil, fmt.Errorf("%s is away on %s%s", p.PersonName(c.Person), c.Date.Short(), why)
		}
		copyAssign()
		next.assign.Presence[k] = c.Person
		next.pinD = clonePinDays(s.pinD)
		next.pinD[c.Date] = true
	case AddAbsence:
		if err := person(c.Person); err != nil {
			return nil, err
		}
		if c.From > c.To {
			return nil, fmt.Errorf("the absence ends (%s) before it starts (%s)", c.To.Short(), c.From.Short())
		}
		next.plan = p.Clone()
		next.plan.Absences = append(next.plan.Absences, plan.Absence{Person: c.Person, From: c.From, To: c.To, Reason: c.Reason})
	case RemoveAbsence:
		at := slices.IndexFunc(p.Absences, func(a plan.Absence) bool {
			return a.Person == c.Person && a.From == c.From && a.To == c.To
		})
		if at < 0 {
			return nil, fmt.Errorf("%s has no absence from %s to %s", p.PersonName(c.Person), c.From.Short(), c.To.Short())
		}
		next.plan = p.Clone()
		next.plan.Absences = slices.Delete(next.plan.Absences, at, at+1)
	case SetOwner, SetCover:
		at := slices.IndexFunc(p.Duties, func(d plan.Duty) bool { return d.ID == c.Duty })
		if at < 0 {
			return nil, fmt.Errorf("%q is not a duty of this plan", c.Duty)
		}
		du := p.Duties[at]
		if c.Kind == SetOwner {
			if err := person(c.Person); err != nil {
				return nil, err
			}
			if slices.Contains(du.Cover, c.Person) {
				return nil, fmt.Errorf("%s is in the cover of %s: take them out of the cover first", p.PersonName(c.Person), du.Title)
			}
			du.Owner = c.Person
		} else {
			seen := map[string]bool{}
			for _, id := range c.Cover {
				if err := person(id); err != nil {
					return nil, err
				}
				if id == du.Owner {
					return nil, fmt.Errorf("%s owns %s and cannot also cover it", p.PersonName(id), du.Title)
				}
				if seen[id] {
					return nil, fmt.Errorf("%s is named twice in the cover", p.PersonName(id))
				}
				seen[id] = true
			}
			du.Cover = slices.Clone(c.Cover)
		}
		next.plan = p.Clone()
		next.plan.Duties[at] = du
	default:
		return nil, fmt.Errorf("unknown change %q", c.Kind)
	}
	nf := f
	if next.plan != p {
		nf = engine.NewFrame(next.plan)
	}
	next.result = coverage.Evaluate(nf, next.assign)
	return next, nil
}

func clonePins(m map[calendar.Month]bool) map[calendar.Month]bool {
	out := make(map[calendar.Month]bool, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	return out
}

func clonePinDays(m map[calendar.Date]bool) map[calendar.Date]bool {
	out := make(map[calendar.Date]bool, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}
