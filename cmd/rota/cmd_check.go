package main

import (
	"github.com/spf13/cobra"

	"rota/internal/report"
)

type checkOptions struct {
	e       *env
	reasons bool
	absent  []string
	db      string
}

func newCheckCmd(e *env) *cobra.Command {
	o := &checkOptions{e: e}
	cmd := &cobra.Command{
		Use:   "check FILE|PLAN [--reasons] [--absent ID:FROM:TO]… [--db PATH]",
		Short: "summarise a plan's gaps; exit 1 when there are any",
		Long: `Counts the gaps as everything else counts them (a gap is one subject with
nobody on one date; then the days with gaps and the runs), then lists every
gap as a run of dates with who is away, e.g.
  SIRO: nobody 10–11 Oct 2022 — paul away, simon away
FILE is a plan file, computed afresh; PLAN a saved plan (PLAN, PLAN@VERSION,
PLAN/SCENARIO), checked as saved.
--reasons adds each absence's recorded reason ("paul away (annual leave)").
Exit 0 when there is no gap, 1 when there is at least one, 2 on bad input.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlanFile,
	}
	addReasonsFlag(cmd, &o.reasons)
	addAbsentFlag(cmd, &o.absent)
	addDBFlag(cmd, &o.db)
	return cmd
}

func (o *checkOptions) run(arg string) error {
	src, err := sourceFor(o.e, o.db, arg, o.absent)
	if err != nil {
		return err
	}
	defer src.close()
	r := src.r
	report.WriteCheck(o.e.stdout, r, report.Options{Reasons: o.reasons})
	if len(r.Gaps) > 0 {
		return silentExit(exitGaps)
	}
	return nil
}
