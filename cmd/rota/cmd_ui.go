package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"rota/configs"
	"rota/internal/diff"
	"rota/internal/plan"
	"rota/internal/store"
	"rota/internal/ui"
)

func init() {
	interactive = runPlanner
	register(&command{
		name:    "open",
		usage:   "PLAN [--db PATH] [--author NAME]",
		summary: "open a saved plan in the interactive planner",
		detail: `Opens the plan saved under PLAN (see rota plans) in the planner. Every
change made there is saved at once as a new version. Press ? in the planner
for its keys.`,
		run: runOpen,
	})
}

// plannerFlags are the flags of every way into the planner.
type plannerFlags struct {
	db, author *string
}

func addPlannerFlags(c *command, e *env) (*flag.FlagSet, plannerFlags) {
	fs := flags(c, e)
	if c.name == "" {
		// rota [FILE.toml]: the planner has no command word.
		fs = flag.NewFlagSet("rota", flag.ContinueOnError)
		fs.SetOutput(e.stderr)
		fs.Usage = func() {
			fmt.Fprintf(e.stdout, "Usage: rota %s\n\n%s\n\n%s\n\nFlags:\n", c.usage, c.summary, strings.TrimSpace(c.detail))
			fs.SetOutput(e.stdout)
			fs.PrintDefaults()
			fs.SetOutput(e.stderr)
		}
	}
	return fs, plannerFlags{db: storeFlags(fs), author: fs.String("author", "", authorHelp)}
}

var plannerCommand = &command{
	name: "", usage: "[FILE.toml] [--db PATH] [--author NAME]", summary: "open the interactive planner",
	detail: `With no file, opens the plan used last; in an empty database, imports the
bundled Cumbria plan first. With a plan file, imports it the first time and
reopens the saved plan after that. Every change is saved at once as a new
version. Press ? in the planner for its keys.`,
}

// runPlanner opens the planner: on a plan file (imported the first time),
// else on the plan used last, else on the bundled Cumbria plan, imported
// into an empty database so a first run shows a real plan.
func runPlanner(e *env, args []string) error {
	fs, pf := addPlannerFlags(plannerCommand, e)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return badInput(fmt.Errorf("rota: give at most one plan file, got %d (see rota --help)", len(pos)))
	}
	tty, err := terminal(e)
	if err != nil {
		return err
	}
	s, err := openStore(e, *pf.db, true)
	if err != nil {
		return err
	}
	defer s.Close()
	who := author(e, *pf.author)
	var name, note string
	if len(pos) == 1 {
		name, note, err = openFile(s, pos[0], who)
	} else {
		name, note, err = openLast(s, who)
	}
	if err != nil {
		return err
	}
	return startPlanner(tty, s, name, who, note)
}

// openFile imports a plan file as a new plan, or finds the plan it was
// imported as before.
func openFile(s *store.Store, path, author string) (name, note string, err error) {
	text, err := os.ReadFile(path)
	if err != nil {
		return "", "", badInput(fmt.Errorf("rota: %v", err))
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
	name = store.NameFor(path)
	plans, err := s.Plans()
	if err != nil {
		return "", "", err
	}
	if !slices.ContainsFunc(plans, func(pi store.PlanInfo) bool { return pi.Name == name }) {
		if _, err := s.Import(name, path, text, author, ""); err != nil {
			return "", "", storeErr(err)
		}
		return name, fmt.Sprintf("imported %s as plan %s: every change is saved at once; ? for keys", path, name), nil
	}
	saved, err := s.Load(store.Ref{Plan: name}, 0)
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
func openLast(s *store.Store, author string) (name, note string, err error) {
	name, err = s.LastUsed()
	if err != nil || name != "" {
		return name, "", err
	}
	name = store.NameFor(configs.CumbriaName)
	if _, err := s.Import(name, configs.CumbriaName, configs.Cumbria, author, "the bundled reference plan"); err != nil {
		return "", "", err
	}
	return name, fmt.Sprintf("imported the bundled Cumbria plan as %s (no plans were saved)", name), nil
}

func runOpen(e *env, args []string) error {
	c := commands["open"]
	fs, pf := addPlannerFlags(c, e)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	tty, err := terminal(e)
	if err != nil {
		return err
	}
	s, err := openStore(e, *pf.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	plans, err := s.Plans()
	if err != nil {
		return err
	}
	var names []string
	for _, pi := range plans {
		names = append(names, pi.Name)
	}
	if !slices.Contains(names, pos[0]) {
		known := "there are no saved plans yet: rota FILE.toml imports one"
		if len(names) > 0 {
			known = "saved plans: " + strings.Join(names, ", ")
		}
		return badInput(fmt.Errorf("rota open: no plan %q (%s)", pos[0], known))
	}
	return startPlanner(tty, s, pos[0], author(e, *pf.author), "")
}

// tty is the terminal the planner runs in.
type tty struct{ in, out *os.File }

// terminal checks that rota runs in a terminal before anything is opened
// or imported: the planner draws on a screen and reads keys.
func terminal(e *env) (tty, error) {
	in, inOK := e.stdin.(*os.File)
	out, outOK := e.stdout.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return tty{}, badInput(errors.New("rota: the planner needs a terminal; for text, use rota show PLAN or rota plan FILE"))
	}
	return tty{in, out}, nil
}

// startPlanner runs the planner on a saved plan in the terminal.
func startPlanner(t tty, s *store.Store, name, author, note string) error {
	if err := s.Touch(name); err != nil {
		return err
	}
	m, err := ui.New(ui.FromStore(s, name, author), ui.Options{Status: note})
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
