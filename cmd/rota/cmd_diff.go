package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/report"
)

type diffOptions struct {
	e       *env
	db      string
	asJSON  bool
	reasons bool
}

func (o *diffOptions) addFlags(cmd *cobra.Command) {
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the differences as JSON")
	addReasonsFlag(cmd, &o.reasons)
}

func newDiffCmd(e *env) *cobra.Command {
	o := &diffOptions{e: e}
	cmd := &cobra.Command{
		Use:   "diff PLAN@A [PLAN@B] [--json] [--reasons]",
		Short: "compare two versions of a saved plan (B defaults to the latest)",
		Long: refHelp + `
Lists the rules that differ, the assignments that moved, who acts instead,
and the gaps that are new in B or resolved.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 && len(args) != 2 {
				return badInput(fmt.Errorf("rota diff: want %s (see rota diff --help)", usageOf(cmd)))
			}
			return nil
		},
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args) },
		ValidArgsFunction: completePlans(e, &o.db, 2),
	}
	o.addFlags(cmd)
	return cmd
}

func (o *diffOptions) run(args []string) error {
	ta, err := parseTarget(args[0])
	if err != nil {
		return err
	}
	tb := target{ref: ta.ref}
	if len(args) == 2 {
		if tb, err = parseTarget(args[1]); err != nil {
			return err
		}
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	c, err := seen(s, o.reasons).Diff(o.e.ctx, backend.At{Ref: ta.ref, Version: ta.version}, backend.At{Ref: tb.ref, Version: tb.version})
	if err != nil {
		return storeErr(err)
	}
	return o.write(c)
}

// write shows what changed from a to b.
func (o *diffOptions) write(c backend.Comparison) error {
	w := o.e.stdout
	a, b, d := c.From, c.To, c.Diff
	if o.asJSON {
		return writeJSON(w, compared{
			From: lineVersion{Plan: a.Ref.Plan, Scenario: a.Ref.Scenario, Version: a.Version},
			To:   lineVersion{Plan: b.Ref.Plan, Scenario: b.Ref.Scenario, Version: b.Version},
			Diff: d,
		})
	}
	fmt.Fprintf(w, "From %s version %d to %s version %d:\n", lineName(a.Ref), a.Version, lineName(b.Ref), b.Version)
	report.WriteDiff(w, a.Result, b.Result, d)
	return nil
}
