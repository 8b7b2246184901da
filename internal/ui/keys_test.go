package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// TestEveryBindingIsInTheKeyMap: no file but keys.go makes a key binding or
// compares a key's name, so help and remapping see every key.
func TestEveryBindingIsInTheKeyMap(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "keys.go" {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.SelectorExpr:
				if id, ok := x.X.(*ast.Ident); ok && id.Name == "key" && (x.Sel.Name == "NewBinding" || x.Sel.Name == "WithKeys") {
					t.Errorf("%s: key.%s outside keys.go: put the binding in the KeyMap", fset.Position(x.Pos()), x.Sel.Name)
				}
			case *ast.BinaryExpr:
				if call, ok := x.X.(*ast.CallExpr); ok && x.Op == token.EQL {
					if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "String" {
						if lit, ok := x.Y.(*ast.BasicLit); ok && lit.Kind == token.STRING {
							t.Errorf("%s: a key compared by name (%s): match a KeyMap binding", fset.Position(x.Pos()), lit.Value)
						}
					}
				}
			}
			return true
		})
	}
}

// TestEveryBindingHasHelp: each binding of the KeyMap, nested ones too, has
// keys and a help text, so the help screens can name it.
func TestEveryBindingHasHelp(t *testing.T) {
	var walk func(path string, v reflect.Value)
	n := 0
	walk = func(path string, v reflect.Value) {
		switch {
		case v.Type() == reflect.TypeOf(key.Binding{}):
			n++
			b := v.Interface().(key.Binding)
			if len(b.Keys()) == 0 || b.Help().Key == "" || b.Help().Desc == "" {
				t.Errorf("%s has no keys or no help", path)
			}
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case v.Kind() == reflect.Array:
			for i := range v.Len() {
				walk(path, v.Index(i))
			}
		}
	}
	walk("KeyMap", reflect.ValueOf(*DefaultKeyMap()))
	if n < 60 {
		t.Errorf("only %d bindings found in the KeyMap", n)
	}
}

// TestDialogKeysCanBeRemapped: a dialog's keys come from the KeyMap, so a
// remapped key works there and its help says so.
func TestDialogKeysCanBeRemapped(t *testing.T) {
	km := DefaultKeyMap()
	km.Dialog.Cancel = key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("ctrl+g", "cancel"))
	src := newSource(t, "cumbria", cumbria(t))
	m, err := New(src, Options{Today: testToday, Dir: t.TempDir(), Keys: km})
	if err != nil {
		t.Fatal(err)
	}
	m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	press(m, "b")
	mustContain(t, screen(m), "ctrl+g cancel")
	press(m, "esc")
	if m.modal == nil {
		t.Fatal("esc closed the picker though cancel is ctrl+g")
	}
	m.Update(tea.KeyMsg{Type: tea.KeyCtrlG})
	if m.modal != nil {
		t.Fatal("ctrl+g did not close the picker")
	}
}
