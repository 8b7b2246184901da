package main

import (
	"fmt"

	"rota/internal/backend"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/export"
	"rota/internal/plan"
	"rota/internal/platform"
)

// exportSource is what rota export writes from: the rota, and what the
// export must say about it.
type exportSource struct {
	r        *coverage.Result
	identity string // "" for a plan file: export derives it from the plan
	draft    string // see export.Options.Draft
	// history walks versions 1..upto of a saved plan's line, oldest first,
	// with the --absent what-ifs added to each; nil for a plan file.
	history func(upto int, fn func(version int, r *coverage.Result) error) error
	version int // of a saved plan: the version exported
	close   func()
}

// sourceFor opens what arg names: a plan file (a path ending .toml in any case, or any
// existing file), computed afresh; or a saved plan (PLAN, PLAN@N,
// PLAN/SCENARIO…) from the database db, whose saved assignment is kept, so
// the --absent what-ifs change who acts and which gaps appear, not who is
// assigned (configs/plan-format.md section 9). close must be called.
func sourceFor(e *env, db, arg string, absent []string) (*exportSource, error) {
	if platform.IsPlanFile(arg) || fileExists(arg) {
		p, err := loadWithAbsences(arg, absent)
		if err != nil {
			return nil, err
		}
		added := p.Absences[len(p.Absences)-len(absent):]
		return &exportSource{r: coverage.Compute(p), draft: export.WhatIfAbsences(p, added), close: func() {}}, nil
	}
	s, snap, err := loadTarget(e, db, arg, true) // export.Options.Reasons decides
	if err != nil {
		return nil, err
	}
	withAbsent := func(snap *backend.Snapshot) (*coverage.Result, []plan.Absence, error) {
		if len(absent) == 0 {
			return snap.Result, nil, nil
		}
		p := snap.Plan.Clone()
		var added []plan.Absence
		for _, x := range absent {
			a, err := plan.ParseAbsent(p, x)
			if err != nil {
				return nil, nil, badInput(err)
			}
			added = append(added, a)
		}
		p.Absences = append(p.Absences, added...)
		return coverage.Evaluate(engine.NewFrame(p), snap.Result.Assign), added, nil
	}
	r, added, err := withAbsent(snap)
	if err != nil {
		s.Close()
		return nil, err
	}
	ref := snap.Ref
	src := &exportSource{
		r: r, identity: snap.Identity, version: snap.Version,
		draft: export.Draft(ref.Scenario, snap.Version, snap.Head, export.WhatIfAbsences(snap.Plan, added)),
		close: func() { s.Close() },
	}
	src.history = func(upto int, fn func(int, *coverage.Result) error) error {
		err := s.Walk(e.ctx, ref, upto, func(old *backend.Snapshot) error {
			r, _, err := withAbsent(old)
			if err != nil {
				// An --absent the version cannot take (a person it does not
				// have yet) leaves that version out.
				r = nil
			}
			return fn(old.Version, r)
		})
		return storeErr(err)
	}
	return src, nil
}

// calendarHistory numbers the calendar's events over the saved plan's
// versions (export.Sequences) and, with since > 0, returns the events the
// export of version since had, for the new export to cancel those it has
// no longer. A version whose plan the options do not fit (a person or month
// it does not have) has no events.
func calendarHistory(src *exportSource, opt export.Options, since int) (*export.Sequences, []export.Event, error) {
	if src.history == nil {
		if since > 0 {
			return nil, nil, badInput(fmt.Errorf("--since is for a saved plan, whose versions rota keeps: save the file with rota save, then export the saved plan"))
		}
		return export.NewSequences(), nil, nil
	}
	if since > src.version {
		return nil, nil, badInput(fmt.Errorf("--since %d is after the version exported, %d", since, src.version))
	}
	return export.History(func(yield func(int, *coverage.Result) error) error {
		return src.history(src.version, yield)
	}, opt, since)
}
