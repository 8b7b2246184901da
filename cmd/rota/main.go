// Command rota plans distributed leadership rotas: the monthly single point
// of contact and buddy, daily presence in the county, and who holds each duty
// when its owner is away. With no arguments it opens the interactive planner;
// its sub-commands do the same work without a screen.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes, as the spec and the README give them.
const (
	exitOK       = 0
	exitGaps     = 1 // rota check: the plan has gaps
	exitBadInput = 2 // the input was refused
	exitConflict = 3 // the saved plan changed since the version named
)

// exitError carries an exit code with its message.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// badInput marks err as the user's input being refused (exit 2).
func badInput(err error) error { return &exitError{code: exitBadInput, err: err} }

// silentExit ends with a code and no further message (the output said it all).
type silentExit int

func (s silentExit) Error() string { return fmt.Sprintf("exit %d", int(s)) }

// env is what a command may touch of the outside world, so tests can run
// commands in-process.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
}

// command is one sub-command of rota.
type command struct {
	name    string
	usage   string // arguments after the name
	summary string // one line for `rota --help`
	detail  string // more for `rota NAME --help`
	hidden  bool
	run     func(e *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// interactive opens the planner; set by the ui command file.
var interactive func(e *env, args []string) error

func main() {
	os.Exit(run(os.Args[1:], &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}))
}

// run executes a command line and returns the exit code. Panics are turned
// into a plain message: bad input must never show a Go stack trace.
func run(args []string, e *env) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "rota: internal error: %v\nThis is a bug in rota; please report it with the command and plan file you used.\n", r)
			code = 70
		}
	}()
	err := dispatch(args, e)
	var se silentExit
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &se):
		return int(se)
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ee):
		fmt.Fprintln(e.stderr, ee.err)
		return ee.code
	default:
		fmt.Fprintf(e.stderr, "rota: %v\n", err)
		return 1
	}
}

func dispatch(args []string, e *env) error {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && !isHelp(args[0])) || isPlanFile(args[0]) {
		if interactive == nil {
			writeHelp(e.stdout)
			return nil
		}
		return interactive(e, args)
	}
	name := args[0]
	if isHelp(name) || name == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(e, []string{"--help"})
			}
		}
		writeHelp(e.stdout)
		return nil
	}
	c, ok := commands[name]
	if !ok {
		return badInput(fmt.Errorf("rota: unknown command %q%s; run rota --help for the list", name, nearCommand(name)))
	}
	return c.run(e, args[1:])
}

func isHelp(s string) bool { return s == "-h" || s == "--help" || s == "-help" }

// isPlanFile tells `rota plan.toml` (open a file in the planner) from a command.
func isPlanFile(s string) bool { return strings.HasSuffix(s, ".toml") }

func nearCommand(name string) string {
	for n := range commands {
		if strings.HasPrefix(n, name) || strings.HasPrefix(name, n) {
			return fmt.Sprintf(" (did you mean %q?)", n)
		}
	}
	return ""
}

func writeHelp(w io.Writer) {
	fmt.Fprint(w, `rota plans distributed leadership rotas: who is the single point of contact
(SPOC) each month and their buddy, who is present in the county each day, and
who holds each duty and legal delegation when its owner is away.

Usage:
  rota                    open the interactive planner on the last plan used
  rota FILE.toml          import or re-open a plan file in the planner
  rota COMMAND [ARGS]     do the same work without a screen

Commands:
`)
	names := make([]string, 0, len(commands))
	for n, c := range commands {
		if !c.hidden {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-14s %s\n", n, c.summary)
	}
	fmt.Fprint(w, `
Run rota COMMAND --help for a command's arguments and flags.

Exit codes: 0 fine; 1 the plan has gaps (rota check) or a command failed;
2 bad input (nothing was changed); 3 the saved plan changed meanwhile.
`)
}

// flags makes a command's flag set with a usage text built from the command.
func flags(c *command, e *env) *flag.FlagSet {
	fs := flag.NewFlagSet("rota "+c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := e.stdout
		fmt.Fprintf(w, "Usage: rota %s %s\n\n%s\n", c.name, c.usage, c.summary)
		if c.detail != "" {
			fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.detail))
		}
		has := false
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(w, "\nFlags:")
			fs.SetOutput(w)
			fs.PrintDefaults()
			fs.SetOutput(e.stderr)
		}
	}
	return fs
}

// parse parses flags wherever they stand among the arguments (rota plan
// FILE --json as well as rota plan --json FILE) and returns the positional
// arguments. A bad flag is bad input.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	// The flag package prints the usage and the error itself on a bad flag;
	// here a bad flag is reported once, as bad input, and the usage is
	// printed only when asked for.
	usage, out := fs.Usage, fs.Output()
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	defer func() { fs.Usage = usage; fs.SetOutput(out) }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				usage()
				return nil, err
			}
			return nil, badInput(fmt.Errorf("%s: %v (see %s --help)", fs.Name(), err, fs.Name()))
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if rest[0] == "--" {
			return append(pos, rest[1:]...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// wantArgs checks the number of positional arguments.
func wantArgs(fs *flag.FlagSet, c *command, pos []string, n int) error {
	if len(pos) != n {
		return badInput(fmt.Errorf("%s: want %s, got %d %s (see %s --help)", fs.Name(), c.usage, len(pos), plural(len(pos), "argument", "arguments"), fs.Name()))
	}
	return nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
