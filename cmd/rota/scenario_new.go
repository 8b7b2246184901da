package main

import (
	"fmt"
	"rota/internal/backend"

	"github.com/spf13/cobra"
)

type scenarioNewOptions struct {
	e       *env
	db, who string
	asJSON  bool
}

func newScenarioNewCmd(e *env) *cobra.Command {
	o := &scenarioNewOptions{e: e}
	cmd := &cobra.Command{
		Use:               "new PLAN[@VERSION] NAME",
		Short:             "start a scenario on the plan's latest version (or VERSION)",
		Args:              scenarioArgs(2),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0], args[1]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	addAuthorFlag(cmd, &o.who)
	addJSONFlag(cmd, &o.asJSON, "print the new scenario as JSON")
	return cmd
}

func (o *scenarioNewOptions) run(arg, name string) error {
	t, err := parseTarget(arg)
	if err != nil {
		return err
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	who := author(o.e, o.who)
	base, err := s.NewScenario(o.e.ctx, t.ref.Plan, t.version, name, who)
	if err != nil {
		return storeErr(err)
	}
	if o.asJSON {
		return writeJSON(o.e.stdout, backend.ScenarioInfo{Name: name, Base: base, Version: base, Author: who})
	}
	fmt.Fprintf(o.e.stdout, "Started scenario %s of plan %s on version %d.\nChange it with: rota scenario edit %s %s CHANGE\n", name, t.ref.Plan, base, t.ref.Plan, name)
	return nil
}
