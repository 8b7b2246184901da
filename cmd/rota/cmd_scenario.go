package main

import (
	"errors"
	"fmt"
	"strconv"

	"rota/internal/report"
	"rota/internal/store"
)

func init() {
	register(&command{
		name:    "scenario",
		usage:   "new|list|show|diff|edit|undo|log|adopt|rebase|rename|drop PLAN [NAME] …",
		summary: "what-if scenarios of a saved plan: try changes without touching it",
		detail: `  rota scenario new PLAN[@VERSION] NAME   start a scenario on the plan's latest version (or VERSION)
  rota scenario list PLAN                 list the plan's scenarios
  rota scenario show PLAN NAME[@V]        print the scenario's rota (flags of rota show)
  rota scenario diff PLAN NAME            what it changes against its base: rules, assignments,
                                          who acts instead, new and resolved gaps
  rota scenario edit PLAN NAME[@V] CHANGE [+ CHANGE…]   change it (changes of rota edit)
  rota scenario undo PLAN NAME            revert its latest change
  rota scenario log PLAN NAME             list its changes
  rota scenario adopt PLAN NAME           write its changes onto the plan as new versions and
                                          remove it; refused (exit 3) if the plan moved on
  rota scenario rebase PLAN NAME          move it onto the plan's latest version, making its
                                          changes again (all or none), so it can be adopted
  rota scenario rename PLAN NAME NEW      give it another name, keeping its changes
  rota scenario drop PLAN NAME            delete it and its changes

The plan is never touched by a scenario until it is adopted. A scenario is
one person's what-if: its edits apply to its latest version unless @V is given.
PLAN/NAME names a scenario wherever a command takes PLAN (rota show, log,
diff, export-toml).`,
		run: runScenario,
	})
}

