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
// planner's tests run on it, and it shows a plan file when no store is at
// hand. It follows the saved-plan rules of the spec (section 9): the rota
// computed at the start stays as it is, and only explicit changes move it.
type Memory struct {
	mu        sync.Mutex // the planner calls a source from its commands, which may overlap
	name      string
	author    string
	now       func() time.Time
	versions  []*memState // versions[i] is version i+1
	scenarios []*memScenario
}

type memState struct {
	plan   *plan.Plan
	assign engine.Assignment
	pinM   map[calendar.Month]bool
	pinD   map[calendar.Date]bool
	result *coverage.Result
	prev   int // the version whose state this change started from; undo returns there
	Version
}

type memScenario struct {
	info   ScenarioInfo
	states []*memState // states[0] is the base version's state
}

// NewMemory computes p's rota and holds it as version 1 of a plan called
// name. now stamps versions (time.Now when nil).
func NewMemory(name string, p *plan.Plan, author string, now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	f := engine.NewFrame(p)
	a := engine.Assign(f, engine.Fixed{})
	m := &Memory{name: name, author: author, now: now}
	m.versions = []*memState{{
		plan: p, assign: a, pinM: map[calendar.Month]bool{}, pinD: map[calendar.Date]bool{},
		result:  coverage.Evaluate(f, a),
		Version: Version{N: 1, Author: author, Time: now(), Note: "import"},
	}}
	return m
}

func (m *Memory) snapshot(s *memState, n int) *Snapshot {
	return &Snapshot{Plan: m.name, Version: n, Latest: len(m.versions), Result: s.result,
		PinnedMonths: s.pinM, PinnedDays: s.pinD}
}

// Current implements Source.
func (m *Memory) Current() (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.current(), nil
}

func (m *Memory) current() *Snapshot {
	return m.snapshot(m.versions[len(m.versions)-1], len(m.versions))
}

// At implements Source.
func (m *Memory) At(n int) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if n < 1 || n > len(m.versions) {
		return nil, fmt.Errorf("%s has no version %d (versions 1 to %d)", m.name, n, len(m.versions))
	}
	s := m.snapshot(m.versions[n-1], n)
	s.ReadOnly = n != len(m.versions)
	return s, nil
}

// History implements Source.
func (m *Memory) History() ([]Version, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Version, len(m.versions))
	for i, s := range m.versions {
		out[i] = s.Version
	}
	return out, nil
}

func (m *Memory) scenario(name string) (*memScenario, int) {
	for i, s := range m.scenarios {
		if s.info.Name == name {
			return s, i
		}
	}
	return nil, -1
}

// Apply implements Source.
func (m *Memory) Apply(on *Snapshot, c Change) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on.ReadOnly {
		return nil, fmt.Errorf("version %d is an earlier version, open to read only", on.Version)
	}
	if on.Scenario != "" {
		sc, _ := m.scenario(on.Scenario)
		if sc == nil {
			return nil, fmt.Errorf("there is no scenario %q", on.Scenario)
		}
		last := sc.states[len(sc.states)-1]
		next, err := change(last, c)
		if err != nil {
			return nil, err
		}
		next.Version = Version{N: len(sc.states), Author: m.author, Time: m.now(), Note: c.String()}
		next.prev = len(sc.states) - 1
		sc.states = append(sc.states, next)
		sc.info.Changes++
		return m.scenarioSnapshot(sc), nil
	}
	if err := m.check(on); err != nil {
		return nil, err
	}
	last := m.versions[len(m.versions)-1]
	next, err := change(last, c)
	if err != nil {
		return nil, err
	}
	next.Version = Version{N: len(m.versions) + 1, Author: m.author, Time: m.now(), Note: c.String()}
	next.prev = len(m.versions)
	m.versions = append(m.versions, next)
	return m.current(), nil
}

func (m *Memory) check(on *Snapshot) error {
	if on.Version != len(m.versions) {
		last := m.versions[len(m.versions)-1]
		return fmt.Errorf("plan changed since version %d: now version %d by %s: %w", on.Version, last.N, last.Author, ErrConflict)
	}
	return nil
}

