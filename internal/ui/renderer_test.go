package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// TestEachProgramHasItsOwnRenderer: two planners on one plan, one drawing
// for a true-colour terminal and one for a terminal without colour, draw at
// the same time, each in its own terminal's profile, and neither changes
// lipgloss's process-wide renderer.
func TestEachProgramHasItsOwnRenderer(t *testing.T) {
	before := lipgloss.ColorProfile()
	src := newSource(t, "cumbria", cumbria(t))
	open := func(p termenv.Profile) *Model {
		r := lipgloss.NewRenderer(io.Discard)
		r.SetColorProfile(p)
		r.SetHasDarkBackground(true)
		m, err := New(src, Options{Today: testToday, Dir: t.TempDir(), Renderer: r})
		if err != nil {
			t.Fatal(err)
		}
		m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		return m
	}
	colour, plain := open(termenv.TrueColor), open(termenv.Ascii)
	screens := make([][]string, 2)
	var wg sync.WaitGroup
	for i, m := range []*Model{colour, plain} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, k := range []string{"1", "2", "3", "5", "b"} {
				press(m, k)
				screens[i] = append(screens[i], m.View())
			}
		}()
	}
	wg.Wait()
	for j, s := range screens[0] {
		// The gaps' red on a dark background, as 24-bit colour.
		if !strings.Contains(s, "\x1b[38;2;") {
			t.Errorf("screen %d of the true-colour planner has no 24-bit colour", j)
		}
	}
	for j, s := range screens[1] {
		if strings.Contains(s, "\x1b[") {
			t.Errorf("screen %d of the colourless planner has escape codes:\n%q", j, s[:min(len(s), 200)])
		}
	}
	if lipgloss.ColorProfile() != before {
		t.Error("a planner changed lipgloss's process-wide colour profile")
	}
}

// processWide are lipgloss's functions that work on its process-wide renderer.
var processWide = map[string]bool{"NewStyle": true, "SetColorProfile": true, "SetHasDarkBackground": true,
	"DefaultRenderer": true, "SetDefaultRenderer": true, "ColorProfile": true, "HasDarkBackground": true}

// TestNoProcessWideStyles: no file of the planner builds a style, or sets
// a colour profile, on lipgloss's process-wide renderer.
func TestNoProcessWideStyles(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if x, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "lipgloss" && processWide[x.Sel.Name] {
					t.Errorf("%s: lipgloss.%s uses the process-wide renderer: build styles with NewStyles(renderer)", fset.Position(x.Pos()), x.Sel.Name)
				}
			}
			return true
		})
	}
}
