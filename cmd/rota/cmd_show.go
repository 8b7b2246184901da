package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/report"
)

// showOptions are rota show's flags, and rota scenario show's.
type showOptions struct {
	e             *env
	db            string
	asJSON        bool
	month, person string
	reasons       bool
}

func (o *showOptions) addFlags(cmd *cobra.Command) {
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the JSON object of rota plan --json, with plan, version and pinned")
	cmd.Flags().StringVar(&o.month, "month", "", "show only this month, `YYYY-MM`")
	cmd.Flags().StringVar(&o.person, "person", "", "show the plan of the person `ID`")
	addReasonsFlag(cmd, &o.reasons)
}

func newShowCmd(e *env) *cobra.Command {
	o := &showOptions{e: e}
	cmd := &cobra.Command{
		Use:   "show PLAN[@VERSION] [--json] [--month YYYY-MM] [--person ID] [--reasons]",
		Short: "print a saved plan's rota, as rota plan does for a file",
		Long: refHelp + `
--json prints rota plan --json's object with "plan", "version" and, for each
month and day, "pinned" (set by an explicit change, kept by rota replan).`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd)
	return cmd
}

func (o *showOptions) run(arg string) error {
	s, snap, err := loadTarget(o.e, o.db, arg, o.reasons)
	if err != nil {
		return err
	}
	defer s.Close()
	_ = s.Touch(o.e.ctx, snap.Ref.Plan) // the planner opens the plan last looked at; a read-only database is no reason to fail
	return o.show(snap)
}

func (o *showOptions) show(snap *backend.Snapshot) error {
	m, err := monthAndPerson(snap.Plan, o.month, o.person)
	if err != nil {
		return err
	}
	w := o.e.stdout
	if o.asJSON {
		return writeJSON(w, snap.Report())
	}
	latest := "latest"
	if snap.Version != snap.Head {
		latest = fmt.Sprintf("latest is %d", snap.Head)
	}
	fmt.Fprintf(w, "%s, version %d (%s)\n\n", titleLine(snap.Ref), snap.Version, latest)
	if o.person != "" {
		report.WritePerson(w, snap.Result, o.person, report.Options{Month: m, Reasons: o.reasons})
		return nil
	}
	report.WritePlan(w, snap.Result, report.Options{Month: m, Reasons: o.reasons})
	writePins(w, snap, m)
	writeSuggestions(w, snap, m, snap.Result.Gaps)
	return nil
}

// writePins lists what explicit changes set, which rota replan keeps.
func writePins(w io.Writer, snap *backend.Snapshot, m *calendar.Month) {
	var months, days []string
	for _, mm := range snap.Frame.Months {
		if snap.PinnedMonth(mm) && (m == nil || *m == mm) {
			months = append(months, mm.String())
		}
	}
	for _, d := range snap.Frame.Days {
		if snap.PinnedDay(d) && (m == nil || d.Month() == *m) {
			days = append(days, d.String())
		}
	}
	if len(months)+len(days) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSet explicitly (rota replan keeps them):")
	if len(months) > 0 {
		fmt.Fprintf(w, "  months: %s\n", strings.Join(months, ", "))
	}
	if len(days) > 0 {
		fmt.Fprintf(w, "  presence days: %s\n", strings.Join(days, ", "))
	}
}

// writeSuggestions proposes a fix for each presence gap whose day has a
// person assigned who is away (spec §9): the available person with the
// fewest presence days.
func writeSuggestions(w io.Writer, snap *backend.Snapshot, m *calendar.Month, gaps []coverage.Gap) {
	if snap.Version != snap.Head {
		return // a fix is made on the latest version only
	}
	var lines []string
	for _, g := range gaps {
		if g.Kind != coverage.KindPresence || (m != nil && g.Date.Month() != *m) {
			continue
		}
		who := snap.Result.Presence(g.Date)
		if who == "" {
			continue
		}
		if sug := snap.SuggestPresence(g.Date); sug != "" {
			lines = append(lines, fmt.Sprintf("  %s: %s is away; suggested: rota edit %s@%d present %s %s", g.Date, who, snap.Ref, snap.Head, g.Date, sug))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nPresence to set again:")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}
