// Command rota plans distributed leadership rotas: the monthly single point
// of contact and buddy, daily presence in the county, and who holds each duty
// when its owner is away. With no arguments it opens the interactive planner;
// its sub-commands do the same work without a screen.
//
// Each command is built in its own file (cmd_NAME.go) from an options struct
// that its flags fill, as spf13/cobra programs such as gh are; root.go puts
// them together.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime"

	"rota/internal/platform"
	"rota/internal/termtext"
)

// Exit codes, as the spec and the README give them.
const (
	exitOK       = 0
	exitGaps     = 1 // rota check: the plan has gaps
	exitBadInput = 2 // the input was refused
	exitConflict = 3 // the saved plan changed since the version named
	exitBug      = 70
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
	// goos and user are the system's (runtime.GOOS, os/user.Current) when
	// left empty.
	goos string
	user func() (*user.User, error)
	// ctx is the command's context, which every call to the backend
	// takes; run sets it when left empty.
	ctx context.Context
}

// system is what the platform's conventions read: the database's default
// path and the default author.
func (e *env) system() platform.System {
	s := platform.System{GOOS: e.goos, Getenv: e.getenv, User: e.user, Exists: fileExists}
	if s.GOOS == "" {
		s.GOOS = runtime.GOOS
	}
	if s.User == nil {
		s.User = user.Current
	}
	return s
}

func osEnv() *env {
	return &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
}

func main() {
	os.Exit(run(os.Args[1:], osEnv()))
}

// run executes a command line and returns the exit code. Panics are turned
// into a plain message: bad input must never show a Go stack trace.
//
// Everything it prints goes through termtext's escaping writer, the one
// point where text from plans, databases and other people reaches the
// terminal: control characters and bidirectional overrides that an older
// database may hold are shown as escapes, never obeyed. Data (an export, a
// plan file) written to a file or pipe goes out as it is (see dataOut).
func run(args []string, e *env) (code int) {
	out, errw := termtext.NewWriter(e.stdout), termtext.NewWriter(e.stderr)
	defer func() { out.Flush(); errw.Flush() }()
	escaped := *e
	escaped.stdout, escaped.stderr = out, errw
	e = &escaped
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(e.stderr, "rota: internal error: %v\nThis is a bug in rota; please report it with the command and plan file you used.\n", r)
			code = exitBug
		}
	}()
	if e.ctx == nil {
		e.ctx = context.Background()
	}
	root := newRootCmd(e)
	root.SetArgs(singleDashFlags(root, args))
	err := root.ExecuteContext(e.ctx)
	var se silentExit
	var ee *exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &se):
		return int(se)
	case errors.As(err, &ee):
		fmt.Fprintln(e.stderr, termtext.Shorten(ee.err.Error()))
		return ee.code
	default:
		fmt.Fprintln(e.stderr, termtext.Shorten("rota: "+err.Error()))
		return 1
	}
}

// dataOut returns where a command writes data on stdout: as it is to a file
// or a pipe, so that the bytes are exact, and escaped to a terminal.
func dataOut(w io.Writer) io.Writer {
	if t, ok := w.(*termtext.Writer); ok && !isTerminal(t.Underlying()) {
		return t.Underlying()
	}
	return w
}

// osFile returns the file under w, unwrapping run's escaping writer.
func osFile(w io.Writer) (*os.File, bool) {
	if t, ok := w.(*termtext.Writer); ok {
		w = t.Underlying()
	}
	f, ok := w.(*os.File)
	return f, ok
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}
