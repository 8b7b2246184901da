package backend

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"rota/internal/change"
	"rota/internal/store"
)

// Import saves a plan file as a new plan: version 1, its rota computed and
// saved with it. name must be free (see CheckName); to bring a changed file
// into an existing plan, Apply a change.Reimport.
func (s *Session) Import(ctx context.Context, name, path string, text []byte, author, note string) (int, error) {
	author, err := s.actor.author(author)
	if err != nil {
		return 0, err
	}
	if err := checkText(author, note); err != nil {
		return 0, err
	}
	if err = s.actor.may(ActImport, name); err != nil {
		return 0, err
	}
	if err := CheckName("plan", name); err != nil {
		return 0, &change.RefusedError{Problems: []string{err.Error()}}
	}
	c := change.Import(path, text)
	e, st, err := change.Edit(change.NewState(), c)
	if err != nil {
		return 0, err
	}
	now := s.b.now()
	err = s.write(ctx, func(tx store.Tx) error {
		l, err := tx.CreatePlan(ctx, name, st.Plan.Name, newIdentity(st.Plan), author, now)
		if err != nil {
			return err
		}
		return insert(ctx, tx, l, 1, c, e, st, author, note, now)
	})
	if err != nil {
		return 0, err
	}
	s.b.watch.wrote(name)
	return 1, nil
}

// Load returns a line at a version (0 for the latest), computed: its plan,
// its saved assignment, its pins and what they mean day by day. Snapshots
// are values, shared by every caller that loads the same version.
func (s *Session) Load(ctx context.Context, ref Ref, version int) (*Snapshot, error) {
	if err := s.actor.may(ActRead, ref.Plan); err != nil {
		return nil, err
	}
	var snap *Snapshot
	err := s.read(ctx, func(tx store.Tx) error {
		l, head, err := lineHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		if version == 0 {
			version = head
		}
		first := 1
		if ref.Scenario != "" {
			first = l.Base
		}
		if version < first || version > head {
			return &NotFoundError{What: "version", Name: fmt.Sprintf("%d of %s", version, ref), Known: fmt.Sprintf("it has versions %d to %d", first, head)}
		}
		uid, err := tx.Identity(ctx, l)
		if err != nil {
			return err
		}
		// A plan's versions never change once written, so its snapshots
		// are cached; a scenario's line can be dropped and made again
		// under the same name, so its are not.
		key := cacheKey{plan: l.PlanID, version: version}
		if ref.Scenario == "" {
			c := s.b.cache.get(key)
			if c == nil {
				if done := s.b.cache.claim(key); done != nil {
					defer done()
				} else {
					c = s.b.cache.get(key)
				}
			}
			if c != nil {
				snap = s.reasons().snapshot(c.at(head))
				return nil
			}
		}
		st, err := stateAt(ctx, tx, l, version)
		if err != nil {
			return err
		}
		snap = newSnapshot(ref, version, head, l.Base, st)
		snap.Identity = uid
		if ref.Scenario == "" {
			s.b.cache.put(key, snap)
		}
		snap = s.reasons().snapshot(snap)
		return nil
	})
	return snap, err
}

// Apply writes change c as a new version of the line, made on version base.
// If the line has moved on since base it is refused with a *ConflictError;
// a change that breaks the plan's rules with a *change.RefusedError; one
// that changes nothing with a *change.UnchangedError; one the actor may not
// make with a *ForbiddenError. In every such case nothing is written. It
// returns the new version. author "" records the actor's name.
func (s *Session) Apply(ctx context.Context, ref Ref, base int, c change.Change, author, note string) (int, error) {
	return s.ApplyAll(ctx, ref, base, []change.Change{c}, author, note)
}

