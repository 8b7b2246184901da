package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/diff"
	"rota/internal/report"
)

type replanOptions struct {
	changeOptions
	from string
	yes  bool
}

func newReplanCmd(e *env) *cobra.Command {
	o := &replanOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   "replan PLAN[@VERSION] [--from YYYY-MM-DD] [--yes] [--json] [--reasons]",
		Short: "re-optimise a saved rota from a date on, keeping pinned months and days",
		Long: `Applies the spec's SPOC and presence rules again to the months from the one
holding --from (default today) and the days from --from on, keeping every
month and day set by an explicit change. Shows what would change; writes
it as a new version only with --yes.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print what would change (or changed) as JSON")
	cmd.Flags().StringVar(&o.from, "from", "", "the first day to re-plan, `YYYY-MM-DD` (default today)")
	cmd.Flags().BoolVar(&o.yes, "yes", false, "write the new rota as a new version")
	addReasonsFlag(cmd, &o.showReasons)
	return cmd
}

func (o *replanOptions) run(arg string) error {
	e := o.e
	day := calendar.FromTime(time.Now())
	if o.from != "" {
		var err error
		if day, err = calendar.ParseDate(o.from); err != nil {
			return badInput(fmt.Errorf("--from: %v", err))
		}
	}
	s, snap, err := loadTarget(e, o.db, arg, o.showReasons)
	if err != nil {
		return err
	}
	defer s.Close()
	replan := change.Replan(day)
	after, err := snap.Try(replan)
	var un *change.UnchangedError
	if errors.As(err, &un) {
		if o.asJSON {
			return writeJSON(e.stdout, unchanged{Plan: snap.Ref.Plan, Scenario: snap.Ref.Scenario, Version: snap.Version, Unchanged: un.Msg})
		}
		fmt.Fprintf(e.stdout, "Nothing to re-plan: %s.\n", un.Msg)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	d := diff.Compare(snap.Result, after.Result)
	if !o.yes {
		if o.asJSON {
			return writeJSON(e.stdout, replanPreview{Plan: snap.Ref.Plan, Scenario: snap.Ref.Scenario, Version: snap.Version, Written: false, Diff: d})
		}
		fmt.Fprintf(e.stdout, "Re-planning %s version %d from %s would change:\n", lineName(snap.Ref), snap.Version, day)
		report.WriteDiff(e.stdout, snap.Result, after.Result, d)
		fmt.Fprintf(e.stdout, "\nNothing written. To save this as version %d: rota replan %s@%d --from %s --yes\n", snap.Version+1, snap.Ref, snap.Version, day)
		return nil
	}
	t := target{ref: snap.Ref, version: snap.Version}
	return applyAndReport(e, s, t, []change.Change{replan}, author(e, o.who), o.note, o.asJSON)
}
