package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"

	"rota/configs"
	"rota/internal/plan"
	"rota/internal/ui"
)

func init() {
	interactive = runPlanner
}

// runPlanner opens the interactive planner: on a plan file, or on the
// bundled Cumbria plan when none is given.
func runPlanner(e *env, args []string) error {
	fs := flags(&command{name: "", usage: "[FILE.toml]", summary: "open the interactive planner"}, e)
	author := fs.String("author", "", "the name saved with each change (default $USER)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return badInput(fmt.Errorf("rota: give at most one plan file, got %d (see rota --help)", len(pos)))
	}
	var p *plan.Plan
	name := strings.TrimSuffix(configs.CumbriaName, ".toml")
	if len(pos) == 1 {
		if p, err = plan.Load(pos[0]); err != nil {
			return badInput(err)
		}
		name = strings.TrimSuffix(filepath.Base(pos[0]), ".toml")
	} else if p, err = plan.Parse(configs.CumbriaName, configs.Cumbria); err != nil {
		return fmt.Errorf("the bundled plan: %w", err)
	}
	who := *author
	if who == "" {
		who = e.getenv("USER")
	}
	return startPlanner(e, ui.NewMemory(name, p, who, nil))
}

// startPlanner runs the planner on src in the terminal.
func startPlanner(e *env, src ui.Source) error {
	in, inOK := e.stdin.(*os.File)
	out, outOK := e.stdout.(*os.File)
	if !inOK || !outOK || !term.IsTerminal(in.Fd()) || !term.IsTerminal(out.Fd()) {
		return badInput(errors.New("rota: the planner needs a terminal; for text, use rota plan FILE or rota check FILE"))
	}
	m, err := ui.New(src, ui.Options{})
	if err != nil {
		return err
	}
	_, err = tea.NewProgram(m, tea.WithAltScreen(), tea.WithInput(in), tea.WithOutput(out)).Run()
	return err
}