func runScenario(e *env, args []string) error {
	c := commands["scenario"]
	if len(args) == 0 || isHelp(args[0]) {
		fs := flags(c, e)
		fs.Usage()
		if len(args) == 0 {
			return badInput(fmt.Errorf("rota scenario: name what to do: new, list, show, diff, edit, undo, log, adopt, rebase, rename or drop"))
		}
		return nil
	}
	verb, rest := args[0], args[1:]
	sub := &command{name: "scenario " + verb, summary: c.summary, detail: c.detail}
	fs := flags(sub, e)
	db := storeFlags(fs)
	who := fs.String("author", "", authorHelp)
	note := fs.String("note", "", noteHelp)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	var month, person, reason *string
	var reasons *bool
	switch verb {
	case "show":
		month = fs.String("month", "", "show only this month, YYYY-MM")
		person = fs.String("person", "", "show this person's plan")
		reasons = reasonsFlag(fs)
	case "edit":
		reason = fs.String("reason", "", "the reason of an absence")
	}
	pos, err := parse(fs, rest)
	if err != nil {
		return err
	}
	want := func(n int, usage string) error {
		if len(pos) != n {
			return badInput(fmt.Errorf("rota scenario %s: want %s (see rota scenario --help)", verb, usage))
		}
		return nil
	}
	// scenarioTarget reads PLAN NAME[@V].
	scenarioTarget := func() (target, error) {
		t, err := parseTarget(pos[0] + "/" + pos[1])
		if err == nil && t.ref.Scenario == "" {
			err = badInput(fmt.Errorf("rota scenario %s: name the scenario", verb))
		}
		return t, err
	}
	var s *store.Store
	open := func() error {
		var err error
		s, err = openStore(e, *db, false)
		return err
	}
	defer func() {
		if s != nil {
			s.Close()
		}
	}()
	// openScenario checks the arguments of a verb that names one scenario
	// (PLAN NAME[@V] and n-2 more) and opens the database.
	openScenario := func(n int, usage string) (target, error) {
		if err := want(n, usage); err != nil {
			return target{}, err
		}
		t, err := scenarioTarget()
		if err != nil {
			return target{}, err
		}
		return t, open()
	}

	switch verb {
	case "new":
		if err := want(2, "PLAN[@VERSION] NAME"); err != nil {
			return err
		}
		t, err := parseTarget(pos[0])
		if err != nil {
			return err
		}
		if err := open(); err != nil {
			return err
		}
		base, err := s.NewScenario(t.ref.Plan, t.version, pos[1], author(e, *who))
		if err != nil {
			return storeErr(err)
		}
		if *asJSON {
			return writeJSON(e.stdout, store.ScenarioInfo{Name: pos[1], Base: base, Version: base, Author: author(e, *who)})
		}
		fmt.Fprintf(e.stdout, "Started scenario %s of plan %s on version %d.\nChange it with: rota scenario edit %s %s CHANGE\n", pos[1], t.ref.Plan, base, t.ref.Plan, pos[1])
		return nil

	case "list":
		if err := want(1, "PLAN"); err != nil {
			return err
		}
		if err := open(); err != nil {
			return err
		}
		list, err := s.Scenarios(pos[0])
		if err != nil {
			return storeErr(err)
		}
		if *asJSON {
			if list == nil {
				list = []store.ScenarioInfo{}
			}
			return writeJSON(e.stdout, list)
		}
		if len(list) == 0 {
			fmt.Fprintf(e.stdout, "Plan %s has no scenarios: start one with rota scenario new %s NAME.\n", pos[0], pos[0])
			return nil
		}
		rows := [][]string{{"SCENARIO", "BASE", "VERSION", "CHANGES", "BY", "STARTED"}}
		for _, x := range list {
			rows = append(rows, []string{x.Name, strconv.Itoa(x.Base), strconv.Itoa(x.Version), strconv.Itoa(x.Version - x.Base), x.Author, when(x.Created)})
		}
		report.WriteTable(e.stdout, rows)
		return nil

	case "show":
		if err := want(2, "PLAN NAME[@V]"); err != nil {
			return err
		}
		t, err := scenarioTarget()
		if err != nil {
			return err
		}
		s2, snap, err := loadTarget(e, *db, t.String())
		if err != nil {
			return err
		}
		defer s2.Close()
		return showSnapshot(e, snap, *asJSON, *month, *person, *reasons)

	case "diff":
		t, err := openScenario(2, "PLAN NAME")
		if err != nil {
			return err
		}
		b, err := s.Load(t.ref, t.version)
		if err != nil {
			return storeErr(err)
		}
		a, err := s.Load(store.Ref{Plan: t.ref.Plan}, b.Base)
		if err != nil {
			return storeErr(err)
		}
		return writeDiff(e, a, b, *asJSON)

	case "edit":
		if len(pos) < 3 {
			return badInput(fmt.Errorf("rota scenario edit: want PLAN NAME[@V] CHANGE [+ CHANGE…] (see rota edit --help for the changes)"))
		}
		t, err := scenarioTarget()
		if err != nil {
			return err
		}
		changes, err := splitChanges(pos[2:], *reason)
		if err != nil {
			return err
		}
		if err := open(); err != nil {
			return err
		}
		if t.version == 0 {
			snap, err := s.Load(t.ref, 0)
			if err != nil {
				return storeErr(err)
			}
			t.version = snap.Version
		}
		return applyAndReport(e, s, t, changes, author(e, *who), *note, *asJSON)

	case "undo":
		t, err := openScenario(2, "PLAN NAME[@V]")
		if err != nil {
			return err
		}
		if t.version == 0 {
			_, head, err := s.NextUndo(t.ref)
			if err != nil {
				return storeErr(err)
			}
			t.version = head
		}
		return undo(e, s, t, author(e, *who), *note, *asJSON)

	case "log":
		t, err := openScenario(2, "PLAN NAME")
		if err != nil {
			return err
		}
		return writeLog(e, s, t.ref, *asJSON)

	case "adopt":
		t, err := openScenario(2, "PLAN NAME")
		if err != nil {
			return err
		}
		sc, err := s.Load(t.ref, 0)
		if err != nil {
			return storeErr(err)
		}
		v, err := s.Adopt(t.ref.Plan, t.ref.Scenario)
		if err != nil {
			return storeErr(err)
		}
		if !*asJSON {
			fmt.Fprintf(e.stdout, "Adopted scenario %s: plan %s is now at version %d.\n", t.ref.Scenario, t.ref.Plan, v)
		}
		return reportVersions(e, s, store.Ref{Plan: t.ref.Plan}, sc.Base, v, *asJSON)

	case "rebase":
		t, err := openScenario(2, "PLAN NAME")
		if err != nil {
			return err
		}
		base, head, err := s.Rebase(t.ref.Plan, t.ref.Scenario)
		var un *store.UnchangedError
		if errors.As(err, &un) {
			fmt.Fprintf(e.stdout, "Nothing to rebase: %s.\n", un.Msg)
			return nil
		}
		if err != nil {
			return storeErr(err)
		}
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "scenario": t.ref.Scenario, "base": base, "version": head})
		}
		fmt.Fprintf(e.stdout, "Scenario %s of plan %s now starts from version %d, with its %d %s made again (version %d).\n",
			t.ref.Scenario, t.ref.Plan, base, head-base, plural(head-base, "change", "changes"), head)
		return nil

	case "rename":
		t, err := openScenario(3, "PLAN NAME NEW-NAME")
		if err != nil {
			return err
		}
		if err := s.Rename(t.ref.Plan, t.ref.Scenario, pos[2]); err != nil {
			return storeErr(err)
		}
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "scenario": pos[2], "was": t.ref.Scenario})
		}
		fmt.Fprintf(e.stdout, "Renamed scenario %s of plan %s to %s.\n", t.ref.Scenario, t.ref.Plan, pos[2])
		return nil

	case "drop":
		t, err := openScenario(2, "PLAN NAME")
		if err != nil {
			return err
		}
		if err := s.Drop(t.ref.Plan, t.ref.Scenario); err != nil {
			return storeErr(err)
		}
		if *asJSON {
			return writeJSON(e.stdout, map[string]any{"plan": t.ref.Plan, "scenario": t.ref.Scenario, "dropped": true})
		}
		fmt.Fprintf(e.stdout, "Dropped scenario %s of plan %s.\n", t.ref.Scenario, t.ref.Plan)
		return nil
	}
	return badInput(fmt.Errorf("rota scenario: %q is not a scenario command: use new, list, show, diff, edit, undo, log, adopt, rebase, rename or drop", verb))
}
