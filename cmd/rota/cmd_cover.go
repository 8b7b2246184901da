package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/change"
)

func newCoverCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cover accept|decline PLAN DUTY [FROM TO] [--for PERSON]",
		Short: "record that a covering person accepts (or declines) a duty's cover",
		Long: `Cover of a statutory duty (or one with accepted_cover = true) holds the duty
only once the covering person has accepted it; until then its days are
"unconfirmed cover" in rota check, the JSON, the planner and every export.
Without FROM TO the acceptance is for the duty as a whole.`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(newCoverVerb(e, "accept", "accept to cover DUTY, as a whole or from FROM to TO", change.AcceptCover),
		newCoverVerb(e, "decline", "take those days (or all) out of an acceptance of DUTY's cover", change.DeclineCover))
	return cmd
}

func newCoverVerb(e *env, verb, short string, make func(duty, who string, from, to calendar.Date, by string) change.Change) *cobra.Command {
	o := &recordOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   verb + " PLAN[@VERSION] DUTY [FROM TO] [--for PERSON] [--json]",
		Short: short,
		Long: `PERSON is who covers (default: you, when your author name is one of the
plan's persons). An assistant director records only for themselves; a PA may
record for anyone with --for, and the record says who made it.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 && len(args) != 4 {
				return badInput(fmt.Errorf("rota cover %s: want %s", verb, usageOf(cmd)))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			var from, to calendar.Date
			if len(args) == 4 {
				var err error
				if from, err = calendar.ParseDate(args[2]); err != nil {
					return badInput(fmt.Errorf("rota cover %s: FROM: %v", verb, err))
				}
				if to, err = calendar.ParseDate(args[3]); err != nil {
					return badInput(fmt.Errorf("rota cover %s: TO: %v", verb, err))
				}
			}
			t, s, err := openTarget(e, o.db, args[0])
			if err != nil {
				return err
			}
			defer s.Close()
			snap, err := s.Load(e.ctx, t.ref, t.version)
			if err != nil {
				return storeErr(err)
			}
			who, err := o.whom(snap, "cover")
			if err != nil {
				return err
			}
			return o.applyLatest(s, t, snap, make(args[1], who, from, to, ""))
		},
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	cmd.Flags().StringVar(&o.forWhom, "for", "", "the covering person's `ID` (a PA recording on their behalf)")
	return cmd
}
