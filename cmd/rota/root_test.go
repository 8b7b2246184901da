package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"pgregory.net/rapid"
)

var update = flag.Bool("update", false, "rewrite testdata/commands.txt from the command tree")

// inventory lists every command of the tree with its flags, one line each:
// "rota scenario edit: --author --db --json --note --reason".
func inventory(root *cobra.Command) string {
	var lines []string
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		if c.Hidden && c.Name() != "man" || c.Name() == "help" || strings.HasPrefix(c.Name(), "__") {
			return
		}
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			n := "--" + f.Name
			if f.Shorthand != "" {
				n = "-" + f.Shorthand + "/" + n
			}
			names = append(names, n)
		})
		sort.Strings(names)
		lines = append(lines, c.CommandPath()+": "+strings.Join(names, " "))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

// Every command and flag rota has is listed in testdata/commands.txt: a
// command or flag that goes missing, or that is added without being
// listed, fails here (go test -run TestCommandsAndFlags -update rewrites
// the list after a deliberate change).
func TestCommandsAndFlags(t *testing.T) {
	root := newRootCmd(&env{stdout: new(bytes.Buffer), stderr: new(bytes.Buffer), getenv: func(string) string { return "" }})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var initHelp func(*cobra.Command)
	initHelp = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.InitDefaultVersionFlag()
		for _, sub := range c.Commands() {
			initHelp(sub)
		}
	}
	initHelp(root)
	got := inventory(root)
	const path = "testdata/commands.txt"
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("the command tree differs from %s (go test -run TestCommandsAndFlags -update, after checking):\ngot:\n%s", path, got)
	}
}

