package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
	"rota/internal/export"
	"rota/internal/memo"
	"rota/internal/termtext"
)

// FromBackend returns the planner's Source on a saved plan, for the actor
// of session s: each change is written at once as a new version by author
// ("" for the actor's name), refused with the backend's reasons, or refused
// as a conflict when another process changed the plan first. ctx is the
// planner's: every call to the backend is made in it.
func FromBackend(ctx context.Context, s *backend.Session, planName, author string) Source {
	return &storeSource{ctx: ctx, s: s, plan: planName, author: author}
}

type storeSource struct {
	ctx    context.Context // the planner's lifetime, not one call's
	s      *backend.Session
	plan   string
	author string
}

func (x *storeSource) ref(scenario string) backend.Ref {
	return backend.Ref{Plan: x.plan, Scenario: scenario}
}

// load reads a version of a line; readOnly marks an earlier version opened
// to read, as opposed to one just written.
func (x *storeSource) load(ref backend.Ref, version int, readOnly bool) (*Snapshot, error) {
	snap, err := x.s.Load(x.ctx, ref, version)
	if err != nil {
		return nil, storeErr(err)
	}
	out := &Snapshot{
		Plan: ref.Plan, Version: snap.Version, Latest: snap.Head, Scenario: ref.Scenario,
		ReadOnly: readOnly && snap.Version != snap.Head, Result: escapeText(snap.Result), Identity: snap.Identity,
		PinnedMonths: map[calendar.Month]bool{}, PinnedDays: map[calendar.Date]bool{},
		PinnedBuddies: map[calendar.Month]bool{},
	}
	if ref.Scenario != "" {
		out.Base, out.Changes = snap.Base, snap.Version-snap.Base
	}
	for m := range snap.Pins.SPOC {
		out.PinnedMonths[m] = true
	}
	for m := range snap.Pins.Buddy {
		out.PinnedMonths[m] = true
		out.PinnedBuddies[m] = true
	}
	for d := range snap.Pins.Presence {
		out.PinnedDays[d] = true
	}
	return out, nil
}

// escapeText returns r with the plan's text and the warnings escaped
// (termtext.Escape): the one point where the planner takes in what a
// database written before control characters were refused may hold, so no
// view can print an escape sequence, a carriage return or a bidirectional
// override raw.
func escapeText(r *coverage.Result) *coverage.Result {
	if r == nil || r.Frame == nil {
		return r
	}
	// The backend gives every session the same result for a version
	// (its cache): escape it once for them all.
	return escaped.Get(r, func() *coverage.Result { return escapeCopy(r) })
}

// escaped holds the escaped copies of the results last loaded: as many as
// a few versions being loaded at once (the latest, an earlier one opened,
// a what-if's base), no more, as a council decade's is megabytes.
var escaped = memo.New[*coverage.Result, *coverage.Result](4)

func escapeCopy(r *coverage.Result) *coverage.Result {
	out := *r
	// The frame answers Absence from the escaped plan too: the views
	// print absences' reasons from it.
	out.Frame = r.Frame.WithPlan(r.Frame.Plan.MapText(termtext.Escape))
	out.Warnings = slices.Clone(r.Warnings)
	for i := range out.Warnings {
		out.Warnings[i].Message = termtext.Escape(out.Warnings[i].Message)
	}
	return &out
}

// conflict is the store's conflict, which the planner knows as ErrConflict.
type conflict struct{ error }

func (conflict) Is(target error) bool { return target == ErrConflict }

// storeErr turns the store's typed errors into messages for the status bar.
func storeErr(err error) error {
	var ce *backend.ConflictError
	var re *change.RefusedError
	switch {
	case errors.As(err, &ce):
		return conflict{ce}
	case errors.As(err, &re):
		return errors.New(strings.Join(re.Problems, "; "))
	}
	return err
}

func (x *storeSource) Current() (*Snapshot, error) { return x.load(x.ref(""), 0, false) }

func (x *storeSource) At(version int) (*Snapshot, error) { return x.load(x.ref(""), version, true) }

