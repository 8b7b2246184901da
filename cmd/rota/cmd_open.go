package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

type openOptions struct {
	plannerOptions
	plan string
}

func newOpenCmd(e *env) *cobra.Command {
	o := &openOptions{plannerOptions: plannerOptions{e: e}}
	cmd := &cobra.Command{
		Use:   "open PLAN [--db PATH] [--author NAME]",
		Short: "open a saved plan in the interactive planner",
		Long: `Opens the plan saved under PLAN (see rota plans) in the planner. Every
change made there is saved at once as a new version. Press ? in the planner
for its keys.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.plan = args[0]
			return o.run()
		},
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd)
	return cmd
}

func (o *openOptions) run() error {
	tty, err := terminal(o.e)
	if err != nil {
		return err
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	plans, err := s.Plans(o.e.ctx)
	if err != nil {
		return err
	}
	var names []string
	for _, pi := range plans {
		names = append(names, pi.Name)
	}
	if !slices.Contains(names, o.plan) {
		known := "there are no saved plans yet: rota FILE.toml imports one"
		if len(names) > 0 {
			known = "saved plans: " + strings.Join(names, ", ")
		}
		return badInput(fmt.Errorf("rota open: no plan %q (%s)", o.plan, known))
	}
	return startPlanner(o.e.ctx, tty, s, o.plan, author(o.e, o.author), "")
}
