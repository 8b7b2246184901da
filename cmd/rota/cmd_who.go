package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/termtext"
)

type whoOptions struct {
	e      *env
	db     string
	asJSON bool
}

func newWhoCmd(e *env) *cobra.Command {
	o := &whoOptions{e: e}
	cmd := &cobra.Command{
		Use:   "who PLAN DUTY DATE [--json]",
		Short: "who could lawfully act for a duty on a date, and why",
		Long: `Answers by the plan version in force on DATE (the latest written by the end
of that day; the latest version when the plan was saved only after it): the
holder, the chain of owner and cover that led to them (who was away, who had
accepted cover), and the version. Unconfirmed cover means nobody may act
until the person it falls to accepts (rota cover accept).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 3 {
				return badInput(fmt.Errorf("rota who: want %s", usageOf(cmd)))
			}
			return nil
		},
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0], args[1], args[2]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the answer as JSON: holder, status, chain, version")
	return cmd
}

func (o *whoOptions) run(arg, duty, day string) error {
	d, err := calendar.ParseDate(day)
	if err != nil {
		return badInput(fmt.Errorf("rota who: DATE: %v", err))
	}
	t, s, err := openTarget(o.e, o.db, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	w, err := s.Who(o.e.ctx, t.ref, duty, d)
	if err != nil {
		return storeErr(err)
	}
	if o.asJSON {
		return writeJSON(o.e.stdout, w)
	}
	snap, err := s.Load(o.e.ctx, t.ref, w.Version)
	if err != nil {
		return storeErr(err)
	}
	p := snap.Plan
	name := func(id string) string { return termtext.Escape(p.PersonName(id)) }
	du, _ := p.Duty(duty)
	holder := "nobody"
	if w.Holder != "" {
		holder = name(w.Holder)
	}
	fmt.Fprintf(o.e.stdout, "%s on %s: %s\n", termtext.Escape(du.Title), d.Short(), holder)
	if !w.WorkingDay {
		fmt.Fprintln(o.e.stdout, "  (not a working day of the plan)")
	}
	fmt.Fprintf(o.e.stdout, "  why: %s\n", w.Reason(name))
	fmt.Fprintf(o.e.stdout, "  by: plan %s, version %d (%s)\n", w.Plan, w.Version, basisText(w.Basis, d))
	return nil
}

func basisText(basis string, d calendar.Date) string {
	if basis == "latest" {
		return "the latest: the plan was saved after " + d.String()
	}
	return "in force on " + d.String()
}
