package main

import (
	"errors"

	"github.com/spf13/cobra"
)

func newScenarioEditCmd(e *env) *cobra.Command {
	o := &editOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   "edit PLAN NAME[@V] CHANGE [+ CHANGE…]",
		Short: "change it (the changes of rota edit)",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 3 {
				return badInput(errors.New("rota scenario edit: want PLAN NAME[@V] CHANGE [+ CHANGE…] (see rota edit --help for the changes)"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := scenarioTarget(cmd, args)
			if err != nil {
				return err
			}
			changes, err := splitChanges(args[2:], o.reason)
			if err != nil {
				return err
			}
			s, err := openStore(e, o.db, false)
			if err != nil {
				return err
			}
			s = seen(s, o.showReasons)
			defer s.Close()
			if t.version == 0 {
				snap, err := s.Load(e.ctx, t.ref, 0)
				if err != nil {
					return storeErr(err)
				}
				t.version = snap.Version
			}
			return applyAndReport(e, s, t, changes, author(e, o.who), o.note, o.asJSON)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	addReasonFlag(cmd, &o.reason, "the reason of an absence, as `TEXT`")
	addReasonsFlag(cmd, &o.showReasons)
	return cmd
}
