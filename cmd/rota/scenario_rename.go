package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newScenarioRenameCmd(e *env) *cobra.Command {
	o := &scenarioOptions{e: e}
	cmd := &cobra.Command{
		Use:   "rename PLAN NAME NEW-NAME",
		Short: "give it another name, keeping its changes",
		Args:  scenarioArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Rename(e.ctx, t.ref.Plan, t.ref.Scenario, args[2]); err != nil {
				return storeErr(err)
			}
			if o.asJSON {
				return writeJSON(e.stdout, renamed{Plan: t.ref.Plan, Scenario: args[2], Was: t.ref.Scenario})
			}
			fmt.Fprintf(e.stdout, "Renamed scenario %s of plan %s to %s.\n", t.ref.Scenario, t.ref.Plan, args[2])
			return nil
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd, "print the result as JSON")
	return cmd
}
