package backend

import (
	"context"
	"fmt"

	"rota/internal/change"
	"rota/internal/store"
)

// Walk calls fn with each version 1..upto of ref's line, oldest first,
// computed, replaying the history once instead of loading every version
// from its nearest checkpoint: a calendar export numbers its events'
// revisions over all of them (export.Sequences). A scenario's versions up to
// its base are its plan's, and come as the plan's. The snapshots share state as the walk goes on,
// so fn must not keep one past its return. An error from fn stops the walk
// and is returned.
func (s *Session) Walk(ctx context.Context, ref Ref, upto int, fn func(*Snapshot) error) error {
	if err := s.actor.may(ActRead, ref.Plan); err != nil {
		return err
	}
	view := s.reasons()
	return s.read(ctx, func(tx store.Tx) error {
		l, head, err := lineHead(ctx, tx, ref)
		if err != nil {
			return err
		}
		if upto < 1 || upto > head {
			return &NotFoundError{What: "version", Name: fmt.Sprintf("%d of %s", upto, ref), Known: fmt.Sprintf("it has versions 1 to %d", head)}
		}
		uid, err := tx.Identity(ctx, l)
		if err != nil {
			return err
		}
		st := change.NewState()
		replay := func(line store.Line, from, to int) error {
			recs, err := tx.Versions(ctx, line, from, to)
			if err != nil {
				return err
			}
			want := from + 1
			for _, r := range recs {
				if r.Number != want {
					return fmt.Errorf("%s: version %d is missing from the history", line.Ref, want)
				}
				e, err := decodeEffect(r)
				if err != nil {
					return fmt.Errorf("%s %v", line.Ref, err)
				}
				if err := st.Replay(&e); err != nil {
					return fmt.Errorf("%s version %d: %v", line.Ref, r.Number, err)
				}
				snap := newSnapshot(line.Ref, r.Number, head, l.Base, st)
				snap.Identity = uid
				if err := fn(view.snapshot(snap)); err != nil {
					return err
				}
				want++
			}
			if want != to+1 {
				return fmt.Errorf("%s: version %d is missing from the history", line.Ref, want)
			}
			return nil
		}
		own := upto
		if ref.Scenario != "" {
			own = min(upto, l.Base)
		}
		if err := replay(l.Own(), 0, own); err != nil {
			return err
		}
		if ref.Scenario != "" && upto > l.Base {
			return replay(l, l.Base, upto)
		}
		return nil
	})
}