func (x *storeSource) Apply(on *Snapshot, c change.Change) (*Snapshot, error) {
	if on.ReadOnly {
		return nil, fmt.Errorf("version %d is an earlier version, open to read only", on.Version)
	}
	ref := x.ref(on.Scenario)
	v, err := x.s.Apply(x.ctx, ref, on.Version, c, x.author, "")
	if err != nil {
		return nil, storeErr(err)
	}
	return x.load(ref, v, false)
}

func (x *storeSource) Undo(on *Snapshot) (*Snapshot, error) {
	if on.ReadOnly {
		return nil, fmt.Errorf("version %d is an earlier version, open to read only", on.Version)
	}
	ref := x.ref(on.Scenario)
	v, err := x.s.Undo(x.ctx, ref, on.Version, x.author, "")
	if err != nil {
		return nil, storeErr(err)
	}
	return x.load(ref, v, false)
}

func (x *storeSource) History() ([]Version, error) {
	h, err := x.s.History(x.ctx, x.ref(""))
	if err != nil {
		return nil, storeErr(err)
	}
	out := make([]Version, len(h))
	for i, v := range h {
		note := v.Change.Describe()
		if v.Note != "" {
			note += " — " + v.Note
		}
		out[i] = Version{N: v.Number, Author: termtext.Escape(v.Author), Time: v.Time, Note: termtext.Escape(note)}
	}
	return out, nil
}

func (x *storeSource) Scenarios() ([]ScenarioInfo, error) {
	list, err := x.s.Scenarios(x.ctx, x.plan)
	if err != nil {
		return nil, storeErr(err)
	}
	out := make([]ScenarioInfo, len(list))
	for i, s := range list {
		out[i] = ScenarioInfo{Name: s.Name, Base: s.Base, Version: s.Version, Author: s.Author, Time: s.Created}
	}
	return out, nil
}

func (x *storeSource) NewScenario(on *Snapshot, name string) (*Snapshot, error) {
	if on.Scenario != "" {
		return nil, fmt.Errorf("a what-if starts on a version of the plan, not on another what-if")
	}
	if _, err := x.s.NewScenario(x.ctx, x.plan, on.Version, name, x.author); err != nil {
		return nil, storeErr(err)
	}
	return x.load(x.ref(name), 0, false)
}

func (x *storeSource) OpenScenario(name string) (*Snapshot, error) {
	return x.load(x.ref(name), 0, false)
}

// RenameScenario keeps a what-if under a new name.
func (x *storeSource) RenameScenario(from, to string) error {
	return storeErr(x.s.Rename(x.ctx, x.plan, from, to))
}

// RebaseScenario moves a what-if onto the plan's latest version.
func (x *storeSource) RebaseScenario(name string) (*Snapshot, error) {
	if _, _, err := x.s.Rebase(x.ctx, x.plan, name); err != nil {
		return nil, storeErr(err)
	}
	return x.OpenScenario(name)
}

func (x *storeSource) AdoptScenario(s *Snapshot) (*Snapshot, error) {
	v, err := x.s.Adopt(x.ctx, x.plan, s.Scenario)
	if err != nil {
		return nil, storeErr(err)
	}
	return x.load(x.ref(""), v, false)
}

func (x *storeSource) DropScenario(name string) error {
	return storeErr(x.s.Drop(x.ctx, x.plan, name))
}

func (x *storeSource) Watch() (<-chan PlanEvent, error) {
	in, err := x.s.Watch(x.ctx, x.plan)
	if err != nil {
		return nil, storeErr(err)
	}
	out := make(chan PlanEvent, 1)
	go func() {
		defer close(out)
		for ev := range in {
			// Only the latest matters: an unread older event is dropped, so
			// this never blocks the backend.
			select {
			case <-out:
			default:
			}
			out <- PlanEvent{Version: ev.Version, By: ev.By, At: ev.At, Change: ev.Change}
		}
	}()
	return out, nil
}

// CalendarWalk hands over the versions of the line s is on, 1 to s's, for
// numbering a calendar's events (export.History): the planner's calendar
// exports carry the same SEQUENCE as rota export's.
func (x *storeSource) CalendarWalk(s *Snapshot) export.Walk {
	return func(yield func(int, *coverage.Result) error) error {
		return x.s.Walk(x.ctx, x.ref(s.Scenario), s.Version, func(b *backend.Snapshot) error {
			return yield(b.Version, b.Result)
		})
	}
}
