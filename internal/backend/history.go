package backend

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"rota/internal/change"
	"rota/internal/store"
)

// VersionInfo is one version of a line's history.
type VersionInfo struct {
	Number int           `json:"version"`
	Author string        `json:"author"`
	Time   time.Time     `json:"time"`
	Note   string        `json:"note,omitempty"`
	Change change.Change `json:"change"`
}

// ConflictError refuses a change made on a version that is no longer the
// latest: someone else changed the plan meanwhile. Nothing was written; the
// caller reloads, looks again and retries on Head.
type ConflictError struct {
	Ref    Ref
	Base   int       // the version the change was made on
	Head   int       // the latest version now
	By     string    // author of the latest version
	At     time.Time // when it was written
	Change string    // what it did, as the log shows it, as the actor may read it
	change *change.Change
	// Adopting is the scenario whose adoption was refused: it starts from
	// Base, and must be rebased onto Head first.
	Adopting string
}

func (e *ConflictError) Error() string {
	s := e.Summary()
	if e.Adopting != "" {
		s += fmt.Sprintf("; scenario %s starts from version %d, so it cannot be adopted as it is: move it onto version %d first, then adopt it", e.Adopting, e.Base, e.Head)
	}
	return s
}

// Summary says what happened, without what to do about it.
func (e *ConflictError) Summary() string {
	what := "plan"
	if e.Ref.Scenario != "" {
		what = "scenario"
	}
	s := fmt.Sprintf("%s changed since version %d: now version %d", what, e.Base, e.Head)
	if e.By != "" {
		s += " by " + e.By
	}
	if !e.At.IsZero() {
		s += " at " + e.At.Local().Format("2006-01-02 15:04")
	}
	if e.Change != "" {
		s += " (" + e.Change + ")"
	}
	return s
}

func decodeVersion(r store.Record) (VersionInfo, error) {
	v := VersionInfo{Number: r.Number, Author: r.Author, Time: r.At, Note: r.Note}
	if err := json.Unmarshal(r.Change, &v.Change); err != nil {
		return v, fmt.Errorf("version %d: %v", r.Number, err)
	}
	return v, nil
}

func decodeEffect(r store.Record) (change.Effect, error) {
	var e change.Effect
	if err := json.Unmarshal(r.Effect, &e); err != nil {
		return e, fmt.Errorf("version %d: %v", r.Number, err)
	}
	return e, nil
}

// stateAt rebuilds the line's state at version n from the nearest
// checkpoint at or before it, replaying the effects after it.
func stateAt(ctx context.Context, tx store.Tx, l store.Line, n int) (*change.State, error) {
	var st *change.State
	from := 0
	cp, ok, err := tx.Checkpoint(ctx, l, n)
	if err != nil {
		return nil, err
	}
	if ok && cp.Format == change.CheckpointFormat {
		if s, derr := change.DecodeCheckpoint(cp.Data); derr == nil {
			st, from = s, cp.Number
		}
	}
	scenario := l.Ref.Scenario != "" && n > l.Base
	if st == nil || (scenario && from <= l.Base) {
		if scenario {
			// A scenario's own versions replay on its base's state.
			base, err := stateAt(ctx, tx, l.Own(), l.Base)
			if err != nil {
				return nil, err
			}
			st, from = base, l.Base
		} else {
			st, from = change.NewState(), 0
		}
	}
	recs, err := tx.Effects(ctx, l, from, n)
	if err != nil {
		return nil, err
	}
	want := from + 1
	for _, r := range recs {
		if r.Number != want {
			return nil, fmt.Errorf("%s: version %d is missing from the history", l.Ref, want)
		}
		e, err := decodeEffect(r)
		if err != nil {
			return nil, fmt.Errorf("%s %v", l.Ref, err)
		}
		if err := st.Replay(&e); err != nil {
			return nil, fmt.Errorf("%s version %d: %v", l.Ref, r.Number, err)
		}
		want++
	}
	if want != n+1 {
		return nil, fmt.Errorf("%s: version %d is missing from the history", l.Ref, want)
	}
	return st, nil
}

// insert writes version n of the line, and a checkpoint when n is due one.
func insert(ctx context.Context, tx store.Tx, l store.Line, n int, c change.Change, e change.Effect, st *change.State, author, note string, at time.Time) error {
	cj, err := json.Marshal(c)
	if err != nil {
		return err
	}
	ej, err := json.Marshal(e)
	if err != nil {
		return err
	}
	var cp *store.Checkpoint
	if store.CheckpointDue(n) {
		data, err := change.EncodeCheckpoint(st)
		if err != nil {
			return err
		}
		cp = &store.Checkpoint{Number: n, Format: change.CheckpointFormat, Data: data}
	}
	return tx.Insert(ctx, l, store.Record{Number: n, Author: author, At: at, Note: note, Change: cj, Effect: ej}, cp, st.Plan.Name)
}

// lineHead returns the line that ref names and its latest version.
func lineHead(ctx context.Context, tx store.Tx, ref Ref) (store.Line, int, error) {
	l, err := tx.Line(ctx, ref)
	if err != nil {
		return store.Line{}, 0, err
	}
	head, err := tx.Head(ctx, l)
	return l, head, err
}

