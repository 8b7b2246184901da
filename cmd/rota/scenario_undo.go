package main

import "github.com/spf13/cobra"

func newScenarioUndoCmd(e *env) *cobra.Command {
	o := &changeOptions{e: e}
	cmd := &cobra.Command{
		Use:   "undo PLAN NAME[@V]",
		Short: "revert its latest change",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			if t.version == 0 {
				// A scenario is one person's: its latest change is theirs to undo.
				_, head, err := s.NextUndo(e.ctx, t.ref)
				if err != nil {
					return storeErr(err)
				}
				t.version = head
			}
			return o.undo(s, t)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	addReasonsFlag(cmd, &o.showReasons)
	return cmd
}
