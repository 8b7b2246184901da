package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/diff"
	"rota/internal/plan"
	"rota/internal/report"
	"rota/internal/store"
)

const (
	dbHelp     = "the database of saved plans (default $ROTA_DB, else $XDG_DATA_HOME/rota/rota.db, else ~/.local/share/rota/rota.db)"
	authorHelp = "who makes the change, for the history (default $USER)"
	noteHelp   = "a note for the history: why the change was made"
	refHelp    = `PLAN names a saved plan; PLAN@N its version N (the latest without @N);
PLAN/SCENARIO a what-if scenario of it, PLAN/SCENARIO@N its version N.`
)

func init() {
	register(&command{
		name:    "save",
		usage:   "FILE [--name NAME[@VERSION]] [--dry-run] [--json]",
		summary: "save a plan file in the database: a new plan, or a new version of one",
		detail: `Saves the plan file and the rota computed from it under NAME (default: the
file's name without .toml). A saved rota is stable: its SPOC months, buddies
and presence days stay as saved when absences or duties change later; only
explicit changes (rota edit) and rota replan move them.

If NAME is already saved, the file is re-imported as a new version: its rules
(persons, duties, absences, events, period) replace the plan's, the saved
rota is kept wherever the new rules allow, and new months and days are
computed. The differences are listed. NAME@VERSION refuses the re-import if
the plan changed after that version (exit 3); --dry-run shows the
differences without saving.`,
		run: runSave,
	})
	register(&command{
		name:    "plans",
		usage:   "[--json]",
		summary: "list the saved plans",
		run:     runPlans,
	})
	register(&command{
		name:    "show",
		usage:   "PLAN[@VERSION] [--json] [--month YYYY-MM] [--person ID] [--reasons]",
		summary: "print a saved plan's rota, as rota plan does for a file",
		detail: refHelp + `
--json prints rota plan --json's object with "plan", "version" and, for each
month and day, "pinned" (set by an explicit change, kept by rota replan).`,
		run: runShow,
	})
	register(&command{
		name:    "log",
		usage:   "PLAN [--json]",
		summary: "list a saved plan's versions: who changed what, when",
		detail:  refHelp,
		run:     runLog,
	})
	register(&command{
		name:    "edit",
		usage:   "PLAN@VERSION CHANGE [+ CHANGE…] [--reason TEXT] [--note TEXT] [--json]",
		summary: "change a saved plan: each change becomes a new version",
		detail: `VERSION is the version you looked at: if the plan changed since, nothing is
written and rota says who changed it (exit 3); look again and retry on the
new version. A change the plan's rules do not allow is refused (exit 2);
several changes joined with + are written together or not at all.

Changes:
` + editKinds() + `
Setting a SPOC, buddy or presence pins it: rota replan keeps it. Recording an
absence moves nobody: the plan shows who acts instead and the new gaps.`,
		run: runEdit,
	})
	register(&command{
		name:    "undo",
		usage:   "PLAN[@VERSION] [--note TEXT] [--json]",
		summary: "add a version that reverts the latest change not yet undone",
		detail: `Undoing again walks further back. History keeps the change and its undoing.
Without @VERSION, rota undoes only your own latest change: to undo someone
else's, name the latest version.`,
		run: runUndo,
	})
	register(&command{
		name:    "replan",
		usage:   "PLAN[@VERSION] [--from YYYY-MM-DD] [--yes] [--json]",
		summary: "re-optimise a saved rota from a date on, keeping pinned months and days",
		detail: `Applies the spec's SPOC and presence rules again to the months from the one
holding --from (default today) and the days from --from on, keeping every
month and day set by an explicit change. Shows what would change; writes
it as a new version only with --yes.`,
		run: runReplan,
	})
	register(&command{
		name:    "diff",
		usage:   "PLAN@A [PLAN@B] [--json]",
		summary: "compare two versions of a saved plan (B defaults to the latest)",
		detail: refHelp + `
Lists the rules that differ, the assignments that moved, who acts instead,
and the gaps that are new in B or resolved.`,
		run: runDiff,
	})
	register(&command{
		name:    "export-toml",
		usage:   "PLAN[@VERSION] [-o FILE]",
		summary: "write a saved plan's version as a plan file",
		detail: refHelp + `
The file re-imports to the same plan (rota save FILE --name PLAN@VERSION).
The saved rota itself (SPOC months, buddies, presence days) stays in the
database: a plan file holds the rules the rota is computed from.`,
		run: runExportTOML,
	})
}

