package main

import (
	"errors"
	"fmt"
	"rota/internal/change"

	"github.com/spf13/cobra"
)

func newScenarioRebaseCmd(e *env) *cobra.Command {
	o := &scenarioOptions{e: e}
	cmd := &cobra.Command{
		Use:   "rebase PLAN NAME",
		Short: "move it onto the plan's latest version, making its changes again (all or none), so it can be adopted",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			base, head, err := s.Rebase(e.ctx, t.ref.Plan, t.ref.Scenario)
			var un *change.UnchangedError
			if errors.As(err, &un) {
				fmt.Fprintf(e.stdout, "Nothing to rebase: %s.\n", un.Msg)
				return nil
			}
			if err != nil {
				return storeErr(err)
			}
			if o.asJSON {
				return writeJSON(e.stdout, rebased{Plan: t.ref.Plan, Scenario: t.ref.Scenario, Base: base, Version: head})
			}
			fmt.Fprintf(e.stdout, "Scenario %s of plan %s now starts from version %d, with its %d %s made again (version %d).\n",
				t.ref.Scenario, t.ref.Plan, base, head-base, plural(head-base, "change", "changes"), head)
			return nil
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd, "print the new base and version as JSON")
	return cmd
}
