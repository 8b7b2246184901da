package backend

import (
	"errors"
	"slices"
	"sync"

	"rota/internal/change"
	"rota/internal/plan"
)

// reasonView is whose absence reasons a session hands out: everyone's,
// one person's own, or nobody's (the zero value). It is comparable, so
// the snapshots made for it are kept per view.
type reasonView struct {
	all bool
	own string // the one person whose reasons are kept, when not all
}

// everyone is the view of a session that sees every reason.
var everyone = reasonView{all: true}

// sees reports whether the view keeps person's reasons.
func (v reasonView) sees(person string) bool { return v.all || (v.own != "" && v.own == person) }

// reasons returns whose reasons s hands out: those the actor may read
// (Actor.SeesReasonOf), or none when the front end asked for none.
func (s *Session) reasons() reasonView {
	switch {
	case s.noReasons:
		return reasonView{}
	case s.actor.seesEveryReason():
		return everyone
	case s.actor.Person != "" && s.actor.SeesReasonOf(s.actor.Person):
		return reasonView{own: s.actor.Person}
	}
	return reasonView{}
}

// WithoutReasons returns the session acting for the same actor, on the
// same backend, whose reads leave every absence's reason out, even those
// the actor may read: the command line's, unless --reasons asks for them,
// as what it prints is often shared. Closing either closes the backend.
func (s *Session) WithoutReasons() *Session {
	return &Session{b: s.b, actor: s.actor, noReasons: true}
}

// change returns c without a reason the view may not read.
func (v reasonView) change(c change.Change) change.Change {
	if c.Reason != "" && !v.sees(c.Person) {
		c.Reason = ""
	}
	return c
}

// versions leaves out, in place, the reasons of vs the view may not read.
func (v reasonView) versions(vs []VersionInfo) {
	for i := range vs {
		vs[i].Change = v.change(vs[i].Change)
	}
}

// hides reports whether p holds a reason the view may not read.
func (v reasonView) hides(p *plan.Plan) bool {
	return !v.all && slices.ContainsFunc(p.Absences, func(a plan.Absence) bool { return a.Reason != "" && !v.sees(a.Person) })
}

// snapshot returns s as the view may read it: s itself when it holds no
// reason to leave out, else a copy whose plan, frame and result have those
// reasons left out (the rota is the same: reasons decide nothing). Plan
// snapshots keep their copies per view, so every session of one view is
// handed the same values (the planner's shared caches key on them).
func (v reasonView) snapshot(s *Snapshot) *Snapshot {
	if !v.hides(s.Plan) {
		return s
	}
	if v.own != "" && !slices.ContainsFunc(s.Plan.Absences, func(a plan.Absence) bool { return a.Person == v.own && a.Reason != "" }) {
		// An AD with no reason of their own reads what a manager reads:
		// one copy for both, so the planners' shared caches stay shared.
		v = reasonView{}
	}
	if s.views == nil {
		return v.redact(s)
	}
	made, _ := s.views.LoadOrStore(v, &viewOnce{})
	w := made.(*viewOnce)
	w.once.Do(func() { w.snap = v.redact(s) })
	return w.snap.at(s.Head)
}

// viewOnce is a snapshot's copy for one view, made once.
type viewOnce struct {
	once sync.Once
	snap *Snapshot
}

func (v reasonView) redact(s *Snapshot) *Snapshot {
	p := *s.Plan
	p.Absences = slices.Clone(p.Absences)
	for i, a := range p.Absences {
		if !v.sees(a.Person) {
			p.Absences[i].Reason = ""
		}
	}
	out, r := *s, *s.Result
	r.Frame = s.Frame.WithPlan(&p)
	out.Plan, out.Frame, out.Result = &p, r.Frame, &r
	out.view, out.views = v, nil
	return &out
}

// conflictSeen describes the change of a *ConflictError in err as the
// session may read it.
func (s *Session) conflictSeen(err error) error {
	var ce *ConflictError
	if errors.As(err, &ce) && ce.change != nil {
		ce.Change = s.reasons().change(*ce.change).Describe()
	}
	return err
}
