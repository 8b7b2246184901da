package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/export"
	"rota/internal/report"
	"rota/internal/termtext"
)

type handoverOptions struct {
	e       *env
	db      string
	asJSON  bool
	format  string
	today   string
	reasons bool
}

func newHandoverCmd(e *env) *cobra.Command {
	o := &handoverOptions{e: e}
	cmd := &cobra.Command{
		Use:   "handover PLAN[@VERSION] MONTH [--json] [--format md|html] [--reasons]",
		Short: "print a month's handover sheet from its outgoing SPOC to the incoming one",
		Long: `The sheet says, for MONTH (YYYY-MM): its SPOC, buddy and presence days; its
events and who attends; the gaps ahead and who could be asked to fill them;
who is away (no reasons unless --reasons); the duties that move to cover;
statutory delegations nobody has accepted to cover; the open what-ifs; the
notes of the outgoing SPOC or the PA; and whether the incoming SPOC has
acknowledged it. From handover_notice working days before the month (default
5) an unacknowledged handover says "not acknowledged".

  rota handover note PLAN MONTH "TEXT"    add a note
  rota handover ack PLAN MONTH            the incoming SPOC acknowledges`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return badInput(fmt.Errorf("rota handover: want %s", usageOf(cmd)))
			}
			return nil
		},
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0], args[1]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the sheet as JSON")
	cmd.Flags().StringVar(&o.format, "format", "", "`md` or `html`, for printing or mailing (default: text)")
	cmd.Flags().StringVar(&o.today, "today", "", "the `YYYY-MM-DD` to judge \"not acknowledged\" by (default today)")
	addReasonsFlag(cmd, &o.reasons)
	cmd.AddCommand(newHandoverNoteCmd(e), newHandoverAckCmd(e))
	return cmd
}

func (o *handoverOptions) run(arg, monthArg string) error {
	m, err := calendar.ParseMonth(monthArg)
	if err != nil {
		return badInput(fmt.Errorf("rota handover: MONTH: %v", err))
	}
	today := calendar.FromTime(time.Now())
	if o.today != "" {
		if today, err = calendar.ParseDate(o.today); err != nil {
			return badInput(fmt.Errorf("rota handover: --today: %v", err))
		}
	}
	if o.format != "" && o.format != "md" && o.format != "html" {
		return badInput(fmt.Errorf("rota handover: --format %q: use md or html (or leave it out for text)", o.format))
	}
	s, snap, err := loadTarget(o.e, o.db, arg, o.reasons)
	if err != nil {
		return err
	}
	defer s.Close()
	var whatIfs []string
	if snap.Ref.Scenario == "" {
		scs, err := s.Scenarios(o.e.ctx, snap.Ref.Plan)
		if err != nil {
			return storeErr(err)
		}
		for _, sc := range scs {
			whatIfs = append(whatIfs, sc.Name)
		}
	}
	h, ok := report.NewHandover(snap.Result, m, whatIfs, today, o.reasons)
	if !ok {
		return badInput(fmt.Errorf("rota handover: %s is outside the plan (%s to %s)", m, snap.Plan.Start.Month(), snap.Plan.End.Month()))
	}
	h.Plan, h.Version = snap.Ref.String(), snap.Version
	title := fmt.Sprintf("%s, version %d", snap.Plan.Name, snap.Version)
	switch {
	case o.asJSON:
		return writeJSON(o.e.stdout, h)
	case o.format == "md":
		return export.WriteHandoverMarkdown(dataOut(o.e.stdout), title, h)
	case o.format == "html":
		return export.WriteHandoverHTML(dataOut(o.e.stdout), title, h)
	}
	report.WriteHandover(o.e.stdout, title, h, termtext.Escape)
	return nil
}

// handoverTarget reads PLAN MONTH and loads the plan.
func handoverTarget(e *env, db string, args []string) (target, *backend.Session, *backend.Snapshot, calendar.Month, error) {
	m, err := calendar.ParseMonth(args[1])
	if err != nil {
		return target{}, nil, nil, 0, badInput(fmt.Errorf("MONTH: %v", err))
	}
	t, s, err := openTarget(e, db, args[0])
	if err != nil {
		return t, nil, nil, 0, err
	}
	snap, err := s.Load(e.ctx, t.ref, t.version)
	if err != nil {
		s.Close()
		return t, nil, nil, 0, storeErr(err)
	}
	return t, s, snap, m, nil
}

func newHandoverNoteCmd(e *env) *cobra.Command {
	o := &recordOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   `note PLAN[@VERSION] MONTH "TEXT" [--for PERSON] [--json]`,
		Short: "add a note to MONTH's handover: open issues, decisions pending, contacts",
		Long: `The note is yours (your author name, or your person id when you are one of
the plan's persons), or PERSON's with --for, recorded as made by you. One
line of text: control characters are refused.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 3 {
				return badInput(fmt.Errorf("rota handover note: want %s", usageOf(cmd)))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			t, s, snap, m, err := handoverTarget(e, o.db, args)
			if err != nil {
				return err
			}
			defer s.Close()
			who := o.forWhom
			if who == "" {
				who = author(e, o.who)
			}
			return o.applyLatest(s, t, snap, change.HandoverNote(m, who, strings.Join(args[2:], " "), ""))
		},
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	cmd.Flags().StringVar(&o.forWhom, "for", "", "whose note it is, a `PERSON` (a PA recording it for them)")
	return cmd
}

func newHandoverAckCmd(e *env) *cobra.Command {
	o := &recordOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   "ack PLAN[@VERSION] MONTH [--for PERSON] [--json]",
		Short: "acknowledge MONTH's handover, as its incoming SPOC",
		Long: `Only the month's SPOC acknowledges: you, when your author name is their id,
or --for PERSON, recorded as made by you on their behalf.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return badInput(fmt.Errorf("rota handover ack: want %s", usageOf(cmd)))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			t, s, snap, m, err := handoverTarget(e, o.db, args)
			if err != nil {
				return err
			}
			defer s.Close()
			who, err := o.whom(snap, "acknowledgement")
			if err != nil {
				return err
			}
			return o.applyLatest(s, t, snap, change.HandoverAck(m, who, ""))
		},
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	cmd.Flags().StringVar(&o.forWhom, "for", "", "the incoming SPOC's `ID` (a PA recording it for them)")
	return cmd
}