// A flag may stand before the command it belongs to, after it, or among
// its arguments, with the same result.
func TestFlagsBeforeOrAfterTheCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "team.db")
	if _, errs, code := rota(t, "--db", db, "save", cumbriaFile, "--name", "cccs"); code != 0 {
		t.Fatalf("rota --db DB save: exit %d, %s", code, errs)
	}
	want, errs, code := rota(t, "plans", "--db", db, "--json")
	if code != 0 || !strings.Contains(want, `"plan": "cccs"`) {
		t.Fatalf("rota plans --db DB --json: exit %d, %q %s", code, want, errs)
	}
	for _, args := range [][]string{
		{"--db", db, "plans", "--json"},
		{"--db=" + db, "--json", "plans"},
		{"--json", "--db", db, "plans"},
		{"-json", "-db", db, "plans"},
	} {
		if out, errs, code := rota(t, args...); code != 0 || out != want {
			t.Errorf("rota %q: exit %d, %s\n%s", args, code, errs, out)
		}
	}
	// Two levels down: the scenario verbs.
	if _, errs, code := rota(t, "--db", db, "scenario", "new", "cccs", "paul-sick"); code != 0 {
		t.Fatal(errs)
	}
	a, _, _ := rota(t, "scenario", "list", "cccs", "--db", db, "--json")
	b, errs, code := rota(t, "--json", "scenario", "--db", db, "list", "cccs")
	if code != 0 || a != b || !strings.Contains(a, `"scenario": "paul-sick"`) {
		t.Errorf("rota --json scenario --db DB list: exit %d, %s\n%s\n%s", code, errs, a, b)
	}
	// A flag of a command is no flag of rota itself, nor of rota scenario.
	for _, args := range [][]string{{"--json"}, {"--db", db, "--json"}, {"scenario", "--json"}} {
		if out, errs, code := rota(t, args...); code != exitBadInput || out != "" || !strings.Contains(errs, "unknown flag: --json") {
			t.Errorf("rota %q: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// "Did you mean" names the same command every time: the nearest by edits,
// commands that the word begins first.
func TestDidYouMeanIsTheSameEveryTime(t *testing.T) {
	for typed, want := range map[string]string{
		"expor":    "export",
		"exprot":   "export",
		"export-t": "export-toml",
		"scen":     "scenario",
		"pla":      "plan",
		"plas":     "plan",
		"shwo":     "show",
		"EDIT":     "edit",
		"sav":      "save",
		"frobnify": "",
	} {
		for i := 0; i < 30; i++ {
			_, errs, code := rota(t, typed)
			hint := ""
			if want != "" {
				hint = ` (did you mean "` + want + `"?)`
			}
			if line := "rota: unknown command \"" + typed + "\"" + hint + "; run rota --help for the list\n"; code != exitBadInput || errs != line {
				t.Fatalf("rota %s (run %d): exit %d, %q; want %q", typed, i, code, errs, line)
			}
		}
	}
	if _, errs, code := rota(t, "help", "expor"); code != exitBadInput || !strings.Contains(errs, `unknown command "expor" (did you mean "export"?)`) {
		t.Errorf("rota help expor: exit %d, %q", code, errs)
	}
	if out, _, code := rota(t, "help", "scenario", "adopt"); code != 0 || !strings.Contains(out, "rota scenario adopt PLAN NAME") {
		t.Errorf("rota help scenario adopt: exit %d, %q", code, out)
	}
	_, errs, code := rota(t, "scenario", "lst", "cccs")
	if code != exitBadInput || !strings.Contains(errs, `"lst" is not a scenario command (did you mean "list"?)`) {
		t.Errorf("rota scenario lst: exit %d, %q", code, errs)
	}
}

// nearest does not depend on the order it is given the names in.
func TestNearestIgnoresOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		names := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-e]{1,6}`), 1, 8, rapid.ID[string]).Draw(t, "names")
		typed := rapid.StringMatching(`[a-e]{1,6}`).Draw(t, "typed")
		perm := rapid.Permutation(names).Draw(t, "perm")
		if a, b := nearest(typed, names), nearest(typed, perm); a != b {
			t.Fatalf("nearest(%q) is %q for %v, %q for %v", typed, a, names, b, perm)
		}
	})
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"expor", "export", 1}, {"kitten", "sitting", 3}, {"exprot", "export", 2}, {"", "abc", 3}, {"café", "cafe", 1}} {
		if got := editDistance(c.a, c.b); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

func TestVersionFlagAndCommandAgree(t *testing.T) {
	a, _, code1 := rota(t, "--version")
	b, _, code2 := rota(t, "version")
	if code1 != 0 || code2 != 0 || a != b || !strings.HasPrefix(a, "rota ") {
		t.Fatalf("rota --version %q (exit %d), rota version %q (exit %d)", a, code1, b, code2)
	}
}

func TestCompletionScripts(t *testing.T) {
	for shell, mark := range map[string]string{
		"bash":       "__start_rota",
		"zsh":        "#compdef rota",
		"fish":       "complete -c rota",
		"powershell": "Register-ArgumentCompleter",
	} {
		out, errs, code := rota(t, "completion", shell)
		if code != 0 || !strings.Contains(out, mark) {
			t.Errorf("rota completion %s: exit %d, %s, %.80q", shell, code, errs, out)
		}
	}
	for _, args := range [][]string{{"completion", "tcsh"}, {"completion", "bash", "extra"}} {
		if out, errs, code := rota(t, args...); code != exitBadInput || out != "" || !strings.HasPrefix(errs, "rota completion") {
			t.Errorf("rota %q: exit %d, %q, %q", args, code, out, errs)
		}
	}
	// The shell asks rota itself for the words: commands, flags' values.
	out, _, _ := rota(t, "__complete", "exp")
	if !strings.Contains(out, "export\t") || !strings.Contains(out, "export-toml\t") {
		t.Errorf("completing exp: %q", out)
	}
	out, _, _ = rota(t, "__complete", "export", "x.toml", "--format", "")
	if !strings.HasPrefix(out, "ics\ncsv\nmd\nhtml\n") {
		t.Errorf("completing --format: %q", out)
	}
}

// rota man DIR writes a page per command, from the same definitions as the
// help, the same bytes for the same SOURCE_DATE_EPOCH.
func TestManPages(t *testing.T) {
	write := func() string {
		dir := t.TempDir()
		var out, errb bytes.Buffer
		e := &env{stdout: &out, stderr: &errb, getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return "1700000000"
			}
			return ""
		}}
		if code := run([]string{"man", dir}, e); code != 0 {
			t.Fatalf("rota man: exit %d, %s", code, errb.String())
		}
		return dir
	}
	a, b := write(), write()
	for _, page := range []string{"rota.1", "rota-plan.1", "rota-export.1", "rota-scenario-edit.1", "rota-completion-bash.1"} {
		pa, err := os.ReadFile(filepath.Join(a, page))
		if err != nil {
			t.Fatal(err)
		}
		pb, _ := os.ReadFile(filepath.Join(b, page))
		if !bytes.Equal(pa, pb) {
			t.Errorf("%s differs between two runs", page)
		}
		if !bytes.Contains(pa, []byte(".TH \"ROTA\" \"1\" \"Nov 2023\"")) {
			t.Errorf("%s: no header of section 1 dated by SOURCE_DATE_EPOCH:\n%.200s", page, pa)
		}
	}
	plan, _ := os.ReadFile(filepath.Join(a, "rota-export.1"))
	for _, want := range []string{`\fB--format\fP`, `\fB--since\fP`, `\fB--reasons\fP`, "iCalendar"} {
		if !bytes.Contains(plan, []byte(want)) {
			t.Errorf("rota-export.1 lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(a, "rota-man.1")); err == nil {
		t.Error("the hidden man command has a page")
	}
}

// A panic in a command is a one-line message and exit 70, never a trace.
func TestPanicIsABugMessageWithoutATrace(t *testing.T) {
	var errb bytes.Buffer
	code := run([]string{"version"}, &env{stdout: panicWriter{}, stderr: &errb, getenv: func(string) string { return "" }})
	if code != exitBug || !strings.HasPrefix(errb.String(), "rota: internal error: ") || strings.Contains(errb.String(), "goroutine") {
		t.Fatalf("exit %d, %q", code, errb.String())
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("the terminal went away") }

// A plan file is a plan file whatever the case of .toml: the planner opens
// it (here: says it needs a terminal, so it took it for a file), and
// export computes it.
func TestPlanFileExtensionInAnyCase(t *testing.T) {
	text, err := os.ReadFile(cumbriaFile)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "CCCS.TOML")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errs, code := rota(t, path); code != exitBadInput || !strings.Contains(errs, "needs a terminal") {
		t.Errorf("rota CCCS.TOML: exit %d, %q", code, errs)
	}
	missing := filepath.Join(t.TempDir(), "Missing.Toml")
	if _, errs, code := rota(t, "export", missing, "--format", "md"); code != exitBadInput || !strings.Contains(errs, "Missing.Toml") {
		t.Errorf("rota export Missing.Toml: exit %d, %q (want the file named, not a saved plan looked for)", code, errs)
	}
}
