package main

import (
	"fmt"
	"rota/internal/backend"

	"github.com/spf13/cobra"
)

func newUndoCmd(e *env) *cobra.Command {
	o := &changeOptions{e: e}
	cmd := &cobra.Command{
		Use:   "undo PLAN[@VERSION] [--note TEXT] [--json] [--reasons]",
		Short: "add a version that reverts the latest change not yet undone",
		Long: `Undoing again walks further back. History keeps the change and its undoing.
Without @VERSION, rota undoes only your own latest change: to undo someone
else's, name the latest version.`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			t, s, err := openTarget(e, o.db, args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			return o.undo(s, t)
		},
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	addReasonsFlag(cmd, &o.showReasons)
	return cmd
}

// undo reverts the latest change of t's line not yet undone. Without a
// version it must be the acting author's own.
func (o *changeOptions) undo(s *backend.Session, t target) error {
	s = seen(s, o.showReasons)
	who := author(o.e, o.who)
	if t.version != 0 {
		latest, err := s.Load(o.e.ctx, t.ref, 0)
		if err != nil {
			return storeErr(err)
		}
		if err := checkVersion(t, latest.Version); err != nil {
			return err
		}
	}
	next, head, err := s.NextUndo(o.e.ctx, t.ref)
	if err != nil {
		return storeErr(err)
	}
	if t.version == 0 {
		if next.Author != who {
			return &exitError{code: exitConflict, err: fmt.Errorf("rota undo: the latest change of %s is %s's, not yours (version %d: %s); to undo it anyway, name the latest version: rota undo %s@%d",
				lineName(t.ref), next.Author, next.Number, next.Change.Describe(), t.ref, head)}
		}
		t.version = head
	}
	v, err := s.Undo(o.e.ctx, t.ref, t.version, who, o.note)
	if err != nil {
		return storeErr(err)
	}
	return reportVersions(o.e, s, t.ref, t.version, v, o.asJSON)
}