func editKinds() string {
	var b strings.Builder
	for _, k := range store.EditKinds {
		fmt.Fprintf(&b, "  %-26s %s\n", k.Words, k.Help)
	}
	return b.String()
}

// storeFlags adds the flags every saved-plan command takes.
func storeFlags(fs *flag.FlagSet) *string {
	return fs.String("db", "", dbHelp)
}

// openStore opens the database. Commands that only read do not create it:
// a mistyped --db should not leave an empty database behind.
func openStore(e *env, db string, create bool) (*store.Store, error) {
	path := db
	if path == "" {
		var err error
		if path, err = store.DefaultPath(e.getenv); err != nil {
			return nil, badInput(err)
		}
	}
	if !create {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, badInput(fmt.Errorf("no saved plans: there is no database at %s (save a plan with rota save FILE, or give --db PATH)", path))
		}
	}
	s, err := store.Open(path)
	if err != nil {
		return nil, storeErr(err)
	}
	return s, nil
}

func author(e *env, flagValue string) string {
	for _, a := range []string{flagValue, e.getenv("USER"), e.getenv("LOGNAME")} {
		if a = strings.TrimSpace(a); a != "" {
			return a
		}
	}
	return "unknown"
}

// storeErr gives the store's errors their exit codes.
func storeErr(err error) error {
	var (
		conflict *store.ConflictError
		refused  *store.RefusedError
		notFound *store.NotFoundError
		exists   *store.ExistsError
		notRota  *store.NotRotaError
		newer    *store.NewerError
	)
	switch {
	case err == nil:
		return nil
	case errors.As(err, &conflict):
		return &exitError{code: exitConflict, err: err}
	case errors.As(err, &refused), errors.As(err, &notFound), errors.As(err, &exists), errors.As(err, &notRota), errors.As(err, &newer):
		return badInput(err)
	}
	return err
}

// target is a line of a saved plan at a version (0 for the latest).
type target struct {
	ref     store.Ref
	version int
	raw     string
}

