package backend

import (
	"context"
	"errors"
	"fmt"

	"rota/internal/change"
	"rota/internal/store"
)

// NewScenario starts a what-if scenario of a plan on version base (0 for
// the latest). Its versions continue the plan's numbers from base; the plan
// itself is never touched by it. It returns the base.
func (s *Session) NewScenario(ctx context.Context, planName string, base int, name, author string) (int, error) {
	author, err := s.actor.author(author)
	if err != nil {
		return 0, err
	}
	if err = s.actor.may(ActScenario, planName); err != nil {
		return 0, err
	}
	if err := CheckName("scenario", name); err != nil {
		return 0, &change.RefusedError{Problems: []string{err.Error()}}
	}
	now := s.b.now()
	err = s.write(ctx, func(tx store.Tx) error {
		l, err := tx.Line(ctx, Ref{Plan: planName})
		if err != nil {
			return err
		}
		head, err := tx.Head(ctx, l)
		if err != nil {
			return err
		}
		if base == 0 {
			base = head
		}
		if base < 1 || base > head {
			return &NotFoundError{What: "version", Name: fmt.Sprintf("%d of %s", base, planName), Known: fmt.Sprintf("it has versions 1 to %d", head)}
		}
		_, err = tx.CreateScenario(ctx, l, name, base, author, now)
		return err
	})
	return base, err
}

// Scenarios lists a plan's scenarios by name.
func (s *Session) Scenarios(ctx context.Context, planName string) ([]ScenarioInfo, error) {
	if err := s.actor.may(ActRead, planName); err != nil {
		return nil, err
	}
	var out []ScenarioInfo
	err := s.read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.Scenarios(ctx, planName)
		return err
	})
	return out, err
}

// Adopt writes a scenario's changes onto its plan as the same versions,
// keeping their authors, times and notes, then removes the scenario. It is
// refused with a *ConflictError (Adopting set) if the plan has moved on
// from the scenario's base.
func (s *Session) Adopt(ctx context.Context, planName, name string) (int, error) {
	if err := s.actor.may(ActAdopt, planName); err != nil {
		return 0, err
	}
	var head int
	err := s.write(ctx, func(tx store.Tx) error {
		sl, err := tx.Line(ctx, Ref{Plan: planName, Scenario: name})
		if err != nil {
			return err
		}
		ml := sl.Own()
		if head, err = tx.Head(ctx, ml); err != nil {
			return err
		}
		if head != sl.Base {
			c := conflict(ctx, tx, ml, sl.Base, head)
			c.Adopting = name
			return c
		}
		top, err := tx.Head(ctx, sl)
		if err != nil {
			return err
		}
		if top == sl.Base {
			return change.Refused("scenario %s has no changes to adopt", name)
		}
		st, err := stateAt(ctx, tx, sl, top)
		if err != nil {
			return err
		}
		head = top
		return tx.AdoptScenario(ctx, sl, st.Plan.Name, s.b.now())
	})
	if err != nil {
		return 0, err
	}
	s.b.watch.wrote(planName)
	return head, nil
}

// Rename gives a scenario a new name, keeping its history: one update, so a
// what-if kept under a better name is never half copied.
func (s *Session) Rename(ctx context.Context, planName, from, to string) error {
	if err := s.actor.may(ActScenario, planName); err != nil {
		return err
	}
	if err := CheckName("scenario", to); err != nil {
		return &change.RefusedError{Problems: []string{err.Error()}}
	}
	return s.write(ctx, func(tx store.Tx) error {
		sl, err := tx.Line(ctx, Ref{Plan: planName, Scenario: from})
		if err != nil || from == to {
			return err
		}
		return tx.RenameScenario(ctx, sl, to)
	})
}

// Drop deletes a scenario and its changes: the only thing ever deleted.
func (s *Session) Drop(ctx context.Context, planName, name string) error {
	if err := s.actor.may(ActScenario, planName); err != nil {
		return err
	}
	return s.write(ctx, func(tx store.Tx) error {
		sl, err := tx.Line(ctx, Ref{Plan: planName, Scenario: name})
		if err != nil {
			return err
		}
		return tx.DropScenario(ctx, sl)
	})
}

// Rebase moves a scenario onto its plan's latest version: its changes still
// in effect (those not undone) are made again, in order, on that version,
// keeping their authors, times and notes, so a what-if whose plan moved on
// can be adopted after all. It is all or nothing: if a change no longer
// applies (say, the day it set is now someone's absence), nothing moves and
// the error names the change. It returns the new base and head.
func (s *Session) Rebase(ctx context.Context, planName, name string) (base, head int, err error) {
	if err := s.actor.may(ActScenario, planName); err != nil {
		return 0, 0, err
	}
	err = s.write(ctx, func(tx store.Tx) error {
		sl, err := tx.Line(ctx, Ref{Plan: planName, Scenario: name})
		if err != nil {
			return err
		}
		ml := sl.Own()
		if base, err = tx.Head(ctx, ml); err != nil {
			return err
		}
		if base == sl.Base {
			return &change.UnchangedError{Msg: fmt.Sprintf("scenario %s already starts from the latest version of %s, %d", name, planName, base)}
		}
		top, err := tx.Head(ctx, sl)
		if err != nil {
			return err
		}
		kept, err := inEffect(ctx, tx, sl, top)
		if err != nil {
			return err
		}
		nl, err := tx.RestartScenario(ctx, sl, base)
		if err != nil {
			return err
		}
		st, err := stateAt(ctx, tx, ml, base)
		if err != nil {
			return err
		}
		head = base
		for _, v := range kept {
			e, next, err := change.Edit(st, v.Change)
			var un *change.UnchangedError
			if errors.As(err, &un) {
				continue // the plan has it already
			}
			if err != nil {
				// The refusal goes to whoever rebases: a manager too.
				return change.Prefix(s.reasons().change(v.Change), err)
			}
			head++
			if err := insert(ctx, tx, nl, head, v.Change, e, next, v.Author, v.Note, v.Time); err != nil {
				return err
			}
			st = next
		}
		return nil
	})
	return base, head, err
}

// inEffect returns a scenario's changes not undone, oldest first.
func inEffect(ctx context.Context, tx store.Tx, sl store.Line, top int) ([]VersionInfo, error) {
	if top == sl.Base {
		return nil, nil
	}
	recs, err := tx.Versions(ctx, sl, sl.Base, top)
	if err != nil {
		return nil, err
	}
	var kept []VersionInfo
	undone := map[int]bool{}
	for i := len(recs) - 1; i >= 0; i-- {
		v, err := decodeVersion(recs[i])
		if err != nil {
			return nil, err
		}
		switch {
		case v.Change.Kind == change.KindUndo:
			undone[v.Change.Of] = true
		case !undone[v.Number]:
			kept = append(kept, v)
		}
	}
	for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
		kept[i], kept[j] = kept[j], kept[i]
	}
	return kept, nil
}
