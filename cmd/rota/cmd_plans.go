package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/report"
)

type plansOptions struct {
	e      *env
	db     string
	asJSON bool
}

func newPlansCmd(e *env) *cobra.Command {
	o := &plansOptions{e: e}
	cmd := &cobra.Command{
		Use:   "plans [--json]",
		Short: "list the saved plans",
		Args:  exactArgs(0),
		RunE:  func(*cobra.Command, []string) error { return o.run() },
	}
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the list as JSON")
	return cmd
}

func (o *plansOptions) run() error {
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Plans(o.e.ctx)
	if err != nil {
		return storeErr(err)
	}
	w := o.e.stdout
	if o.asJSON {
		if list == nil {
			list = []backend.PlanInfo{}
		}
		return writeJSON(w, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "No plans saved yet: save one with rota save FILE.")
		return nil
	}
	rows := [][]string{{"PLAN", "VERSION", "CHANGED", "BY", "SCENARIOS", "NAME"}}
	for _, p := range list {
		rows = append(rows, []string{p.Name, strconv.Itoa(p.Version), when(p.Changed), p.By, strconv.Itoa(p.Scenarios), p.Title})
	}
	report.WriteTable(w, rows)
	return nil
}