// Undo implements Source.
func (m *Memory) Undo(on *Snapshot) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on.ReadOnly {
		return nil, fmt.Errorf("version %d is an earlier version, open to read only", on.Version)
	}
	if on.Scenario != "" {
		sc, _ := m.scenario(on.Scenario)
		if sc == nil {
			return nil, fmt.Errorf("there is no scenario %q", on.Scenario)
		}
		if len(sc.states) == 1 {
			return nil, fmt.Errorf("nothing to undo: scenario %s has no changes", sc.info.Name)
		}
		sc.states = sc.states[:len(sc.states)-1]
		sc.info.Changes--
		return m.scenarioSnapshot(sc), nil
	}
	if err := m.check(on); err != nil {
		return nil, err
	}
	last := m.versions[len(m.versions)-1]
	if last.prev == 0 {
		return nil, fmt.Errorf("nothing to undo: version %d is the plan as imported", last.N)
	}
	back := m.versions[last.prev-1]
	next := *back
	next.Version = Version{N: len(m.versions) + 1, Author: m.author, Time: m.now(),
		Note: fmt.Sprintf("undo %s (back to version %d)", last.Note, back.N)}
	next.prev = back.prev
	m.versions = append(m.versions, &next)
	return m.current(), nil
}

// Scenarios implements Source.
func (m *Memory) Scenarios() ([]ScenarioInfo, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]ScenarioInfo, len(m.scenarios))
	for i, s := range m.scenarios {
		out[i] = s.info
	}
	return out, nil
}

func (m *Memory) scenarioSnapshot(sc *memScenario) *Snapshot {
	s := m.snapshot(sc.states[len(sc.states)-1], sc.info.Base)
	s.Scenario = sc.info.Name
	s.Changes = sc.info.Changes
	return s
}

// NewScenario implements Source.
func (m *Memory) NewScenario(on *Snapshot, name string) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if on.Scenario != "" || on.ReadOnly {
		return nil, fmt.Errorf("a what-if starts on the plan's latest version")
	}
	if err := m.check(on); err != nil {
		return nil, err
	}
	if err := m.checkName(name); err != nil {
		return nil, err
	}
	sc := &memScenario{
		info:   ScenarioInfo{Name: name, Base: on.Version, Author: m.author, Time: m.now()},
		states: []*memState{m.versions[on.Version-1]},
	}
	m.scenarios = append(m.scenarios, sc)
	return m.scenarioSnapshot(sc), nil
}

func (m *Memory) checkName(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("a scenario needs a name")
	}
	if sc, _ := m.scenario(name); sc != nil {
		return fmt.Errorf("there is already a scenario %q", name)
	}
	return nil
}

// OpenScenario implements Source.
func (m *Memory) OpenScenario(name string) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sc, _ := m.scenario(name)
	if sc == nil {
		return nil, fmt.Errorf("there is no scenario %q", name)
	}
	return m.scenarioSnapshot(sc), nil
}

// RenameScenario implements Source.
func (m *Memory) RenameScenario(from, to string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	sc, _ := m.scenario(from)
	if sc == nil {
		return fmt.Errorf("there is no scenario %q", from)
	}
	if from == to {
		return nil
	}
	if err := m.checkName(to); err != nil {
		return err
	}
	sc.info.Name = to
	return nil
}

// AdoptScenario implements Source.
func (m *Memory) AdoptScenario(s *Snapshot) (*Snapshot, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	sc, i := m.scenario(s.Scenario)
	if sc == nil {
		return nil, fmt.Errorf("there is no scenario %q", s.Scenario)
	}
	if sc.info.Base != len(m.versions) {
		last := m.versions[len(m.versions)-1]
		return nil, fmt.Errorf("scenario %s started on version %d; the plan is now version %d by %s: %w",
			sc.info.Name, sc.info.Base, last.N, last.Author, ErrConflict)
	}
	for _, st := range sc.states[1:] {
		next := *st
		next.Version = Version{N: len(m.versions) + 1, Author: m.author, Time: m.now(),
			Note: st.Note + " (scenario " + sc.info.Name + ")"}
		next.prev = len(m.versions)
		m.versions = append(m.versions, &next)
	}
	m.scenarios = slices.Delete(m.scenarios, i, i+1)
	return m.current(), nil
}

// DropScenario implements Source.
func (m *Memory) DropScenario(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	sc, i := m.scenario(name)
	if sc == nil {
		return fmt.Errorf("there is no scenario %q", name)
	}
	m.scenarios = slices.Delete(m.scenarios, i, i+1)
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
