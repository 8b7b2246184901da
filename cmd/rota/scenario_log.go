package main

import "github.com/spf13/cobra"

func newScenarioLogCmd(e *env) *cobra.Command {
	o := &logOptions{e: e}
	cmd := &cobra.Command{
		Use:   "log PLAN NAME",
		Short: "list its changes",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			return o.write(s, t.ref)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd)
	return cmd
}
