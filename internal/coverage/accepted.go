package coverage

import (
	"math/bits"
	"sort"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// Status of a duty on a working day (configs/plan-format.md section 5).
const (
	Held        = "held"        // by the owner, or by cover that may hold it
	Unconfirmed = "unconfirmed" // it falls to cover nobody has accepted
	Nobody      = "nobody"      // a gap: the owner and all the cover are away
)

// UnconfirmedCover is a working day on which a duty that needs accepted
// cover falls to cover that has not accepted it: not a gap, as someone
// could hold it, and not covered, as nobody has agreed to. Person is who it
// would fall to, the first available person of the cover.
type UnconfirmedCover struct {
	Date   calendar.Date `json:"date"`
	Duty   string        `json:"duty"`
	Person string        `json:"person"`
}

// unconfirmed lists the days of unconfirmed cover, by date then duty id,
// and marks them in r.unconfSet. Only the days the owner is away are
// looked at, so plans without acceptance rules cost nothing more.
func (r *Result) unconfirmed() {
	f := r.Frame
	p := f.Plan
	r.unconfSet = make([][]uint64, len(p.Duties))
	if p.AcceptanceOff {
		return
	}
	// First the days, as bit sets, counted by date; then the list, placed
	// by a stable counting sort so that within a date the duties keep their
	// id order (as sortGaps does for gaps), without a second copy of it.
	n := int(p.End-p.Start) + 1
	var start []int32
	order := sortedIndex(len(p.Duties), func(i int) string { return p.Duties[i].ID })
	for _, i := range order {
		du := p.Duties[i]
		away := f.AwaySet(du.Owner)
		if away == nil || len(du.Cover) == 0 || !p.NeedsAcceptance(du) {
			continue
		}
		for w, word := range away {
			for ; word != 0; word &= word - 1 {
				k := w*64 + bits.TrailingZeros64(word)
				d := p.Start + calendar.Date(k)
				if _, ok := f.DayIndex(d); !ok {
					continue
				}
				if _, st := r.holding(du, d); st != Unconfirmed {
					continue
				}
				if r.unconfSet[i] == nil {
					r.unconfSet[i] = make([]uint64, len(away))
				}
				r.unconfSet[i][w] |= word & -word
				if start == nil {
					start = make([]int32, n+1)
				}
				start[k+1]++
			}
		}
	}
	if start == nil {
		return
	}
	for k := 1; k <= n; k++ {
		start[k] += start[k-1]
	}
	r.Unconfirmed = make([]UnconfirmedCover, start[n])
	for _, i := range order {
		du := p.Duties[i]
		for w, word := range r.unconfSet[i] {
			for ; word != 0; word &= word - 1 {
				k := w*64 + bits.TrailingZeros64(word)
				d := p.Start + calendar.Date(k)
				who, _ := r.holding(du, d)
				r.Unconfirmed[start[k]] = UnconfirmedCover{Date: d, Duty: du.ID, Person: who}
				start[k]++
			}
		}
	}
}

// holding says who holds duty du on day d and how: the owner when present;
// else, for a duty that needs accepted cover, the first available cover
// who has accepted for d, or (Unconfirmed) the first available cover when
// none has; else the first available cover; "" and Nobody for a gap.
func (r *Result) holding(du plan.Duty, d calendar.Date) (string, string) {
	f := r.Frame
	if !f.Absent(du.Owner, d) {
		return du.Owner, Held
	}
	first := ""
	need := f.Plan.NeedsAcceptance(du)
	for _, id := range du.Cover {
		if f.Absent(id, d) {
			continue
		}
		if !need || f.Plan.Accepted(du.ID, id, d) {
			return id, Held
		}
		if first == "" {
			first = id
		}
	}
	if first != "" {
		return first, Unconfirmed
	}
	return "", Nobody
}

// HolderStatus returns who holds the duty on d and the day's status: Held,
// Unconfirmed (who is then the person it would fall to) or Nobody.
func (r *Result) HolderStatus(dutyID string, d calendar.Date) (string, string) {
	du, ok := r.Frame.Duty(dutyID)
	if !ok {
		return "", Nobody
	}
	return r.holding(du, d)
}

// IsUnconfirmed reports whether the duty's cover on d is unconfirmed.
func (r *Result) IsUnconfirmed(dutyID string, d calendar.Date) bool {
	i, ok := r.Frame.DutyIndex(dutyID)
	if !ok || r.unconfSet[i] == nil || d < r.Frame.Plan.Start || d > r.Frame.Plan.End {
		return false
	}
	k := int(d - r.Frame.Plan.Start)
	return r.unconfSet[i][k>>6]&(1<<(uint(k)&63)) != 0
}

// UnconfirmedDays returns the working days of unconfirmed cover of a duty.
func (r *Result) UnconfirmedDays(dutyID string) []calendar.Date {
	var out []calendar.Date
	for _, u := range r.Unconfirmed {
		if u.Duty == dutyID {
			out = append(out, u.Date)
		}
	}
	return out
}

// UnconfirmedCount counts the working days of unconfirmed cover of a duty.
func (r *Result) UnconfirmedCount(dutyID string) int {
	i, ok := r.Frame.DutyIndex(dutyID)
	if !ok {
		return 0
	}
	n := 0
	for _, w := range r.unconfSet[i] {
		n += bits.OnesCount64(w)
	}
	return n
}

// UnconfirmedOn returns the unconfirmed cover of day d, by duty id.
func (r *Result) UnconfirmedOn(d calendar.Date) []UnconfirmedCover {
	us := r.Unconfirmed
	i := sort.Search(len(us), func(i int) bool { return us[i].Date >= d })
	j := i
	for j < len(us) && us[j].Date == d {
		j++
	}
	return us[i:j]
}
