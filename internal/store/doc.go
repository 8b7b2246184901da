// Package store keeps saved plans in a SQLite database: every version of
// every plan, who changed what and when, and what-if scenarios. It is the
// only code that touches SQL; the command line and the interactive planner
// both use it through the API below.
//
// # Model
//
// A plan (a unique name such as "cccs") has a linear history of versions.
// Version 1 imports a plan file, whose text is kept. Each later version is
// one Change on its parent (set a month's SPOC, record an absence, …) with
// its author, time and an optional note. A saved plan keeps its rota stable
// (spec §9): the SPOCs, buddies and presence days computed when it was
// saved stay as they are when absences or duties change; only explicit
// changes move them (and pin them), and Replan re-optimises from a date on.
// A scenario is a separate line of versions that starts from a plan version
// and can be adopted onto the plan or dropped.
//
// # API
//
//	s, err := store.Open(path)           // path from DefaultPath(os.Getenv) or --db
//	s, err := store.Open(path, store.WithClock(now))   // versions stamped by now, not the system clock
//	defer s.Close()
//
//	s.Import("cccs", file, text, author, note)   // version 1 of a new plan
//	s.Plans(); s.LastUsed(); s.Touch("cccs")
//
//	ref := store.Ref{Plan: "cccs"}                // or {Plan: "cccs", Scenario: "paul-sick"}
//	snap, err := s.Load(ref, 0)                   // 0 = latest version
//	snap.Plan, snap.Frame, snap.Result            // *plan.Plan, *engine.Frame, *coverage.Result
//	snap.PinnedMonth(m), snap.PinnedDay(d), snap.SuggestPresence(d)
//	preview, err := snap.Try(change.SetPresence(d, "jo"))  // not written
//
//	v, err := s.Apply(ref, snap.Version, change.SetSPOC(m, "tracy"), author, note)
//	v, err := s.ApplyAll(ref, snap.Version, changes, author, note)   // all or none
//	next, head, err := s.NextUndo(ref)            // what Undo would revert
//	v, err := s.Undo(ref, head, author, note)
//	s.History(ref)
//	snap.Report()                                 // rota show --json's object
//	snap.Export()                                 // the version as a plan file
//
//	s.NewScenario("cccs", 0, "paul-sick", author); s.Scenarios("cccs")
//	s.Adopt("cccs", "paul-sick"); s.Drop("cccs", "paul-sick")
//	diff.Compare(base.Result, scenario.Result)   // package diff
//
// Changes, their rules and their effects are package change's; the store
// keeps them and their history.
//
// Writes name the version they were made on. If the line has moved on, the
// write is refused with a *ConflictError (reload and retry); a change that
// breaks the plan's rules gets a *change.RefusedError, one that changes
// nothing a *change.UnchangedError. In every such case nothing is written.
// Open refuses a file that is not a rota database (*NotRotaError) or was
// written by a newer rota (*NewerError) without modifying it.
//
// # Storage
//
// Versions store the change as asked and its effect as recorded when it was
// written; loading replays effects, so old versions load as they were even
// after the optimiser changes, and an undo is an effect inverted.
// Checkpoints (at version 1 and every 50 versions) bound the replay. The schema
// comes from embedded numbered migrations applied in one transaction and
// recorded in PRAGMA user_version; PRAGMA application_id marks the file as
// rota's.
package store
