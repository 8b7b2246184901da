package main

import (
	"errors"
	"fmt"
	"rota/internal/change"
	"strings"

	"github.com/spf13/cobra"
)

// changeOptions are the flags of a command that writes changes.
type changeOptions struct {
	e             *env
	db, who, note string
	asJSON        bool
	// showReasons is --reasons, on the commands that offer it (addReasonsFlag);
	// the others say what they did without absences' reasons.
	showReasons bool
}

func (o *changeOptions) addFlags(cmd *cobra.Command, jsonHelp string) {
	addDBFlag(cmd, &o.db)
	addAuthorFlag(cmd, &o.who)
	addNoteFlag(cmd, &o.note)
	addJSONFlag(cmd, &o.asJSON, jsonHelp)
}

type editOptions struct {
	changeOptions
	reason string
}

func newEditCmd(e *env) *cobra.Command {
	o := &editOptions{changeOptions: changeOptions{e: e}}
	cmd := &cobra.Command{
		Use:   "edit PLAN@VERSION CHANGE [+ CHANGE…] [--reason TEXT] [--note TEXT] [--json] [--reasons]",
		Short: "change a saved plan: each change becomes a new version",
		Long: `VERSION is the version you looked at: if the plan changed since, nothing is
written and rota says who changed it (exit 3); look again and retry on the
new version. A change the plan's rules do not allow is refused (exit 2);
several changes joined with + are written together or not at all.

Changes:
` + editKinds() + `
Setting a SPOC, buddy or presence pins it: rota replan keeps it. Recording an
absence moves nobody: the plan shows who acts instead and the new gaps.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return badInput(fmt.Errorf("rota edit: want %s (see rota edit --help)", usageOf(cmd)))
			}
			return nil
		},
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0], args[1:]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	o.addFlags(cmd, "print the new version and what changed as JSON")
	addReasonFlag(cmd, &o.reason, "the reason of an absence, a `TEXT` such as \"annual leave\"")
	addReasonsFlag(cmd, &o.showReasons)
	return cmd
}

func addReasonFlag(cmd *cobra.Command, reason *string, help string) {
	cmd.Flags().StringVar(reason, "reason", "", help)
}

func editKinds() string {
	var b strings.Builder
	for _, k := range change.EditKinds {
		fmt.Fprintf(&b, "  %-26s %s\n", k.Words, k.Help)
	}
	return b.String()
}

func (o *editOptions) run(arg string, words []string) error {
	t, err := parseTarget(arg)
	if err != nil {
		return err
	}
	changes, err := splitChanges(words, o.reason)
	if err != nil {
		return err
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	s = seen(s, o.showReasons)
	defer s.Close()
	if t.version == 0 {
		if t.ref.Scenario == "" {
			msg := fmt.Sprintf("rota edit: name the version you are changing, e.g. %s@N", t.ref.Plan)
			if snap, err := s.Load(o.e.ctx, t.ref, 0); err == nil {
				msg = fmt.Sprintf("rota edit: name the version you are changing: the latest is %s@%d (rota show %s@%d, then rota edit %s@%d …)", t.ref.Plan, snap.Version, t.ref.Plan, snap.Version, t.ref.Plan, snap.Version)
			}
			return badInput(errors.New(msg))
		}
		// A scenario is one person's what-if: its edits apply to its latest version.
		snap, err := s.Load(o.e.ctx, t.ref, 0)
		if err != nil {
			return storeErr(err)
		}
		t.version = snap.Version
	}
	return applyAndReport(o.e, s, t, changes, author(o.e, o.who), o.note, o.asJSON)
}
