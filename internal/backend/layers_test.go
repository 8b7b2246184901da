package backend

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFrontEndsReachTheStoreOnlyThroughBackend follows the imports of the
// front ends (the command line and the planner, tests included) through
// the module: none of them, and nothing they use but this package, may
// import the store, so that every role check and the conflict rule stay
// on the way to it.
func TestFrontEndsReachTheStoreOnlyThroughBackend(t *testing.T) {
	const store = "rota/internal/store"
	seen := map[string]bool{}
	var walk func(pkg string, tests bool)
	walk = func(pkg string, tests bool) {
		if seen[pkg] || pkg == "rota/internal/backend" || pkg == store {
			return
		}
		seen[pkg] = true
		dir := filepath.Join("..", "..", strings.TrimPrefix(pkg, "rota/"))
		files, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			name := f.Name()
			if !strings.HasSuffix(name, ".go") || (!tests && strings.HasSuffix(name, "_test.go")) {
				continue
			}
			ast, err := parser.ParseFile(token.NewFileSet(), filepath.Join(dir, name), nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range ast.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if path == store {
					t.Errorf("%s/%s imports %s: front ends reach the store through package backend", pkg, name, store)
				}
				if strings.HasPrefix(path, "rota/") {
					walk(path, false)
				}
			}
		}
	}
	walk("rota/cmd/rota", true)
	walk("rota/internal/ui", true)
	if !seen["rota/internal/change"] {
		t.Fatal("the walk did not reach package change: is it reading the right folders?")
	}
}
