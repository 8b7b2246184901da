package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"rota/configs"
	"rota/internal/backend"
	"rota/internal/diff"
	"rota/internal/plan"
	"rota/internal/platform"
	"rota/internal/ui"
)

// plannerOptions are the flags of every way into the planner.
type plannerOptions struct {
	e          *env
	db, author string
}

func (o *plannerOptions) addFlags(cmd *cobra.Command) {
	addDBFlag(cmd, &o.db)
	addAuthorFlag(cmd, &o.author)
}

// newPlannerCmd is rota itself: with no command word it opens the planner.
func newPlannerCmd(e *env) *cobra.Command {
	o := &plannerOptions{e: e}
	cmd := &cobra.Command{
		Use:     "rota [FILE.toml] [--db PATH] [--author NAME]",
		Short:   "plan distributed leadership rotas",
		Long:    rootLong,
		Version: versionLine(),
		Example: `  rota                              # the planner, on the plan used last
  rota my-plan.toml --author pa     # import a plan file, or reopen the plan it became
  rota --db team.db plans           # the plans saved in team.db
  rota completion bash > /etc/bash_completion.d/rota`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 && !platform.IsPlanFile(args[0]) {
				return unknownCommand(cmd, args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := flagsForChildren(cmd); err != nil {
				return err
			}
			return o.runPlanner(args)
		},
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return []string{"toml"}, cobra.ShellCompDirectiveFilterFileExt
		},
	}
	o.addFlags(cmd)
	return cmd
}

// runPlanner opens the planner: on a plan file (imported the first time),
// else on the plan used last, else on the bundled Cumbria plan, imported
// into an empty database so a first run shows a real plan.
func (o *plannerOptions) runPlanner(args []string) error {
	if len(args) > 1 {
		return badInput(fmt.Errorf("rota: give at most one plan file, got %d (see rota --help)", len(args)))
	}
	tty, err := terminal(o.e)
	if err != nil {
		return err
	}
	s, err := openStore(o.e, o.db, true)
	if err != nil {
		return err
	}
	defer s.Close()
	who := author(o.e, o.author)
	var name, note string
	if len(args) == 1 {
		name, note, err = openFile(o.e.ctx, s, args[0], who)
	} else {
		name, note, err = openLast(o.e.ctx, s, who)
	}
	if err != nil {
		return err
	}
	return startPlanner(o.e.ctx, tty, s, name, who, note)
}

// openFile imports a plan file as a new plan, or finds the plan it was
// imported as before.
func openFile(ctx context.Context, s *backend.Session, path, author string) (name, note string, err error) {
	text, err := plan.ReadFile(path)
	if err != nil {
		return "", "", badInput(err)
	}
	p, err := plan.Parse(path, text)
	if err != nil {
		return "", "", badInput(err)
	}
	// A saved plan keeps the holidays its holidays_file adds, not the file's
	// path, which means nothing once the text is in the database.
	if text, err = plan.Inline(path, text); err != nil {
		return "", "", badInput(err)
	}
	name = backend.NameFor(path)
	plans, err := s.Plans(ctx)
	if err != nil {
		return "", "", err
	}
	if !slices.ContainsFunc(plans, func(pi backend.PlanInfo) bool { return pi.Name == name }) {
		if _, err := s.Import(ctx, name, path, text, author, ""); err != nil {
			return "", "", storeErr(err)
		}
		return name, fmt.Sprintf("imported %s as plan %s: every change is saved at once; ? for keys", path, name), nil
	}
	saved, err := s.Load(ctx, backend.Ref{Plan: name}, 0)
	if err != nil {
		return "", "", err
	}
	note = fmt.Sprintf("opened saved plan %s (version %d)", name, saved.Version)
	if rules := diff.Rules(saved.Plan, p); len(rules) > 0 {
		note += fmt.Sprintf("; %s differs from it in %d %s: rota edit %s@%d reimport %s brings them in", path, len(rules), plural(len(rules), "rule", "rules"), name, saved.Version, shellArg(path))
	}
	return name, note, nil
}

// openLast finds the plan used last; in an empty database it imports the
// bundled plan.
func openLast(ctx context.Context, s *backend.Session, author string) (name, note string, err error) {
	name, err = s.LastUsed(ctx)
	if err != nil || name != "" {
		return name, "", err
	}
	name = backend.NameFor(configs.CumbriaName)
	if _, err := s.Import(ctx, name, configs.CumbriaName, configs.Cumbria, author, "the bundled reference plan"); err != nil {
		return "", "", err
	}
	return name, fmt.Sprintf("imported the bundled Cumbria plan as %s (no plans were saved)", name), nil
}

// tty is the terminal the planner runs in.
type tty struct{ in, out *os.File }

// terminal checks that rota runs in a terminal before anything is opened
// or imported: the planner draws on a screen and reads keys.
func terminal(e *env) (tty, error) {
	in, inOK := e.stdin.(*os.File)
	out, outOK := osFile(e.stdout)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return tty{}, badInput(errors.New("rota: the planner needs a terminal; for text, use rota show PLAN or rota plan FILE"))
	}
	return tty{in, out}, nil
}

// startPlanner runs the planner on a saved plan in the terminal.
func startPlanner(ctx context.Context, t tty, s *backend.Session, name, author, note string) error {
	if err := s.Touch(ctx, name); err != nil {
		return err
	}
	// The planner draws with a renderer for its own terminal (colour
	// profile, background, NO_COLOR), not lipgloss's process-wide one.
	r := lipgloss.NewRenderer(t.out)
	m, err := ui.New(ui.FromBackend(ctx, s, name, author), ui.Options{Status: note, Renderer: r})
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(t.in), tea.WithOutput(t.out)).Run()
	return err
}

// shellArg writes s as one argument of a command the tool suggests, so that
// it works pasted into a shell as printed: as it is when it needs no
// quoting, else in double quotes (which Windows' shells and POSIX shells
// read alike, backslashes of a Windows path included), else, for text
// holding $, `, ! or a double quote, in POSIX single quotes.
func shellArg(s string) string {
	safe := s != ""
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@+=,", r)) {
			safe = false
			break
		}
	}
	switch {
	case safe:
		return s
	case !strings.ContainsAny(s, "\"$`!"):
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
