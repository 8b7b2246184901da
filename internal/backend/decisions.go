package backend

import (
	"context"
	"fmt"
	"time"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// InForce is the answer of Who: who held a duty on a date by the plan
// version in force that day, and how that version was chosen.
type InForce struct {
	coverage.Who
	Plan    string `json:"plan"`
	Version int    `json:"version"`
	// Basis says why this version: "in force" when it was the latest one
	// written by the end of the date, "latest" when the plan was saved
	// only after the date (the record as it stands now is then all there
	// is to go by).
	Basis string `json:"basis"`
}

// Version bases of InForce.
const (
	BasisInForce = "in force"
	BasisLatest  = "latest"
)

// versionInForce returns the version of ref in force on d: the latest
// written by the end of d (UTC), else the latest.
func (s *Session) versionInForce(ctx context.Context, ref Ref, d calendar.Date) (int, string, error) {
	h, err := s.History(ctx, ref)
	if err != nil {
		return 0, "", err
	}
	end := d.Time().Add(24 * time.Hour)
	v := 0
	for _, x := range h {
		if x.Time.Before(end) {
			v = x.Number
		}
	}
	if v == 0 {
		return 0, BasisLatest, nil
	}
	return v, BasisInForce, nil
}

// Who answers "who could lawfully act for this duty on this date, and
// why" by the plan version in force that day (see InForce.Basis).
func (s *Session) Who(ctx context.Context, ref Ref, duty string, d calendar.Date) (InForce, error) {
	v, basis, err := s.versionInForce(ctx, ref, d)
	if err != nil {
		return InForce{}, err
	}
	snap, err := s.Load(ctx, ref, v)
	if err != nil {
		return InForce{}, err
	}
	p := snap.Plan
	if _, ok := p.Duty(duty); !ok {
		return InForce{}, change.Refused("%q is not a duty of plan %s (version %d)", duty, ref, snap.Version)
	}
	if d < p.Start || d > p.End {
		return InForce{}, change.Refused("%s is outside the plan (%s to %s)", d, p.Start, p.End)
	}
	w, _ := snap.Result.Who(duty, d)
	return InForce{Who: w, Plan: ref.String(), Version: snap.Version, Basis: basis}, nil
}

// NotHolderError refuses a decision whose officer did not hold the duty
// that day by the plan, saying who did and why. Nothing was written.
type NotHolderError struct {
	Decision plan.Decision
	Held     InForce
	Reason   string // the chain in words (coverage.Who.Reason)
}

func (e *NotHolderError) Error() string {
	return fmt.Sprintf("%s did not hold %s on %s by plan %s version %d (%s): %s; record it as an exception with --exception REASON if it stands",
		e.Decision.Person, e.Decision.Duty, e.Decision.Date, e.Held.Plan, e.Held.Version, e.Held.Basis, e.Reason)
}

// RecordDecision adds x to the plan's register of decisions as a new
// version, after checking against the version in force on x.Date that
// x.Person held x.Duty that day (the owner present, or accepted cover
// while the owner was away). If not, it is refused with a *NotHolderError
// unless x.Exception gives a reason. The role checks are Apply's: an AD
// records only their own decisions. It returns the new version and what
// the check found.
func (s *Session) RecordDecision(ctx context.Context, ref Ref, x plan.Decision, author, note string) (int, InForce, error) {
	held, err := s.Who(ctx, ref, x.Duty, x.Date)
	if err != nil {
		return 0, InForce{}, err
	}
	if held.Holder != x.Person && x.Exception == "" {
		snap, err := s.Load(ctx, ref, held.Version)
		if err != nil {
			return 0, held, err
		}
		reason := held.Reason(snap.Plan.PersonName)
		return 0, held, &NotHolderError{Decision: x, Held: held, Reason: reason}
	}
	latest, err := s.Load(ctx, ref, 0)
	if err != nil {
		return 0, held, err
	}
	v, err := s.Apply(ctx, ref, latest.Version, change.RecordDecision(x), author, note)
	return v, held, err
}
