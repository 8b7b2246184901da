package main

import (
	"fmt"
	"rota/internal/backend"
	"strings"

	"github.com/spf13/cobra"
)

// The verbs of rota scenario, in the order rota scenario --help gives them.
var scenarioVerbs = []func(*env) *cobra.Command{
	newScenarioNewCmd, newScenarioListCmd, newScenarioShowCmd, newScenarioDiffCmd,
	newScenarioEditCmd, newScenarioUndoCmd, newScenarioLogCmd, newScenarioAdoptCmd,
	newScenarioRebaseCmd, newScenarioRenameCmd, newScenarioDropCmd,
}

func newScenarioCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "scenario new|list|show|diff|edit|undo|log|adopt|rebase|rename|drop PLAN [NAME] …",
		Short: "what-if scenarios of a saved plan: try changes without touching it",
		Long: `The plan is never touched by a scenario until it is adopted. A scenario is
one person's what-if: its edits apply to its latest version unless @V is given.
PLAN/NAME names a scenario wherever a command takes PLAN (rota show, log,
diff, export-toml).`,
		Example: `  rota scenario new cccs paul-sick
  rota scenario edit cccs paul-sick absent paul 2022-10-03 2022-10-14
  rota scenario diff cccs paul-sick
  rota scenario adopt cccs paul-sick`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := flagsForChildren(cmd); err != nil {
				return err
			}
			if len(args) == 0 {
				_ = cmd.Help()
				return badInput(fmt.Errorf("rota scenario: name what to do: %s", verbList(cmd)))
			}
			hint := ""
			var names []string
			for _, c := range cmd.Commands() {
				if c.IsAvailableCommand() {
					names = append(names, c.Name())
				}
			}
			if s := nearest(args[0], names); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			return badInput(fmt.Errorf("rota scenario: %q is not a scenario command%s: use %s", args[0], hint, verbList(cmd)))
		},
	}
	for _, verb := range scenarioVerbs {
		cmd.AddCommand(verb(e))
	}
	return cmd
}

// verbList is "new, list, …, rename or drop", in the order of a scenario's
// life.
func verbList(cmd *cobra.Command) string {
	var names []string
	for _, verb := range scenarioVerbs {
		names = append(names, verb(nil).Name())
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// scenarioArgs wants n arguments, the first naming the plan and the second
// the scenario.
func scenarioArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return badInput(fmt.Errorf("rota scenario %s: want %s (see rota scenario --help)", cmd.Name(), usageOf(cmd)))
		}
		return nil
	}
}

// scenarioTarget reads PLAN NAME[@V].
func scenarioTarget(cmd *cobra.Command, args []string) (target, error) {
	t, err := parseTarget(args[0] + "/" + args[1])
	if err == nil && t.ref.Scenario == "" {
		err = badInput(fmt.Errorf("rota scenario %s: name the scenario", cmd.Name()))
	}
	return t, err
}

// openScenario reads PLAN NAME[@V] and opens the database; the caller
// closes the store.
func openScenario(e *env, db string, cmd *cobra.Command, args []string) (target, *backend.Session, error) {
	t, err := scenarioTarget(cmd, args)
	if err != nil {
		return target{}, nil, err
	}
	s, err := openStore(e, db, false)
	return t, s, err
}

// completeScenarios completes a plan, then its scenarios.
func completeScenarios(e *env, db *string) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
		if len(args) == 0 {
			return completePlans(e, db, 1)(cmd, args, typed)
		}
		if len(args) > 1 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s, err := openStore(e, *db, false)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer s.Close()
		list, err := s.Scenarios(e.ctx, args[0])
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names := make([]string, 0, len(list))
		for _, x := range list {
			names = append(names, x.Name)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

// scenarioOptions are the flags of the scenario verbs that take no others.
type scenarioOptions struct {
	e      *env
	db     string
	asJSON bool
	// reasons is --reasons, on the verbs that say what changed.
	reasons bool
}

func (o *scenarioOptions) addFlags(cmd *cobra.Command, jsonHelp string) {
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, jsonHelp)
}
