package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/report"
)

const absentHelp = "add an absence before computing, `ID:FROM:TO` with dates YYYY-MM-DD (repeatable): a what-if scenario"

type planOptions struct {
	e             *env
	asJSON        bool
	month, person string
	reasons       bool
	absent        []string
}

func newPlanCmd(e *env) *cobra.Command {
	o := &planOptions{e: e}
	cmd := &cobra.Command{
		Use:   "plan FILE [--json] [--month YYYY-MM] [--person ID] [--reasons] [--absent ID:FROM:TO]…",
		Short: "compute the rota of a plan file and print it",
		Long: `Prints the rota as a paper would show it: the SPOC and buddy table with months
across, each month's presence calendar, then the gaps and warnings. --json prints
the JSON object of the plan-file spec instead; --person prints one person's plan.
People away are shown as "away"; --reasons adds the reason recorded, which is
personal data: leave it out of anything shared.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlanFile,
	}
	f := cmd.Flags()
	f.BoolVar(&o.asJSON, "json", false, "print the spec's JSON object instead of text")
	f.StringVar(&o.month, "month", "", "show only this month, `YYYY-MM`")
	f.StringVar(&o.person, "person", "", "show the plan of the person `ID`: months led and covered, presence days, duties, acting days")
	addReasonsFlag(cmd, &o.reasons)
	addAbsentFlag(cmd, &o.absent)
	return cmd
}

// addReasonsFlag adds --reasons: print each absence's recorded reason.
// Reports and exports are shared, and reasons are personal data, so they
// are left out unless asked.
func addReasonsFlag(cmd *cobra.Command, reasons *bool) {
	cmd.Flags().BoolVar(reasons, "reasons", false, "show why each person is away, as recorded (personal data: leave it out of what you share)")
}

func addAbsentFlag(cmd *cobra.Command, absent *[]string) {
	cmd.Flags().StringArrayVar(absent, "absent", nil, absentHelp)
}

// completePlanFile completes the one plan file a command reads.
func completePlanFile(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt
}

func (o *planOptions) run(path string) error {
	p, err := loadWithAbsences(path, o.absent)
	if err != nil {
		return err
	}
	m, err := monthAndPerson(p, o.month, o.person)
	if err != nil {
		return err
	}
	r := coverage.Compute(p)
	w := o.e.stdout
	switch {
	case o.asJSON:
		return writeJSON(w, report.NewPlan(r))
	case o.person != "":
		report.WritePerson(w, r, o.person, report.Options{Month: m, Reasons: o.reasons})
	default:
		report.WritePlan(w, r, report.Options{Month: m, Reasons: o.reasons})
	}
	return nil
}

// loadWithAbsences reads a plan file and adds the --absent what-ifs.
func loadWithAbsences(path string, absent []string) (*plan.Plan, error) {
	p, err := plan.Load(path)
	if err != nil {
		return nil, badInput(err)
	}
	for _, s := range absent {
		a, err := plan.ParseAbsent(p, s)
		if err != nil {
			return nil, badInput(err)
		}
		p.Absences = append(p.Absences, a)
	}
	return p, nil
}

// monthAndPerson checks the --month and --person of a plan's view: the
// month inside the plan (nil when not given), the person one of its own.
func monthAndPerson(p *plan.Plan, month, person string) (*calendar.Month, error) {
	var m *calendar.Month
	if month != "" {
		mm, err := calendar.ParseMonth(month)
		if err != nil {
			return nil, badInput(fmt.Errorf("--month: %v", err))
		}
		if mm < p.Start.Month() || mm > p.End.Month() {
			return nil, badInput(fmt.Errorf("--month %s is outside the plan (%s to %s)", mm, p.Start.Month(), p.End.Month()))
		}
		m = &mm
	}
	if person != "" {
		if _, ok := p.Person(person); !ok {
			return nil, badInput(fmt.Errorf("--person: %q is not a person of this plan (persons: %s)", person, strings.Join(p.PersonIDs(), ", ")))
		}
	}
	return m, nil
}
