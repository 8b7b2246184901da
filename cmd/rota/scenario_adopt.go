package main

import (
	"fmt"
	"rota/internal/backend"

	"github.com/spf13/cobra"
)

func newScenarioAdoptCmd(e *env) *cobra.Command {
	o := &scenarioOptions{e: e}
	cmd := &cobra.Command{
		Use:   "adopt PLAN NAME",
		Short: "write its changes onto the plan as new versions and remove it; refused (exit 3) if the plan moved on",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			s = seen(s, o.reasons)
			sc, err := s.Load(e.ctx, t.ref, 0)
			if err != nil {
				return storeErr(err)
			}
			v, err := s.Adopt(e.ctx, t.ref.Plan, t.ref.Scenario)
			if err != nil {
				return storeErr(err)
			}
			if !o.asJSON {
				fmt.Fprintf(e.stdout, "Adopted scenario %s: plan %s is now at version %d.\n", t.ref.Scenario, t.ref.Plan, v)
			}
			return reportVersions(e, s, backend.Ref{Plan: t.ref.Plan}, sc.Base, v, o.asJSON)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	addReasonsFlag(cmd, &o.reasons)
	return cmd
}
