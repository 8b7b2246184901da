package main

import "github.com/spf13/cobra"

func newScenarioShowCmd(e *env) *cobra.Command {
	o := &showOptions{e: e}
	cmd := &cobra.Command{
		Use:   "show PLAN NAME[@V]",
		Short: "print the scenario's rota (flags of rota show)",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := scenarioTarget(cmd, args)
			if err != nil {
				return err
			}
			s, snap, err := loadTarget(e, o.db, t.String(), o.reasons)
			if err != nil {
				return err
			}
			defer s.Close()
			return o.show(snap)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd)
	return cmd
}
