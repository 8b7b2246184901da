package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newScenarioDropCmd(e *env) *cobra.Command {
	o := &scenarioOptions{e: e}
	cmd := &cobra.Command{
		Use:   "drop PLAN NAME",
		Short: "delete it and its changes",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			if err := s.Drop(e.ctx, t.ref.Plan, t.ref.Scenario); err != nil {
				return storeErr(err)
			}
			if o.asJSON {
				return writeJSON(e.stdout, dropped{Plan: t.ref.Plan, Scenario: t.ref.Scenario, Dropped: true})
			}
			fmt.Fprintf(e.stdout, "Dropped scenario %s of plan %s.\n", t.ref.Scenario, t.ref.Plan)
			return nil
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd, "print the result as JSON")
	return cmd
}
