package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/export"
	"rota/internal/outfile"
	"rota/internal/plan"
)

func newDecisionCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "decision add|register",
		Short: "the register of decisions taken under delegation (OLGBR 2014, reg. 7)",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newDecisionAddCmd(e), newDecisionRegisterCmd(e))
	return cmd
}

type decisionOptions struct {
	changeOptions
	duty, date, officer                                   string
	decision, reasons, alternatives, conflicts, exception string
}

func newDecisionAddCmd(e *env) *cobra.Command {
	o := &decisionOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   "add PLAN --duty ID --date DATE --by PERSON --decision TEXT --reasons TEXT [--alternatives TEXT] [--conflicts TEXT] [--exception REASON]",
		Short: "record a decision taken under a delegation",
		Long: `Records what the Openness of Local Government Bodies Regulations 2014,
regulation 7, asks for: the date, the decision, the reasons, alternatives
considered and rejected, any conflict of interest declared, and the officer
who took it. The officer (--by) must have held the duty that day by the plan
version in force then (owner present, or accepted cover while the owner was
away): otherwise it is refused (exit 2), saying who held it and why, unless
--exception gives the reason it stands. Texts are one line, without control
characters. A PA records for the officer; the history says who typed it.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return badInput(fmt.Errorf("rota decision add: want %s", usageOf(cmd)))
			}
			return nil
		},
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print the new version and what the check found as JSON")
	f := cmd.Flags()
	f.StringVar(&o.duty, "duty", "", "the duty (delegation) `ID` it was taken under")
	f.StringVar(&o.date, "date", "", "the `YYYY-MM-DD` it was taken")
	f.StringVar(&o.officer, "by", "", "the officer who took it, a `PERSON` id")
	f.StringVar(&o.decision, "decision", "", "what was decided, `TEXT`")
	f.StringVar(&o.reasons, "reasons", "", "why, `TEXT`")
	f.StringVar(&o.alternatives, "alternatives", "", "alternatives considered and rejected, `TEXT`")
	f.StringVar(&o.conflicts, "conflicts", "", "any conflict of interest declared, `TEXT`")
	f.StringVar(&o.exception, "exception", "", "why it stands although the officer did not hold the duty that day, `REASON`")
	return cmd
}

func (o *decisionOptions) run(arg string) error {
	var missing []string
	for _, f := range []struct{ flag, v string }{{"--duty", o.duty}, {"--date", o.date}, {"--by", o.officer}, {"--decision", o.decision}, {"--reasons", o.reasons}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) > 0 {
		return badInput(fmt.Errorf("rota decision add: give %s (regulation 7 asks for the date, the decision, the reasons and the officer)", strings.Join(missing, ", ")))
	}
	d, err := calendar.ParseDate(o.date)
	if err != nil {
		return badInput(fmt.Errorf("rota decision add: --date: %v", err))
	}
	x := plan.Decision{Duty: o.duty, Date: d, Person: o.officer, Decision: o.decision, Reasons: o.reasons,
		Alternatives: o.alternatives, Conflicts: o.conflicts, Exception: o.exception}
	for _, f := range []struct{ name, v string }{{"--decision", x.Decision}, {"--reasons", x.Reasons}, {"--alternatives", x.Alternatives}, {"--conflicts", x.Conflicts}, {"--exception", x.Exception}} {
		if err := plan.CheckText(f.name, f.v, plan.MaxDecisionText); err != nil {
			return badInput(fmt.Errorf("rota decision add: %v", err))
		}
	}
	t, s, err := openTarget(o.e, o.db, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	s = seen(s, o.showReasons)
	v, held, err := s.RecordDecision(o.e.ctx, t.ref, x, author(o.e, o.who), o.note)
	var nh *backend.NotHolderError
	if errors.As(err, &nh) {
		return badInput(fmt.Errorf("rota decision add: %v", nh))
	}
	if err != nil {
		return storeErr(err)
	}
	if o.asJSON {
		return writeJSON(o.e.stdout, struct {
			Plan    string          `json:"plan"`
			Version int             `json:"version"`
			Checked backend.InForce `json:"checked"`
		}{t.ref.String(), v, held})
	}
	how := "held it"
	if held.Holder != x.Person {
		how = "recorded as an exception"
	}
	fmt.Fprintf(o.e.stdout, "Plan %s, version %d: decision under %s on %s by %s (%s by plan version %d, %s).\n",
		t.ref, v, x.Duty, x.Date, x.Person, how, held.Version, basisText(held.Basis, x.Date))
	return nil
}

type registerOptions struct {
	e               *env
	db, format, out string
}

func newDecisionRegisterCmd(e *env) *cobra.Command {
	o := &registerOptions{e: e}
	cmd := &cobra.Command{
		Use:   "register PLAN[@VERSION] [--format csv|md|html] [-o FILE]",
		Short: "the register of decisions for publication, as CSV, Markdown or HTML",
		Long: `Each decision with what regulation 7 asks for: date, delegation, officer
(name and title), decision, reasons, alternatives, conflicts, and whether it
was taken under the delegation or recorded as an exception. Nothing else
personal: not who typed it, nor absences, nor an exception's reason.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return badInput(fmt.Errorf("rota decision register: want %s", usageOf(cmd)))
			}
			return nil
		},
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVar(&o.format, "format", "", "`csv`, `md` or `html` (default: from -o's extension, else csv)")
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write to `FILE` (whole or nothing) instead of stdout")
	return cmd
}

func (o *registerOptions) run(arg string) error {
	format := o.format
	if format == "" {
		format = strings.TrimPrefix(strings.ToLower(filepath.Ext(o.out)), ".")
		if format == "" {
			format = "csv"
		}
	}
	if format != "csv" && format != "md" && format != "html" {
		return badInput(fmt.Errorf("rota decision register: --format %q: use csv, md or html", format))
	}
	s, snap, err := loadTarget(o.e, o.db, arg, false)
	if err != nil {
		return err
	}
	defer s.Close()
	var b strings.Builder
	if err := export.WriteRegister(&b, export.Format(format), snap.Plan.Name, snap.Plan); err != nil {
		return err
	}
	if o.out == "" {
		_, err := fmt.Fprint(dataOut(o.e.stdout), b.String())
		return err
	}
	if err := outfile.Write(o.out, 0o644, func(w io.Writer) error { _, err := io.WriteString(w, b.String()); return err }); err != nil {
		return outErr(err)
	}
	fmt.Fprintf(o.e.stderr, "Wrote %s.\n", o.out)
	return nil
}
