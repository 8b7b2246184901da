package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/change"
	"rota/internal/report"
)

// What saved-plan commands share: the database, who acts, and how a saved
// plan is named on the command line.

const (
	dbHelp     = "the database of saved plans, a file `PATH` (default $ROTA_DB, else the user's data folder: see rota --help)"
	authorHelp = "who makes the change, a `NAME` for the history (default the account's user name)"
	noteHelp   = "a note for the history: why the change was made, as `TEXT`"
	refHelp    = `PLAN names a saved plan; PLAN@N its version N (the latest without @N);
PLAN/SCENARIO a what-if scenario of it, PLAN/SCENARIO@N its version N.`
)

func addDBFlag(cmd *cobra.Command, db *string) {
	cmd.Flags().StringVar(db, "db", "", dbHelp)
	_ = cmd.MarkFlagFilename("db", "db")
}

func addAuthorFlag(cmd *cobra.Command, who *string) {
	cmd.Flags().StringVar(who, "author", "", authorHelp)
}

func addNoteFlag(cmd *cobra.Command, note *string) {
	cmd.Flags().StringVar(note, "note", "", noteHelp)
}

func addJSONFlag(cmd *cobra.Command, asJSON *bool, help string) {
	cmd.Flags().BoolVar(asJSON, "json", false, help)
}

// openStore opens the database. Commands that only read do not create it:
// a mistyped --db should not leave an empty database behind.
func openStore(e *env, db string, create bool) (*backend.Session, error) {
	path := db
	if path == "" {
		var err error
		if path, err = e.system().Database(); err != nil {
			return nil, badInput(err)
		}
	}
	if !create {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, badInput(fmt.Errorf("no saved plans: there is no database at %s (save a plan with rota save FILE, or give --db PATH)", path))
		}
	}
	b, err := backend.Open(path)
	if err != nil {
		return nil, storeErr(err)
	}
	// A local user is the admin of their own database: --author may name
	// someone else, as a PA typing in a colleague's change does.
	return b.As(backend.Local(author(e, ""))), nil
}

// author is who a change is recorded as by: --author, else the account.
func author(e *env, flagValue string) string { return e.system().Author(flagValue) }

// storeErr gives the store's errors their exit codes.
func storeErr(err error) error {
	var (
		conflict *backend.ConflictError
		refused  *change.RefusedError
		notFound *backend.NotFoundError
		exists   *backend.ExistsError
		notRota  *backend.NotRotaError
		newer    *backend.NewerError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &conflict) && conflict.Adopting != "":
		return &exitError{code: exitConflict, err: fmt.Errorf("%s; scenario %s starts from version %d, so it cannot be adopted as it is: move it onto version %d first (rota scenario rebase %s %s), then adopt it",
			conflict.Summary(), conflict.Adopting, conflict.Base, conflict.Head, shellArg(conflict.Ref.Plan), shellArg(conflict.Adopting))}
	case errors.As(err, &conflict):
		return &exitError{code: exitConflict, err: err}
	case errors.As(err, &notFound) && notFound.None && notFound.What == "user":
		return badInput(fmt.Errorf("no user %s (there are no users: add one with rota user add)", notFound.Name))
	case errors.As(err, &notRota):
		return badInput(fmt.Errorf("%w; give another file with --db or $ROTA_DB", err))
	case errors.As(err, &notFound) && notFound.None && notFound.What == "plan":
		return badInput(fmt.Errorf("no plan %s (%s: save one with rota save FILE)", notFound.Name, notFound.Known))
	case errors.As(err, &refused), errors.As(err, &notFound), errors.As(err, &exists), errors.As(err, &notRota), errors.As(err, &newer):
		return badInput(err)
	}
	return err
}

// target is a line of a saved plan at a version (0 for the latest).
type target struct {
	ref     backend.Ref
	version int
	raw     string
}

// parseTarget reads PLAN, PLAN@N, PLAN/SCENARIO or PLAN/SCENARIO@N.
func parseTarget(s string) (target, error) {
	t := target{raw: s}
	name := s
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		v := s[i+1:]
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || strings.Trim(v, "0123456789") != "" { // Atoi takes "+1"
			return t, badInput(fmt.Errorf("%q: the version after @ must be a number from 1, e.g. cccs@7", s))
		}
		name, t.version = s[:i], n
	}
	t.ref.Plan, t.ref.Scenario, _ = strings.Cut(name, "/")
	if t.ref.Plan == "" {
		return t, badInput(fmt.Errorf("%q: name a saved plan, e.g. cccs or cccs@7 (rota plans lists them)", s))
	}
	return t, nil
}

// checkVersion refuses a version after the latest: bad input (exit 2), not
// a conflict (exit 3) that a script following the README would retry for
// ever.
func checkVersion(t target, latest int) error {
	if t.version > latest {
		return badInput(&backend.NotFoundError{What: "version", Name: strconv.Itoa(t.version), Known: fmt.Sprintf("the latest is %d", latest)})
	}
	return nil
}

func (t target) String() string {
	if t.version == 0 {
		return t.ref.String()
	}
	return fmt.Sprintf("%s@%d", t.ref, t.version)
}

// loadTarget opens the database and loads a target named on the command
// line, with absences' reasons only when reasons (see seen).
func loadTarget(e *env, db, arg string, reasons bool) (*backend.Session, *backend.Snapshot, error) {
	t, err := parseTarget(arg)
	if err != nil {
		return nil, nil, err
	}
	s, err := openStore(e, db, false)
	if err != nil {
		return nil, nil, err
	}
	s = seen(s, reasons)
	snap, err := s.Load(e.ctx, t.ref, t.version)
	if err != nil {
		s.Close()
		return nil, nil, storeErr(err)
	}
	return s, snap, nil
}

// seen returns s, or s without absences' reasons unless reasons (--reasons,
// addReasonsFlag) asks for them: what a command prints of a saved plan is
// often shared, and a reason is personal data, so the backend leaves them
// out of everything read (snapshots, the history, diffs, conflicts).
func seen(s *backend.Session, reasons bool) *backend.Session {
	if reasons {
		return s
	}
	return s.WithoutReasons()
}

// openTarget reads one PLAN[@VERSION] argument and opens the database that
// holds it; the caller closes the store.
func openTarget(e *env, db, arg string) (target, *backend.Session, error) {
	t, err := parseTarget(arg)
	if err != nil {
		return target{}, nil, err
	}
	s, err := openStore(e, db, false)
	return t, s, err
}

func writeJSON(w io.Writer, v any) error {
	b, err := report.JSON(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func when(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

func lineName(ref backend.Ref) string {
	if ref.Scenario != "" {
		return fmt.Sprintf("scenario %s of plan %s", ref.Scenario, ref.Plan)
	}
	return "plan " + ref.Plan
}

// titleLine is lineName with a capital, to start a sentence.
func titleLine(ref backend.Ref) string {
	n := lineName(ref)
	return strings.ToUpper(n[:1]) + n[1:]
}

// completePlans completes the names of saved plans for the first n
// arguments, from the database --db names (or the default one); it never
// creates a database.
func completePlans(e *env, db *string, n int) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		s, err := openStore(e, *db, false)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		defer s.Close()
		plans, err := s.Plans(e.ctx)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names := make([]string, 0, len(plans))
		for _, p := range plans {
			names = append(names, p.Name+"\t"+p.Title)
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}
