package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

const rootLong = `rota plans distributed leadership rotas: who is the single point of contact
(SPOC) each month and their buddy, who is present in the county each day, and
who holds each duty and legal delegation when its owner is away.

  rota                    open the interactive planner on the last plan used
  rota FILE.toml          import or re-open a plan file in the planner
  rota COMMAND [ARGS]     do the same work without a screen

Flags may come before or after the command: rota --db team.db plans.

Saved plans are kept in --db PATH, else $ROTA_DB, else the user's data folder:
  Windows  %LOCALAPPDATA%\rota\rota.db
  macOS    ~/Library/Application Support/rota/rota.db
  Linux    $XDG_DATA_HOME/rota/rota.db, else ~/.local/share/rota/rota.db

Exit codes: 0 fine; 1 the plan has gaps (rota check) or a command failed;
2 bad input (nothing was changed); 3 the saved plan changed meanwhile.`

// Command groups in rota --help.
const (
	groupFiles = "files"
	groupSaved = "saved"
	groupOut   = "out"
	groupServe = "serve"
)

// newRootCmd builds rota's whole command tree, writing to e. A tree is built
// for each run, so commands in tests share nothing.
func newRootCmd(e *env) *cobra.Command {
	root := newPlannerCmd(e)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetIn(e.stdin)
	root.SetFlagErrorFunc(flagError)
	root.SetVersionTemplate("{{.Version}}\n")
	root.AddGroup(
		&cobra.Group{ID: groupFiles, Title: "Plan files:"},
		&cobra.Group{ID: groupSaved, Title: "Saved plans:"},
		&cobra.Group{ID: groupOut, Title: "Exports:"},
		&cobra.Group{ID: groupServe, Title: "Serving the planner and calendars:"},
	)
	add := func(group string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = group
			root.AddCommand(c)
		}
	}
	add(groupFiles, newPlanCmd(e), newCheckCmd(e), newSampleCmd(e))
	add(groupSaved, newSaveCmd(e), newPlansCmd(e), newShowCmd(e), newLogCmd(e), newEditCmd(e),
		newUndoCmd(e), newReplanCmd(e), newDiffCmd(e), newScenarioCmd(e), newOpenCmd(e),
		newCoverCmd(e), newHandoverCmd(e), newWhoCmd(e), newDecisionCmd(e))
	add(groupOut, newExportCmd(e), newExportTOMLCmd(e), newNotifyCmd(e))
	add(groupServe, newServeCmd(e), newUserCmd(e), newFeedCmd(e), newBackupCmd(e))
	root.AddCommand(newVersionCmd(e), newManCmd(e))
	root.InitDefaultCompletionCmd()
	completionArgs(root)
	root.InitDefaultHelpCmd()
	helpArgs(root)
	finish(root)
	return root
}

// helpArgs makes rota help WORD, for a word that is no command, the same
// bad input as rota WORD, with the same suggestion (cobra would print rota's
// own help).
func helpArgs(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "help" {
			continue
		}
		c.Args = func(cmd *cobra.Command, args []string) error {
			found, rest, err := cmd.Root().Find(args)
			if err == nil && found != nil && len(rest) > 0 {
				return unknownCommand(found, rest[0])
			}
			return nil
		}
	}
}

// completionArgs makes a wrong word after rota completion bad input (exit
// 2), named, like every other command's.
func completionArgs(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.Name() != "completion" {
			continue
		}
		c.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return badInput(fmt.Errorf("rota completion: %q is not a shell rota completes: use bash, zsh, fish or powershell", args[0]))
			}
			return nil
		}
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
		for _, sh := range c.Commands() {
			check := sh.Args
			sh.Args = func(cmd *cobra.Command, args []string) error {
				if err := check(cmd, args); err != nil {
					return flagError(cmd, err)
				}
				return nil
			}
		}
	}
}

// finish sets what every command of the tree shares, and lets each parent
// read its children's yes/no flags (see addArityFlags).
func finish(c *cobra.Command) {
	c.SilenceErrors = true
	c.SilenceUsage = true
	c.DisableFlagsInUseLine = true
	c.DisableAutoGenTag = true // man pages stay the same from one day to the next
	if c.HasParent() && c.Long != "" {
		// A command's help says in one line what it does, then more.
		c.Long = c.Short + "\n\n" + c.Long
	}
	for _, sub := range c.Commands() {
		finish(sub)
	}
	addArityFlags(c)
}

