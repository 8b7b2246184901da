package main

import (
	"github.com/spf13/cobra"

	"rota/internal/coverage"
	"rota/internal/report"
)

type checkOptions struct {
	e       *env
	reasons bool
	absent  []string
}

func newCheckCmd(e *env) *cobra.Command {
	o := &checkOptions{e: e}
	cmd := &cobra.Command{
		Use:   "check FILE [--reasons] [--absent ID:FROM:TO]…",
		Short: "summarise a plan file's gaps; exit 1 when there are any",
		Long: `Lists every gap as a run of dates with its reason, e.g.
  SIRO: nobody 10–11 Oct 2022 — paul away, simon away
--reasons adds each absence's recorded reason ("paul away (annual leave)").
Exit 0 when there is no gap, 1 when there is at least one, 2 on bad input.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlanFile,
	}
	addReasonsFlag(cmd, &o.reasons)
	addAbsentFlag(cmd, &o.absent)
	return cmd
}

func (o *checkOptions) run(path string) error {
	p, err := loadWithAbsences(path, o.absent)
	if err != nil {
		return err
	}
	r := coverage.Compute(p)
	report.WriteCheck(o.e.stdout, r, report.Options{Reasons: o.reasons})
	if len(r.Gaps) > 0 {
		return silentExit(exitGaps)
	}
	return nil
}
