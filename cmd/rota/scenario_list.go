package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/report"
)

type scenarioListOptions struct {
	e      *env
	db     string
	asJSON bool
}

func newScenarioListCmd(e *env) *cobra.Command {
	o := &scenarioListOptions{e: e}
	cmd := &cobra.Command{
		Use:               "list PLAN",
		Short:             "list the plan's scenarios",
		Args:              scenarioArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the list as JSON")
	return cmd
}

func (o *scenarioListOptions) run(planName string) error {
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Scenarios(o.e.ctx, planName)
	if err != nil {
		return storeErr(err)
	}
	w := o.e.stdout
	if o.asJSON {
		if list == nil {
			list = []backend.ScenarioInfo{}
		}
		return writeJSON(w, list)
	}
	if len(list) == 0 {
		fmt.Fprintf(w, "Plan %s has no scenarios: start one with rota scenario new %s NAME.\n", planName, planName)
		return nil
	}
	rows := [][]string{{"SCENARIO", "BASE", "VERSION", "CHANGES", "BY", "STARTED"}}
	for _, x := range list {
		rows = append(rows, []string{x.Name, strconv.Itoa(x.Base), strconv.Itoa(x.Version), strconv.Itoa(x.Version - x.Base), x.Author, when(x.Created)})
	}
	report.WriteTable(w, rows)
	return nil
}