// parseTarget reads PLAN, PLAN@N, PLAN/SCENARIO or PLAN/SCENARIO@N.
func parseTarget(s string) (target, error) {
	t := target{raw: s}
	name := s
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		n, err := strconv.Atoi(s[i+1:])
		if err != nil || n < 1 {
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

func (t target) String() string {
	if t.version == 0 {
		return t.ref.String()
	}
	return fmt.Sprintf("%s@%d", t.ref, t.version)
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

func lineName(ref store.Ref) string {
	if ref.Scenario != "" {
		return fmt.Sprintf("scenario %s of plan %s", ref.Scenario, ref.Plan)
	}
	return "plan " + ref.Plan
}

func runSave(e *env, args []string) error {
	c := commands["save"]
	fs := flags(c, e)
	db := storeFlags(fs)
	name := fs.String("name", "", "the plan's name in the database, NAME or NAME@VERSION (default: the file's name)")
	who := fs.String("author", "", authorHelp)
	note := fs.String("note", "", noteHelp)
	dry := fs.Bool("dry-run", false, "show what a re-import would change without saving it")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	path := pos[0]
	text, err := os.ReadFile(path)
	if err != nil {
		return badInput(fmt.Errorf("%s: cannot read the plan file: %v", path, errors.Unwrap(err)))
	}
	// A saved plan keeps the holidays its holidays_file adds, not the file's
	// path, which means nothing once the text is in the database.
	if text, err = plan.Inline(path, text); err != nil {
		return badInput(err)
	}
	t := target{ref: store.Ref{Plan: store.NameFor(path)}}
	if *name != "" {
		if t, err = parseTarget(*name); err != nil {
			return err
		}
		if t.ref.Scenario != "" {
			return badInput(fmt.Errorf("--name %s: a plan file is saved as a plan; scenarios start from a plan with rota scenario new", *name))
		}
	}
	if err := store.CheckName("plan", t.ref.Plan); err != nil {
		return badInput(fmt.Errorf("--name: %v", err))
	}
	s, err := openStore(e, *db, true)
	if err != nil {
		return err
	}
	defer s.Close()

	head, err := s.Load(t.ref, 0)
	var nf *store.NotFoundError
	if errors.As(err, &nf) {
		if t.version != 0 {
			return badInput(fmt.Errorf("--name %s: there is no plan %s to re-import into", *name, t.ref.Plan))
		}
		if *dry {
			fmt.Fprintf(e.stdout, "%s would be saved as the new plan %s.\n", path, t.ref.Plan)
			return nil
		}
		if _, err := s.Import(t.ref.Plan, path, text, author(e, *who), *note); err != nil {
			return storeErr(err)
		}
		snap, err := s.Load(t.ref, 1)
		if err != nil {
			return storeErr(err)
		}
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "version": 1, "new": true, "gaps": len(snap.Result.Gaps)})
		}
		p := snap.Plan
		fmt.Fprintf(e.stdout, "Saved %s as plan %s, version 1: %s, %s to %s, %d months, %d working days, %d %s.\n",
			path, t.ref.Plan, p.Name, p.Start, p.End, len(snap.Frame.Months), len(snap.Frame.Days), len(snap.Result.Gaps), plural(len(snap.Result.Gaps), "gap", "gaps"))
		fmt.Fprintf(e.stdout, "Show it with: rota show %s\n", t.ref.Plan)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	base := head.Version
	if t.version != 0 {
		base = t.version
	}
	change := store.Reimport(path, text)
	preview, err := head.Try(change)
	var un *store.UnchangedError
	if errors.As(err, &un) {
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "version": head.Version, "unchanged": true})
		}
		fmt.Fprintf(e.stdout, "Plan %s (version %d) already has the rules of %s: nothing saved.\n", t.ref.Plan, head.Version, path)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	if t.version == 0 && !*dry {
		// A re-import replaces the plan's rules wholesale: like any change it
		// must name the version it replaces, so a file saved under the wrong
		// name, or over someone's newer changes, is never taken silently.
		return badInput(fmt.Errorf("plan %s already exists (version %d, %s); to replace its rules with %s, name the version: rota save %s --name %s@%d (add --dry-run to see what would change)",
			t.ref.Plan, head.Version, head.Plan.Name, path, path, t.ref.Plan, head.Version))
	}
	d := diff.Compare(head.Result, preview.Result)
	v := head.Version + 1
	if !*dry {
		if v, err = s.Apply(t.ref, base, change, author(e, *who), *note); err != nil {
			return storeErr(err)
		}
	}
	if *asJSON {
		return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "version": v, "written": !*dry, "diff": d})
	}
	if *dry {
		fmt.Fprintf(e.stdout, "Re-importing %s into plan %s (version %d) would change:\n", path, t.ref.Plan, head.Version)
	} else {
		fmt.Fprintf(e.stdout, "Re-imported %s into plan %s as version %d:\n", path, t.ref.Plan, v)
	}
	report.WriteDiff(e.stdout, head.Result, preview.Result, d)
	return nil
}

