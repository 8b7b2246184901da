package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/change"
	"rota/internal/diff"
	"rota/internal/plan"
	"rota/internal/report"
)

type saveOptions struct {
	e                   *env
	db, name, who, note string
	dryRun, asJSON      bool
	reasons             bool
}

func newSaveCmd(e *env) *cobra.Command {
	o := &saveOptions{e: e}
	cmd := &cobra.Command{
		Use:   "save FILE [--name NAME[@VERSION]] [--dry-run] [--json] [--reasons]",
		Short: "save a plan file in the database: a new plan, or a new version of one",
		Long: `Saves the plan file and the rota computed from it under NAME (default: the
file's name without .toml). A saved rota is stable: its SPOC months, buddies
and presence days stay as saved when absences or duties change later; only
explicit changes (rota edit) and rota replan move them.

If NAME is already saved, the file is re-imported as a new version: its rules
(persons, duties, absences, events, period) replace the plan's, the saved
rota is kept wherever the new rules allow, and new months and days are
computed. The differences are listed. NAME@VERSION refuses the re-import if
the plan changed after that version (exit 3); --dry-run shows the
differences without saving.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlanFile,
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVar(&o.name, "name", "", "the plan's name in the database, `NAME` or NAME@VERSION (default: the file's name)")
	addAuthorFlag(cmd, &o.who)
	addNoteFlag(cmd, &o.note)
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "show what a re-import would change without saving it")
	addJSONFlag(cmd, &o.asJSON, "print the result as JSON")
	addReasonsFlag(cmd, &o.reasons)
	return cmd
}

func (o *saveOptions) run(path string) error {
	e := o.e
	text, err := plan.ReadFile(path)
	if err != nil {
		return badInput(err)
	}
	// A saved plan keeps the holidays its holidays_file adds, not the file's
	// path, which means nothing once the text is in the database.
	if text, err = plan.Inline(path, text); err != nil {
		return badInput(err)
	}
	t := target{ref: backend.Ref{Plan: backend.NameFor(path)}}
	if o.name != "" {
		if t, err = parseTarget(o.name); err != nil {
			return err
		}
		if t.ref.Scenario != "" {
			return badInput(fmt.Errorf("--name %s: a plan file is saved as a plan; scenarios start from a plan with rota scenario new", o.name))
		}
	}
	if err := backend.CheckName("plan", t.ref.Plan); err != nil {
		return badInput(fmt.Errorf("--name: %v", err))
	}
	s, err := openStore(e, o.db, true)
	if err != nil {
		return err
	}
	defer s.Close()
	s = seen(s, o.reasons)

	head, err := s.Load(e.ctx, t.ref, 0)
	var nf *backend.NotFoundError
	if errors.As(err, &nf) {
		return o.saveNew(s, t, path, text)
	}
	if err != nil {
		return storeErr(err)
	}
	if err := checkVersion(t, head.Version); err != nil {
		return err
	}
	base := head.Version
	if t.version != 0 {
		base = t.version
	}
	reimport := change.Reimport(path, text)
	preview, err := head.Try(reimport)
	var un *change.UnchangedError
	if errors.As(err, &un) {
		if o.asJSON {
			return writeJSON(e.stdout, savedUnchanged{Plan: t.ref.Plan, Version: head.Version, Unchanged: true})
		}
		fmt.Fprintf(e.stdout, "Plan %s (version %d) already has the rules of %s: nothing saved.\n", t.ref.Plan, head.Version, path)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	if t.version == 0 && !o.dryRun {
		// A re-import replaces the plan's rules wholesale: like any change it
		// must name the version it replaces, so a file saved under the wrong
		// name, or over someone's newer changes, is never taken silently.
		return badInput(fmt.Errorf("plan %s already exists (version %d, %s); to replace its rules with %s, name the version: rota save %s --name %s@%d (add --dry-run to see what would change)",
			t.ref.Plan, head.Version, head.Plan.Name, path, shellArg(path), t.ref.Plan, head.Version))
	}
	d := diff.Compare(head.Result, preview.Result)
	v := head.Version + 1
	if !o.dryRun {
		if v, err = s.Apply(e.ctx, t.ref, base, reimport, author(e, o.who), o.note); err != nil {
			return storeErr(err)
		}
	}
	if o.asJSON {
		return writeJSON(e.stdout, reimported{Plan: t.ref.Plan, Version: v, Written: !o.dryRun, Diff: d})
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "Re-importing %s into plan %s (version %d) would change:\n", path, t.ref.Plan, head.Version)
	} else {
		fmt.Fprintf(e.stdout, "Re-imported %s into plan %s as version %d:\n", path, t.ref.Plan, v)
	}
	report.WriteDiff(e.stdout, head.Result, preview.Result, d)
	return nil
}

// saveNew saves a file under a name no plan has yet.
func (o *saveOptions) saveNew(s *backend.Session, t target, path string, text []byte) error {
	e := o.e
	if t.version != 0 {
		return badInput(fmt.Errorf("--name %s: there is no plan %s to re-import into", o.name, t.ref.Plan))
	}
	if o.dryRun {
		fmt.Fprintf(e.stdout, "%s would be saved as the new plan %s.\n", path, t.ref.Plan)
		return nil
	}
	if _, err := s.Import(e.ctx, t.ref.Plan, path, text, author(e, o.who), o.note); err != nil {
		return storeErr(err)
	}
	snap, err := s.Load(e.ctx, t.ref, 1)
	if err != nil {
		return storeErr(err)
	}
	if o.asJSON {
		return writeJSON(e.stdout, savedNew{Plan: t.ref.Plan, Version: 1, New: true, Gaps: len(snap.Result.Gaps)})
	}
	p := snap.Plan
	fmt.Fprintf(e.stdout, "Saved %s as plan %s, version 1: %s, %s to %s, %d months, %d working days, %d %s.\n",
		path, t.ref.Plan, p.Name, p.Start, p.End, len(snap.Frame.Months), len(snap.Frame.Days), len(snap.Result.Gaps), plural(len(snap.Result.Gaps), "gap", "gaps"))
	show := "rota show " + shellArg(t.ref.Plan)
	if o.db != "" {
		show += " --db " + shellArg(o.db) // the next command must find the same database
	}
	fmt.Fprintf(e.stdout, "Show it with: %s\n", show)
	return nil
}