// lineAt returns the line that ref names, provided its latest version is
// still base: a write made on an older version is a *ConflictError, so no
// change is ever made on top of one its author has not seen.
func lineAt(ctx context.Context, tx store.Tx, ref Ref, base int) (store.Line, error) {
	l, head, err := lineHead(ctx, tx, ref)
	if err != nil {
		return store.Line{}, err
	}
	if base > head {
		// Not a conflict: retrying, as a script does on exit 3, would
		// never succeed. The version named does not exist yet.
		return store.Line{}, &NotFoundError{What: "version", Name: fmt.Sprint(base), Known: fmt.Sprintf("the latest is %d", head)}
	}
	if base != head {
		return store.Line{}, conflict(ctx, tx, l, base, head)
	}
	return l, nil
}

func conflict(ctx context.Context, tx store.Tx, l store.Line, base, head int) *ConflictError {
	e := &ConflictError{Ref: l.Ref, Base: base, Head: head}
	if r, err := tx.Version(ctx, l, head); err == nil {
		if v, err := decodeVersion(r); err == nil {
			e.By, e.At, e.Change, e.change = v.Author, v.Time, v.Change.Describe(), &v.Change
		}
	}
	return e
}

// undoTarget finds the latest version not undone, walking back over undos
// and what they undid.
func undoTarget(ctx context.Context, tx store.Tx, l store.Line, head int) (int, error) {
	first := 0
	if l.Ref.Scenario != "" {
		first = l.Base
	}
	recs, err := tx.Versions(ctx, l, first, head)
	if err != nil {
		return 0, err
	}
	undone := map[int]bool{}
	for i := len(recs) - 1; i >= 0; i-- {
		v, err := decodeVersion(recs[i])
		if err != nil {
			return 0, err
		}
		n, c := v.Number, v.Change
		switch {
		case c.Kind == change.KindUndo:
			undone[c.Of] = true
		case undone[n]:
		case c.Kind == change.KindImport:
			return 0, change.Refused("nothing to undo: version %d is the plan's import", n)
		default:
			return n, nil
		}
	}
	if l.Ref.Scenario != "" {
		return 0, change.Refused("nothing to undo: the scenario is back at its base, version %d", l.Base)
	}
	return 0, change.Refused("nothing to undo")
}

// History returns the line's versions, oldest first. A scenario's history
// is its own changes, after its base.
func (s *Session) History(ctx context.Context, ref Ref) ([]VersionInfo, error) {
	if err := s.actor.may(ActRead, ref.Plan); err != nil {
		return nil, err
	}
	var l store.Line
	var head int
	err := s.read(ctx, func(tx store.Tx) (err error) {
		l, head, err = lineHead(ctx, tx, ref)
		return err
	})
	if err != nil {
		return nil, err
	}
	first := 0
	if ref.Scenario != "" {
		first = l.Base
	}
	if head == first {
		return nil, nil
	}
	read := func() history {
		var h history
		h.err = s.read(context.WithoutCancel(ctx), func(tx store.Tx) error {
			recs, err := tx.Versions(ctx, l, first, head)
			if err != nil {
				return err
			}
			for _, r := range recs {
				v, err := decodeVersion(r)
				if err != nil {
					return fmt.Errorf("%s %v", ref, err)
				}
				h.versions = append(h.versions, v)
			}
			return nil
		})
		return h
	}
	if ref.Scenario != "" {
		// A scenario's line can be dropped and made again under the
		// same name: its history is not kept (as its snapshots are not).
		h := read()
		s.reasons().versions(h.versions)
		return h.versions, h.err
	}
	// A plan's versions never change once written: its history up to a
	// version is read once, however many ask (every session of rota
	// serve does after each change).
	k := historyKey{plan: l.PlanID, head: head}
	h := s.b.history.Get(k, read)
	if h.err != nil {
		s.b.history.Forget(k)
		return nil, h.err
	}
	out := slices.Clone(h.versions)
	s.reasons().versions(out)
	return out, nil
}

// historyKey names a plan's history up to a version.
type historyKey struct {
	plan int64
	head int
}

// history is a plan's history as History read it.
type history struct {
	versions []VersionInfo
	err      error
}

// NextUndo returns the change that Undo would revert now, and the line's
// latest version to pass to Undo: the planner shows it on its undo key, the
// command line checks whose change it is.
func (s *Session) NextUndo(ctx context.Context, ref Ref) (VersionInfo, int, error) {
	if err := s.actor.may(ActRead, ref.Plan); err != nil {
		return VersionInfo{}, 0, err
	}
	var v VersionInfo
	var head int
	err := s.read(ctx, func(tx store.Tx) error {
		l, h, err := lineHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		head = h
		target, err := undoTarget(ctx, tx, l, head)
		if err != nil {
			return err
		}
		r, err := tx.Version(ctx, l, target)
		if err != nil {
			return err
		}
		v, err = decodeVersion(r)
		return err
	})
	v.Change = s.reasons().change(v.Change)
	return v, head, err
}