// ApplyAll writes changes as consecutive versions, all or none.
func (s *Session) ApplyAll(ctx context.Context, ref Ref, base int, changes []change.Change, author, note string) (int, error) {
	author, err := s.actor.author(author)
	if err != nil {
		return 0, err
	}
	if err := checkText(author, note, changes...); err != nil {
		return 0, err
	}
	changes = slices.Clone(changes)
	for i, c := range changes {
		// A note typed without its writer is the actor's own.
		if c.Kind == change.KindHandoverNote && c.Person == "" {
			changes[i].Person = cmp.Or(s.actor.Person, author)
		}
	}
	if err = s.actor.mayChange(ref, changes); err != nil {
		return 0, err
	}
	onBehalf(changes, author, s.actor)
	if len(changes) == 0 {
		return 0, &change.UnchangedError{Msg: "no change given"}
	}
	for _, c := range changes {
		if c.Kind == change.KindImport || c.Kind == change.KindUndo {
			return 0, change.Refused("%s is not a change to apply: use Import or Undo", c.Kind)
		}
	}
	now := s.b.now()
	var head int
	err = s.write(ctx, func(tx store.Tx) error {
		l, err := lineAt(ctx, tx, ref, base)
		if err != nil {
			return err
		}
		head = base
		st, err := stateAt(ctx, tx, l, head)
		if err != nil {
			return err
		}
		for _, c := range changes {
			e, next, err := change.Edit(st, c)
			if err != nil {
				if len(changes) > 1 {
					return change.Prefix(c, err)
				}
				return err
			}
			head++
			if err := insert(ctx, tx, l, head, c, e, next, author, note, now); err != nil {
				return err
			}
			st = next
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	s.b.watch.wrote(ref.Plan)
	return head, nil
}

// Undo writes a version that reverts the latest change not yet undone, made
// on version base (see Apply for the errors). Undoing again walks further
// back; the import, and a scenario's base, cannot be undone. History keeps
// both the change and its undoing.
func (s *Session) Undo(ctx context.Context, ref Ref, base int, author, note string) (int, error) {
	act := ActUndo
	if ref.Scenario != "" {
		act = ActScenario
	}
	author, err := s.actor.author(author)
	if err != nil {
		return 0, err
	}
	if err := checkText(author, note); err != nil {
		return 0, err
	}
	if err = s.actor.may(act, ref.Plan); err != nil {
		return 0, err
	}
	now := s.b.now()
	var head int
	err = s.write(ctx, func(tx store.Tx) error {
		l, err := lineAt(ctx, tx, ref, base)
		if err != nil {
			return err
		}
		head = base
		target, err := undoTarget(ctx, tx, l, head)
		if err != nil {
			return err
		}
		r, err := tx.Version(ctx, l, target)
		if err != nil {
			return err
		}
		e, err := decodeEffect(r)
		if err != nil {
			return err
		}
		var before *change.State
		if e.ReplacesPlan() {
			if before, err = stateAt(ctx, tx, l, target-1); err != nil {
				return err
			}
		}
		st, err := stateAt(ctx, tx, l, head)
		if err != nil {
			return err
		}
		inv, next, err := change.Revert(st, &e, before)
		var r2 *change.RefusedError
		if err != nil && !errors.As(err, &r2) {
			return fmt.Errorf("cannot undo version %d: %v", target, err)
		}
		if err != nil {
			return err
		}
		head++
		return insert(ctx, tx, l, head, change.Undo(target), inv, next, author, note, now)
	})
	if err != nil {
		return 0, err
	}
	s.b.watch.wrote(ref.Plan)
	return head, nil
}

// Plans lists the saved plans the actor may see, by name.
func (s *Session) Plans(ctx context.Context) ([]PlanInfo, error) {
	if err := s.actor.may(ActRead, ""); err != nil {
		return nil, err
	}
	var out []PlanInfo
	err := s.read(ctx, func(tx store.Tx) error {
		all, err := tx.Plans(ctx)
		for _, p := range all {
			if s.actor.may(ActRead, p.Name) == nil {
				out = append(out, p)
			}
		}
		return err
	})
	return out, err
}

// Touch records that a plan was opened, for LastUsed.
func (s *Session) Touch(ctx context.Context, name string) error {
	if err := s.actor.may(ActRead, name); err != nil {
		return err
	}
	// Best effort: reading must neither wait on a writer nor fail because
	// the database is busy or read-only; the next look records it.
	err := s.b.st.TryWrite(ctx, func(tx store.Tx) error { return tx.Touch(ctx, name, s.b.now()) })
	var ro *store.ReadOnlyError
	if errors.Is(err, store.ErrBusy) || errors.As(err, &ro) {
		return nil
	}
	return err
}

// LastUsed returns the plan opened or changed most recently, "" when none
// is saved: the planner opens it when started without arguments.
func (s *Session) LastUsed(ctx context.Context) (string, error) {
	var name string
	err := s.read(ctx, func(tx store.Tx) error {
		var err error
		name, err = tx.LastUsed(ctx)
		return err
	})
	if name != "" && s.actor.may(ActRead, name) != nil {
		return "", nil
	}
	return name, err
}
