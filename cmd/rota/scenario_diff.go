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
			c, err := seen(s, o.reasons).DiffFromBase(e.ctx, backend.At{Ref: t.ref, Version: t.version})
			if err != nil {
				return storeErr(err)
			}
			return o.write(c)
		},
		ValidArgsFunction: completeScenarios(e, &o.db),
	}
	o.addFlags(cmd)
	return cmd
}
