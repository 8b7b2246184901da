package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/report"
)

type logOptions struct {
	e       *env
	db      string
	asJSON  bool
	reasons bool
}

func (o *logOptions) addFlags(cmd *cobra.Command) {
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the history as JSON")
	addReasonsFlag(cmd, &o.reasons)
}

func newLogCmd(e *env) *cobra.Command {
	o := &logOptions{e: e}
	cmd := &cobra.Command{
		Use:               "log PLAN [--json] [--reasons]",
		Short:             "list a saved plan's versions: who changed what, when",
		Long:              refHelp,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd)
	return cmd
}

func (o *logOptions) run(arg string) error {
	t, s, err := openTarget(o.e, o.db, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	return o.write(s, t.ref)
}

// write prints the history of a plan or scenario.
func (o *logOptions) write(s *backend.Session, ref backend.Ref) error {
	w := o.e.stdout
	s = seen(s, o.reasons)
	h, err := s.History(o.e.ctx, ref)
	if err != nil {
		return storeErr(err)
	}
	if o.asJSON {
		out := make([]logEntry, len(h))
		for i, v := range h {
			out[i] = logEntry{v, v.Change.Describe()}
		}
		return writeJSON(w, out)
	}
	if ref.Scenario != "" {
		snap, err := s.Load(o.e.ctx, ref, 0)
		if err != nil {
			return storeErr(err)
		}
		fmt.Fprintf(w, "Scenario %s of plan %s, from version %d:\n", ref.Scenario, ref.Plan, snap.Base)
		if len(h) == 0 {
			fmt.Fprintln(w, "  no changes yet")
		}
	}
	rows := make([][]string, 0, len(h))
	for _, v := range h {
		what := v.Change.Describe()
		if v.Note != "" {
			what += " — " + v.Note
		}
		rows = append(rows, []string{fmt.Sprintf("%4d", v.Number), when(v.Time), v.Author, what})
	}
	report.WriteTable(w, rows)
	return nil
}