func runPlans(e *env, args []string) error {
	c := commands["plans"]
	fs := flags(c, e)
	db := storeFlags(fs)
	asJSON := fs.Bool("json", false, "print the list as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 0); err != nil {
		return err
	}
	s, err := openStore(e, *db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Plans()
	if err != nil {
		return storeErr(err)
	}
	if *asJSON {
		if list == nil {
			list = []store.PlanInfo{}
		}
		return writeJSON(e.stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(e.stdout, "No plans saved yet: save one with rota save FILE.")
		return nil
	}
	rows := [][]string{{"PLAN", "VERSION", "CHANGED", "BY", "SCENARIOS", "NAME"}}
	for _, p := range list {
		rows = append(rows, []string{p.Name, strconv.Itoa(p.Version), when(p.Changed), p.By, strconv.Itoa(p.Scenarios), p.Title})
	}
	report.WriteTable(e.stdout, rows)
	return nil
}

// loadTarget opens the database and loads a target named on the command line.
func loadTarget(e *env, db, arg string) (*store.Store, *store.Snapshot, error) {
	t, err := parseTarget(arg)
	if err != nil {
		return nil, nil, err
	}
	s, err := openStore(e, db, false)
	if err != nil {
		return nil, nil, err
	}
	snap, err := s.Load(t.ref, t.version)
	if err != nil {
		s.Close()
		return nil, nil, storeErr(err)
	}
	return s, snap, nil
}

func runShow(e *env, args []string) error {
	c := commands["show"]
	fs := flags(c, e)
	db := storeFlags(fs)
	asJSON := fs.Bool("json", false, "print the JSON object of rota plan --json, with plan, version and pinned")
	month := fs.String("month", "", "show only this month, YYYY-MM")
	person := fs.String("person", "", "show this person's plan")
	reasons := reasonsFlag(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	s, snap, err := loadTarget(e, *db, pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	_ = s.Touch(snap.Ref.Plan) // the planner opens the plan last looked at; a read-only database is no reason to fail
	return showSnapshot(e, snap, *asJSON, *month, *person, *reasons)
}

func showSnapshot(e *env, snap *store.Snapshot, asJSON bool, month, person string, reasons bool) error {
	m, err := monthAndPerson(snap.Plan, month, person)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e.stdout, snap.Report())
	}
	latest := "latest"
	if snap.Version != snap.Head {
		latest = fmt.Sprintf("latest is %d", snap.Head)
	}
	fmt.Fprintf(e.stdout, "%s, version %d (%s)\n\n", strings.ToUpper(lineName(snap.Ref)[:1])+lineName(snap.Ref)[1:], snap.Version, latest)
	if person != "" {
		report.WritePerson(e.stdout, snap.Result, person, report.Options{Month: m, Reasons: reasons})
		return nil
	}
	report.WritePlan(e.stdout, snap.Result, report.Options{Month: m, Reasons: reasons})
	writePins(e.stdout, snap, m)
	writeSuggestions(e.stdout, snap, m, snap.Result.Gaps)
	return nil
}

// writePins lists what explicit changes set, which rota replan keeps.
func writePins(w io.Writer, snap *store.Snapshot, m *calendar.Month) {
	var months, days []string
	for _, mm := range snap.Frame.Months {
		if snap.PinnedMonth(mm) && (m == nil || *m == mm) {
			months = append(months, mm.String())
		}
	}
	for _, d := range snap.Frame.Days {
		if snap.PinnedDay(d) && (m == nil || d.Month() == *m) {
			days = append(days, d.String())
		}
	}
	if len(months)+len(days) == 0 {
		return
	}
	fmt.Fprintln(w, "\nSet explicitly (rota replan keeps them):")
	if len(months) > 0 {
		fmt.Fprintf(w, "  months: %s\n", strings.Join(months, ", "))
	}
	if len(days) > 0 {
		fmt.Fprintf(w, "  presence days: %s\n", strings.Join(days, ", "))
	}
}

// writeSuggestions proposes a fix for each presence gap whose day has a
// person assigned who is away (spec §9): the available person with the
// fewest presence days.
func writeSuggestions(w io.Writer, snap *store.Snapshot, m *calendar.Month, gaps []coverage.Gap) {
	if snap.Version != snap.Head {
		return // a fix is made on the latest version only
	}
	var lines []string
	for _, g := range gaps {
		if g.Kind != coverage.KindPresence || (m != nil && g.Date.Month() != *m) {
			continue
		}
		who := snap.Result.Presence(g.Date)
		if who == "" {
			continue
		}
		if sug := snap.SuggestPresence(g.Date); sug != "" {
			lines = append(lines, fmt.Sprintf("  %s: %s is away; suggested: rota edit %s@%d present %s %s", g.Date, who, snap.Ref, snap.Head, g.Date, sug))
		}
	}
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nPresence to set again:")
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
}

// openOneTarget parses a command that takes one PLAN[@VERSION] argument and
// opens the database that holds it; the caller closes the store.
func openOneTarget(e *env, c *command, fs *flag.FlagSet, db *string, args []string) (target, *store.Store, error) {
	pos, err := parse(fs, args)
	if err != nil {
		return target{}, nil, err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return target{}, nil, err
	}
	t, err := parseTarget(pos[0])
	if err != nil {
		return target{}, nil, err
	}
	s, err := openStore(e, *db, false)
	return t, s, err
}

func runLog(e *env, args []string) error {
	c := commands["log"]
	fs := flags(c, e)
	db := storeFlags(fs)
	asJSON := fs.Bool("json", false, "print the history as JSON")
	t, s, err := openOneTarget(e, c, fs, db, args)
	if err != nil {
		return err
	}
	defer s.Close()
	return writeLog(e, s, t.ref, *asJSON)
}

type logEntry struct {
	store.VersionInfo
	What string `json:"what"`
}

func writeLog(e *env, s *store.Store, ref store.Ref, asJSON bool) error {
	h, err := s.History(ref)
	if err != nil {
		return storeErr(err)
	}
	if asJSON {
		out := make([]logEntry, len(h))
		for i, v := range h {
			out[i] = logEntry{v, v.Change.Describe()}
		}
		return writeJSON(e.stdout, out)
	}
	if ref.Scenario != "" {
		snap, err := s.Load(ref, 0)
		if err != nil {
			return storeErr(err)
		}
		fmt.Fprintf(e.stdout, "Scenario %s of plan %s, from version %d:\n", ref.Scenario, ref.Plan, snap.Base)
		if len(h) == 0 {
			fmt.Fprintln(e.stdout, "  no changes yet")
		}
	}
	rows := make([][]string, 0, len(h))
	for _, v := range h {
		what := v.Change.Describe()
		if v.Note != "" {
			what += " — " + v.Note
		}
		rows = append(rows, []string{fmt.Sprintf("%4d", v.Number), when(v.Time), v.Author, what})
	}
	report.WriteTable(e.stdout, rows)
	return nil
}

// splitChanges reads CHANGE [+ CHANGE…] into changes, reading the file of
// a reimport.
func splitChanges(words []string, reason string) ([]store.Change, error) {
	var out []store.Change
	usedReason := false
	for len(words) > 0 {
		n := len(words)
		for i, w := range words {
			if w == "+" {
				n = i
				break
			}
		}
		one := words[:n]
		words = words[min(n+1, len(words)):]
		r := ""
		if len(one) > 0 && one[0] == store.KindAbsent {
			r, usedReason = reason, true
		}
		c, err := store.ParseChange(one, r)
		if err != nil {
			return nil, badInput(fmt.Errorf("%v (see rota edit --help)", err))
		}
		if c.Kind == store.KindReimport {
			if c.Text, err = os.ReadFile(c.Path); err != nil {
				return nil, badInput(fmt.Errorf("reimport %s: cannot read the plan file: %v", c.Path, errors.Unwrap(err)))
			}
			if c.Text, err = plan.Inline(c.Path, c.Text); err != nil {
				return nil, badInput(err)
			}
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, badInput(fmt.Errorf("no change given (see rota edit --help)"))
	}
	if reason != "" && !usedReason {
		return nil, badInput(fmt.Errorf("--reason goes with an absent change"))
	}
	return out, nil
}

func runEdit(e *env, args []string) error {
	c := commands["edit"]
	fs := flags(c, e)
	db := storeFlags(fs)
	who := fs.String("author", "", authorHelp)
	note := fs.String("note", "", noteHelp)
	reason := fs.String("reason", "", "the reason of an absence, e.g. \"annual leave\"")
	asJSON := fs.Bool("json", false, "print the new version and what changed as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return badInput(fmt.Errorf("rota edit: want %s (see rota edit --help)", c.usage))
	}
	t, err := parseTarget(pos[0])
	if err != nil {
		return err
	}
	changes, err := splitChanges(pos[1:], *reason)
	if err != nil {
		return err
	}
	s, err := openStore(e, *db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if t.version == 0 {
		if t.ref.Scenario == "" {
			msg := fmt.Sprintf("rota edit: name the version you are changing, e.g. %s@N", t.ref.Plan)
			if snap, err := s.Load(t.ref, 0); err == nil {
				msg = fmt.Sprintf("rota edit: name the version you are changing: the latest is %s@%d (rota show %s@%d, then rota edit %s@%d …)", t.ref.Plan, snap.Version, t.ref.Plan, snap.Version, t.ref.Plan, snap.Version)
			}
			return badInput(errors.New(msg))
		}
		// A scenario is one person's what-if: its edits apply to its latest version.
		snap, err := s.Load(t.ref, 0)
		if err != nil {
			return storeErr(err)
		}
		t.version = snap.Version
	}
	return applyAndReport(e, s, t, changes, author(e, *who), *note, *asJSON)
}

// applyAndReport writes changes on t's version and shows what they did.
func applyAndReport(e *env, s *store.Store, t target, changes []store.Change, who, note string, asJSON bool) error {
	v, err := s.ApplyAll(t.ref, t.version, changes, who, note)
	var un *store.UnchangedError
	if errors.As(err, &un) {
		if asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "scenario": t.ref.Scenario, "version": t.version, "unchanged": un.Msg})
		}
		fmt.Fprintf(e.stdout, "Nothing to change: %s. No version written.\n", un.Msg)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	return reportVersions(e, s, t.ref, t.version, v, asJSON)
}

// reportVersions shows what versions after..v of a line changed.
func reportVersions(e *env, s *store.Store, ref store.Ref, before, v int, asJSON bool) error {
	a, err := s.Load(ref, before)
	if err != nil {
		return storeErr(err)
	}
	b, err := s.Load(ref, v)
	if err != nil {
		return storeErr(err)
	}
	d := diff.Compare(a.Result, b.Result)
	if asJSON {
		return writeJSON(e.stdout, map[string]any{"plan": ref.Plan, "scenario": ref.Scenario, "version": v, "diff": d})
	}
	h, err := s.History(ref)
	if err != nil {
		return storeErr(err)
	}
	for _, x := range h {
		if x.Number > before && x.Number <= v {
			fmt.Fprintf(e.stdout, "%s, version %d: %s\n", strings.ToUpper(lineName(ref)[:1])+lineName(ref)[1:], x.Number, x.Change.Describe())
		}
	}
	if d.Empty() {
		if pinned := newlyPinned(a, b); len(pinned) > 0 {
			// Setting what the rota already had changes no day, but it is
			// no longer the optimiser's to move: say so, or "no
			// differences" reads as if nothing was written.
			fmt.Fprintf(e.stdout, "The rota is unchanged; now set by hand, so rota replan keeps it: %s.\n", strings.Join(pinned, ", "))
			return nil
		}
	}
	report.WriteDiff(e.stdout, a.Result, b.Result, d)
	writeSuggestions(e.stdout, b, nil, d.NewGaps)
	return nil
}

// newlyPinned lists the months and days that b has set by hand and a had not.
func newlyPinned(a, b *store.Snapshot) []string {
	var out []string
	for m, who := range b.Pins.SPOC {
		if _, was := a.Pins.SPOC[m]; !was {
			out = append(out, fmt.Sprintf("SPOC of %s (%s)", m, who))
		}
	}
	for m, who := range b.Pins.Buddy {
		if _, was := a.Pins.Buddy[m]; !was {
			out = append(out, fmt.Sprintf("buddy of %s (%s)", m, who))
		}
	}
	for d, who := range b.Pins.Presence {
		if _, was := a.Pins.Presence[d]; !was {
			out = append(out, fmt.Sprintf("presence on %s (%s)", d, who))
		}
	}
	sort.Strings(out)
	return out
}

func runUndo(e *env, args []string) error {
	c := commands["undo"]
	fs := flags(c, e)
	db := storeFlags(fs)
	who := fs.String("author", "", authorHelp)
	note := fs.String("note", "", noteHelp)
	asJSON := fs.Bool("json", false, "print the new version and what changed as JSON")
	t, s, err := openOneTarget(e, c, fs, db, args)
	if err != nil {
		return err
	}
	defer s.Close()
	return undo(e, s, t, author(e, *who), *note, *asJSON)
}

func undo(e *env, s *store.Store, t target, who, note string, asJSON bool) error {
	next, head, err := s.NextUndo(t.ref)
	if err != nil {
		return storeErr(err)
	}
	if t.version == 0 {
		if next.Author != who {
			return &exitError{code: exitConflict, err: fmt.Errorf("rota undo: the latest change of %s is %s's, not yours (version %d: %s); to undo it anyway, name the latest version: rota undo %s@%d",
				lineName(t.ref), next.Author, next.Number, next.Change.Describe(), t.ref, head)}
		}
		t.version = head
	}
	v, err := s.Undo(t.ref, t.version, who, note)
	if err != nil {
		return storeErr(err)
	}
	return reportVersions(e, s, t.ref, t.version, v, asJSON)
}

func runReplan(e *env, args []string) error {
	c := commands["replan"]
	fs := flags(c, e)
	db := storeFlags(fs)
	who := fs.String("author", "", authorHelp)
	note := fs.String("note", "", noteHelp)
	from := fs.String("from", "", "the first day to re-plan, YYYY-MM-DD (default today)")
	yes := fs.Bool("yes", false, "write the new rota as a new version")
	asJSON := fs.Bool("json", false, "print what would change (or changed) as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	day := calendar.FromTime(time.Now())
	if *from != "" {
		if day, err = calendar.ParseDate(*from); err != nil {
			return badInput(fmt.Errorf("--from: %v", err))
		}
	}
	s, snap, err := loadTarget(e, *db, pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	change := store.Replan(day)
	after, err := snap.Try(change)
	var un *store.UnchangedError
	if errors.As(err, &un) {
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": snap.Ref.Plan, "scenario": snap.Ref.Scenario, "version": snap.Version, "unchanged": un.Msg})
		}
		fmt.Fprintf(e.stdout, "Nothing to re-plan: %s.\n", un.Msg)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	d := diff.Compare(snap.Result, after.Result)
	if !*yes {
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": snap.Ref.Plan, "scenario": snap.Ref.Scenario, "version": snap.Version, "written": false, "diff": d})
		}
		fmt.Fprintf(e.stdout, "Re-planning %s version %d from %s would change:\n", lineName(snap.Ref), snap.Version, day)
		report.WriteDiff(e.stdout, snap.Result, after.Result, d)
		fmt.Fprintf(e.stdout, "\nNothing written. To save this as version %d: rota replan %s@%d --from %s --yes\n", snap.Version+1, snap.Ref, snap.Version, day)
		return nil
	}
	t := target{ref: snap.Ref, version: snap.Version}
	return applyAndReport(e, s, t, []store.Change{change}, author(e, *who), *note, *asJSON)
}

func runDiff(e *env, args []string) error {
	c := commands["diff"]
	fs := flags(c, e)
	db := storeFlags(fs)
	asJSON := fs.Bool("json", false, "print the differences as JSON")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 && len(pos) != 2 {
		return badInput(fmt.Errorf("rota diff: want %s (see rota diff --help)", c.usage))
	}
	ta, err := parseTarget(pos[0])
	if err != nil {
		return err
	}
	tb := target{ref: ta.ref}
	if len(pos) == 2 {
		if tb, err = parseTarget(pos[1]); err != nil {
			return err
		}
	}
	s, err := openStore(e, *db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	a, err := s.Load(ta.ref, ta.version)
	if err != nil {
		return storeErr(err)
	}
	b, err := s.Load(tb.ref, tb.version)
	if err != nil {
		return storeErr(err)
	}
	return writeDiff(e, a, b, *asJSON)
}

func writeDiff(e *env, a, b *store.Snapshot, asJSON bool) error {
	d := diff.Compare(a.Result, b.Result)
	if asJSON {
		return writeJSON(e.stdout, map[string]any{
			"from": map[string]any{"plan": a.Ref.Plan, "scenario": a.Ref.Scenario, "version": a.Version},
			"to":   map[string]any{"plan": b.Ref.Plan, "scenario": b.Ref.Scenario, "version": b.Version},
			"diff": d,
		})
	}
	fmt.Fprintf(e.stdout, "From %s version %d to %s version %d:\n", lineName(a.Ref), a.Version, lineName(b.Ref), b.Version)
	report.WriteDiff(e.stdout, a.Result, b.Result, d)
	return nil
}

func runExportTOML(e *env, args []string) error {
	c := commands["export-toml"]
	fs := flags(c, e)
	db := storeFlags(fs)
	out := fs.String("o", "", "write the file here instead of to standard output")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	s, snap, err := loadTarget(e, *db, pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s, version %d, exported by rota.\n", strings.ToUpper(lineName(snap.Ref)[:1])+lineName(snap.Ref)[1:], snap.Version)
	if snap.Ref.Scenario == "" {
		fmt.Fprintf(&b, "# After editing, re-import it with: rota save FILE --name %s@%d\n", snap.Ref.Plan, snap.Version)
	}
	b.WriteString("# The saved rota (SPOC months, buddies, presence days) stays in the database.\n\n")
	b.Write(snap.Export())
	if *out == "" {
		_, err := io.WriteString(e.stdout, b.String())
		return err
	}
	if err := os.WriteFile(*out, []byte(b.String()), 0o600); err != nil {
		return fmt.Errorf("-o %s: %v", *out, errors.Unwrap(err))
	}
	return nil
}