// arity marks a parent's hidden copy of a child's yes/no flag.
const arity = "rota-arity"

// addArityFlags lets a flag stand before the command it belongs to (rota
// --json plans). To find the command, cobra skips the flags before it, and
// takes a flag it does not know as taking a value: rota --json plans would
// read "plans" as --json's value. So a parent learns each yes/no flag of its
// descendants as a hidden flag; the command found parses the flags itself,
// and a parent that runs refuses them (flagsForChildren).
func addArityFlags(c *cobra.Command) {
	if !c.HasSubCommands() {
		return
	}
	var walk func(*cobra.Command)
	walk = func(x *cobra.Command) {
		x.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Value.Type() != "bool" || c.Flags().Lookup(f.Name) != nil {
				return
			}
			c.Flags().Bool(f.Name, false, "")
			h := c.Flags().Lookup(f.Name)
			h.Hidden = true
			h.Annotations = map[string][]string{arity: nil}
		})
		for _, sub := range x.Commands() {
			walk(sub)
		}
	}
	for _, sub := range c.Commands() {
		walk(sub)
	}
}

// flagsForChildren refuses, when a parent command itself runs, a flag that
// only its sub-commands take.
func flagsForChildren(cmd *cobra.Command) error {
	var bad string
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if _, ok := f.Annotations[arity]; ok && bad == "" {
			bad = f.Name
		}
	})
	if bad == "" {
		return nil
	}
	return flagError(cmd, fmt.Errorf("unknown flag: --%s", bad))
}

// flagError phrases a flag the command cannot take as bad input.
func flagError(cmd *cobra.Command, err error) error {
	p := cmd.CommandPath()
	return badInput(fmt.Errorf("%s: %v (see %s --help)", p, err, p))
}

// usageOf is what follows the command's name in its usage line.
func usageOf(cmd *cobra.Command) string {
	_, u, _ := strings.Cut(cmd.Use, " ")
	return u
}

// exactArgs wants n arguments, as the usage line shows them.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			p := cmd.CommandPath()
			return badInput(fmt.Errorf("%s: want %s, got %d %s (see %s --help)", p, usageOf(cmd), len(args), plural(len(args), "argument", "arguments"), p))
		}
		return nil
	}
}

// unknownCommand refuses a word that is no command of parent, with the
// nearest command's name when one is near.
func unknownCommand(parent *cobra.Command, name string) error {
	var names []string
	for _, c := range parent.Commands() {
		if c.IsAvailableCommand() {
			names = append(names, c.Name())
		}
	}
	hint := ""
	if s := nearest(name, names); s != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", s)
	}
	return badInput(fmt.Errorf("rota: unknown command %q%s; run rota --help for the list", name, hint))
}

// nearest is the name closest to typed: first among the names that begin
// with typed (an abbreviation), then among those typed begins with (a word
// too many), then among those within two edits (Levenshtein); within each,
// the one with the fewest edits, ties going to the alphabetically first, so
// the answer is the same every time. "" when none is near.
func nearest(typed string, names []string) string {
	sorted := append([]string(nil), names...)
	sort.Strings(sorted)
	typed = strings.ToLower(typed)
	best, bestRank, bestD := "", 3, 0
	for _, n := range sorted {
		d := editDistance(typed, n)
		rank := 3
		switch {
		case strings.HasPrefix(n, typed):
			rank = 0
		case strings.HasPrefix(typed, n):
			rank = 1
		case d <= 2:
			rank = 2
		}
		if rank < bestRank || rank == bestRank && rank < 3 && d < bestD {
			best, bestRank, bestD = n, rank, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// singleDashFlags accepts -json for --json, as rota's flags were written
// before they followed the GNU convention: an argument of one dash and a
// whole flag name of the tree (-o stays the short flag). Nothing after --
// changes.
func singleDashFlags(root *cobra.Command, args []string) []string {
	long := map[string]bool{"help": true, "version": true}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	out := make([]string, len(args))
	copy(out, args)
	for i, a := range out {
		if a == "--" {
			break
		}
		if len(a) < 3 || a[0] != '-' || a[1] == '-' {
			continue
		}
		name, _, _ := strings.Cut(a[1:], "=")
		if len(name) > 1 && long[name] {
			out[i] = "-" + a
		}
	}
	return out
}
