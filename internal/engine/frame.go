// Package engine computes a plan's rota: who is SPOC and buddy each month and
// who is present in the county each working day. It owns the spec's
// optimisation rules (sections 3 and 4 of configs/plan-format.md); what follows from an
// assignment on each day (who acts, who holds a duty, the gaps) is package
// coverage's.
package engine

import (
	"sort"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// Frame is a plan laid out on its calendar: the working days, the months, and
// who is away when. It is computed once per plan and shared by the engine,
// coverage and the views, which all ask the same questions many times.
type Frame struct {
	Plan   *plan.Plan
	Cal    *calendar.Calendar
	Months []calendar.Month
	Days   []calendar.Date // the working days of the period, in order

	monthStart []int // index into Days of each month's first working day
	dayIndex   map[calendar.Date]int
	duties     map[string]int    // duty id → index in Plan.Duties
	away       map[string]bitset // by person: bit i set when away on Start+i
	spans      map[string][]plan.Absence
}

// bitset is a set of small integers: day offsets or working-day indices.
type bitset []uint64

func newBitset(n int) bitset    { return make(bitset, (n+63)/64) }
func (b bitset) set(i int)      { b[i>>6] |= 1 << (uint(i) & 63) }
func (b bitset) has(i int) bool { return b[i>>6]&(1<<(uint(i)&63)) != 0 }

// NewFrame lays p out. p must be valid.
func NewFrame(p *plan.Plan) *Frame {
	f := &Frame{
		Plan:     p,
		Cal:      p.Calendar(),
		Months:   p.Months(),
		dayIndex: map[calendar.Date]int{},
		duties:   make(map[string]int, len(p.Duties)),
		away:     map[string]bitset{},
		spans:    map[string][]plan.Absence{},
	}
	for i, d := range p.Duties {
		f.duties[d.ID] = i
	}
	f.Days = f.Cal.WorkingDays(p.Start, p.End)
	for i, d := range f.Days {
		f.dayIndex[d] = i
	}
	f.monthStart = make([]int, len(f.Months)+1)
	k := 0
	for i, m := range f.Months {
		f.monthStart[i] = k
		for k < len(f.Days) && f.Days[k].Month() == m {
			k++
		}
	}
	f.monthStart[len(f.Months)] = len(f.Days)
	n := int(p.End-p.Start) + 1
	for _, a := range p.Absences {
		f.spans[a.Person] = append(f.spans[a.Person], a)
		from, to := max(a.From, p.Start), min(a.To, p.End)
		if from > to {
			continue
		}
		b := f.away[a.Person]
		if b == nil {
			b = newBitset(n)
			f.away[a.Person] = b
		}
		for d := from; d <= to; d++ {
			b.set(int(d - p.Start))
		}
	}
	return f
}

// WithPlan returns f laid out for p, a copy of f.Plan that differs from it
// only in free text (absences' reasons left out or escaped): the days,
// months and who is away when are f's, shared, and Absence and Absences
// answer from p. It is how a front end is handed a plan without what its
// user may not read, without laying it out again.
func (f *Frame) WithPlan(p *plan.Plan) *Frame {
	c := *f
	c.Plan = p
	c.spans = make(map[string][]plan.Absence, len(f.spans))
	for _, a := range p.Absences {
		c.spans[a.Person] = append(c.spans[a.Person], a)
	}
	return &c
}

// Absent reports whether person is away on d.
func (f *Frame) Absent(person string, d calendar.Date) bool {
	if d >= f.Plan.Start && d <= f.Plan.End {
		b := f.away[person]
		return b != nil && b.has(int(d-f.Plan.Start))
	}
	for _, a := range f.spans[person] {
		if a.From <= d && d <= a.To {
			return true
		}
	}
	return false
}

// Absence returns the absence that covers person on d, if any, so views can
// say why someone is away.
func (f *Frame) Absence(person string, d calendar.Date) (plan.Absence, bool) {
	for _, a := range f.spans[person] {
		if a.From <= d && d <= a.To {
			return a, true
		}
	}
	return plan.Absence{}, false
}

// Absences returns person's absences in file order.
func (f *Frame) Absences(person string) []plan.Absence { return f.spans[person] }

// DayIndex returns the index of working day d in Days.
func (f *Frame) DayIndex(d calendar.Date) (int, bool) {
	i, ok := f.dayIndex[d]
	return i, ok
}

// MonthIndex returns the index of m in Months.
func (f *Frame) MonthIndex(m calendar.Month) (int, bool) {
	if len(f.Months) == 0 || m < f.Months[0] || m > f.Months[len(f.Months)-1] {
		return 0, false
	}
	return int(m - f.Months[0]), true
}

// MonthDays returns the working days of month i.
func (f *Frame) MonthDays(i int) []calendar.Date { return f.Days[f.monthStart[i]:f.monthStart[i+1]] }

// AbsentDays counts the working days of month i on which person is away.
func (f *Frame) AbsentDays(person string, i int) int {
	b := f.away[person]
	if b == nil {
		return 0
	}
	n := 0
	for _, d := range f.MonthDays(i) {
		if b.has(int(d - f.Plan.Start)) {
			n++
		}
	}
	return n
}

// MostlyAbsent reports whether person is away on more than the plan's
// mostly_absent share of month i's working days.
func (f *Frame) MostlyAbsent(person string, i int) bool {
	days := len(f.MonthDays(i))
	return days > 0 && float64(f.AbsentDays(person, i)) > f.Plan.SPOC.MostlyAbsent*float64(days)
}

// FirstAvailable returns the first of chain who is not away on d, or "".
func (f *Frame) FirstAvailable(chain []string, d calendar.Date) string {
	for _, id := range chain {
		if !f.Absent(id, d) {
			return id
		}
	}
	return ""
}

// AwaySet returns the person's days away as a bit set over the period
// (bit i is Start+i), or nil when they are never away in it. Callers must not
// modify it.
func (f *Frame) AwaySet(person string) []uint64 { return f.away[person] }

// Duty returns the duty with the given id; plans hold thousands, so this is
// a map lookup rather than the plan's scan.
func (f *Frame) Duty(id string) (plan.Duty, bool) {
	i, ok := f.duties[id]
	if !ok {
		return plan.Duty{}, false
	}
	return f.Plan.Duties[i], true
}

// DutyIndex returns the index in Plan.Duties of the duty with the given id.
func (f *Frame) DutyIndex(id string) (int, bool) {
	i, ok := f.duties[id]
	return i, ok
}

// CountWorkingDays counts the plan's working days from..to inclusive,
// without listing them: forms call it as a PA types, and a typed year may be
// anything.
func (f *Frame) CountWorkingDays(from, to calendar.Date) int {
	lo := sort.Search(len(f.Days), func(i int) bool { return f.Days[i] >= from })
	hi := sort.Search(len(f.Days), func(i int) bool { return f.Days[i] > to })
	return max(hi-lo, 0)
}
