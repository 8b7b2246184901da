package main

import (
	"flag"
	"fmt"
	"runtime/debug"
	"strings"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/report"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

const absentHelp = "add an absence before computing, ID:FROM:TO with dates YYYY-MM-DD (repeatable): a what-if scenario"

func init() {
	register(&command{
		name:    "plan",
		usage:   "FILE [--json] [--month YYYY-MM] [--person ID] [--reasons] [--absent ID:FROM:TO]…",
		summary: "compute the rota of a plan file and print it",
		detail: `Prints the rota as a paper would show it: the SPOC and buddy table with months
across, each month's presence calendar, then the gaps and warnings. --json prints
the JSON object of the plan-file spec instead; --person prints one person's plan.
People away are shown as "away"; --reasons adds the reason recorded, which is
personal data: leave it out of anything shared.`,
		run: runPlan,
	})
	register(&command{
		name:    "check",
		usage:   "FILE [--reasons] [--absent ID:FROM:TO]…",
		summary: "summarise a plan file's gaps; exit 1 when there are any",
		detail: `Lists every gap as a run of dates with its reason, e.g.
  SIRO: nobody 10–11 Oct 2022 — paul away, simon away
--reasons adds each absence's recorded reason ("paul away (annual leave)").
Exit 0 when there is no gap, 1 when there is at least one, 2 on bad input.`,
		run: runCheck,
	})
	register(&command{
		name:    "version",
		usage:   "",
		summary: "print rota's version",
		run:     runVersion,
	})
}

// reasonsFlag adds --reasons: print each absence's recorded reason. Reports
// and exports are shared, and reasons are personal data, so they are left
// out unless asked.
func reasonsFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("reasons", false, "show why each person is away, as recorded (personal data: leave it out of what you share)")
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

func runPlan(e *env, args []string) error {
	c := commands["plan"]
	fs := flags(c, e)
	asJSON := fs.Bool("json", false, "print the spec's JSON object instead of text")
	month := fs.String("month", "", "show only this month, YYYY-MM")
	person := fs.String("person", "", "show this person's plan: months led and covered, presence days, duties, acting days")
	reasons := reasonsFlag(fs)
	var absent listFlag
	fs.Var(&absent, "absent", absentHelp)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	p, err := loadWithAbsences(pos[0], absent)
	if err != nil {
		return err
	}
	m, err := monthAndPerson(p, *month, *person)
	if err != nil {
		return err
	}
	r := coverage.Compute(p)
	switch {
	case *asJSON:
		b, err := report.JSON(report.NewPlan(r))
		if err != nil {
			return err
		}
		_, err = e.stdout.Write(b)
		return err
	case *person != "":
		report.WritePerson(e.stdout, r, *person, report.Options{Month: m, Reasons: *reasons})
	default:
		report.WritePlan(e.stdout, r, report.Options{Month: m, Reasons: *reasons})
	}
	return nil
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

func runCheck(e *env, args []string) error {
	c := commands["check"]
	fs := flags(c, e)
	reasons := reasonsFlag(fs)
	var absent listFlag
	fs.Var(&absent, "absent", absentHelp)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	p, err := loadWithAbsences(pos[0], absent)
	if err != nil {
		return err
	}
	r := coverage.Compute(p)
	report.WriteCheck(e.stdout, r, report.Options{Reasons: *reasons})
	if len(r.Gaps) > 0 {
		return silentExit(exitGaps)
	}
	return nil
}

func runVersion(e *env, args []string) error {
	fs := flags(commands["version"], e)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	v := version
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
		fmt.Fprintf(e.stdout, "rota %s, %s\n", v, info.GoVersion)
		return nil
	}
	fmt.Fprintf(e.stdout, "rota %s\n", v)
	return nil
}
