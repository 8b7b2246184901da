package coverage

import (
	"strings"

	"rota/internal/calendar"
)

// Step is one person of a duty's chain as `rota who` walks it: the owner,
// then each cover in order, whether they were away that day and, where
// the duty needs accepted cover, whether they had accepted.
type Step struct {
	Person   string `json:"person"`
	Role     string `json:"role"` // "owner" or "cover"
	Away     bool   `json:"away"`
	Accepted *bool  `json:"accepted,omitempty"` // cover of a duty that needs acceptance
}

// Who answers "who could lawfully act for this duty on this date, and why"
// (configs/plan-format.md section 5): the holder, the status, and the chain
// that led to them.
type Who struct {
	Duty       string        `json:"duty"`
	Date       calendar.Date `json:"date"`
	WorkingDay bool          `json:"working_day"`
	Holder     string        `json:"holder"` // "" when nobody may act
	Status     string        `json:"status"` // Held, Unconfirmed or Nobody
	// Candidate is, for unconfirmed cover, who it would fall to once they
	// accept; Holder is then "".
	Candidate      string `json:"candidate,omitempty"`
	NeedsAccepting bool   `json:"needs_accepted_cover"`
	Chain          []Step `json:"chain"`
}

// Who works out who held duty on d and why; ok is false for an unknown duty.
func (r *Result) Who(dutyID string, d calendar.Date) (Who, bool) {
	f := r.Frame
	du, ok := f.Duty(dutyID)
	if !ok {
		return Who{}, false
	}
	_, working := f.DayIndex(d)
	w := Who{Duty: du.ID, Date: d, WorkingDay: working, NeedsAccepting: f.Plan.NeedsAcceptance(du)}
	who, st := r.holding(du, d)
	w.Status = st
	if st == Unconfirmed {
		w.Candidate = who
	} else {
		w.Holder = who
	}
	for i, id := range du.Chain() {
		s := Step{Person: id, Role: "owner", Away: f.Absent(id, d)}
		if i > 0 {
			s.Role = "cover"
			if w.NeedsAccepting {
				acc := f.Plan.Accepted(du.ID, id, d)
				s.Accepted = &acc
			}
		}
		w.Chain = append(w.Chain, s)
	}
	return w, true
}

// Reason says in words why the holder holds it, for people: "paul (owner)
// away; simon (cover) accepted: simon holds it".
func (w Who) Reason(name func(string) string) string {
	var parts []string
	for _, s := range w.Chain {
		p := name(s.Person) + " (" + s.Role + ")"
		switch {
		case s.Away:
			p += " away"
		case s.Accepted != nil && !*s.Accepted:
			p += " present, has not accepted"
		case s.Accepted != nil:
			p += " present, has accepted"
		default:
			p += " present"
		}
		parts = append(parts, p)
		if !s.Away && (s.Accepted == nil || *s.Accepted) {
			break
		}
	}
	out := strings.Join(parts, "; ")
	switch w.Status {
	case Held:
		out += ": " + name(w.Holder) + " holds it"
	case Unconfirmed:
		out += ": unconfirmed cover, nobody may act until " + name(w.Candidate) + " accepts"
	default:
		out += ": nobody holds it"
	}
	return out
}
