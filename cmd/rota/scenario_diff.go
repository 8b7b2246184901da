package main

import (
	"rota/internal/backend"

	"github.com/spf13/cobra"
)

func newScenarioDiffCmd(e *env) *cobra.Command {
	o := &diffOptions{e: e}
	cmd := &cobra.Command{
		Use:   "diff PLAN NAME",
		Short: "what it changes against its base: rules, assignments, who acts instead, new and resolved gaps",
		Args:  scenarioArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, s, err := openScenario(e, o.db, cmd, args)
			if err != nil {
				return err
			}
			defer s.Close()
			b, err := s.Load(e.ctx, t.ref, t.version)
			if err != nil {
				return storeErr(err)
			}
			a, err := s.Load(e.ctx, backend.Ref{Plan: t.ref.Plan}, b.Base)
			if err != nil {
				return storeErr(err)
			}
			return o.write(a, b)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd)
	return cmd
}
