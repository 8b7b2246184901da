package store

import (
	"errors"
	"fmt"
	"time"

	"rota/internal/change"
)

// ScenarioInfo describes a what-if scenario.
type ScenarioInfo struct {
	Name    string    `json:"scenario"`
	Base    int       `json:"base"`    // the plan version it starts from
	Version int       `json:"version"` // its latest version (Base when unchanged)
	Author  string    `json:"author"`
	Created time.Time `json:"created"`
}

// NewScenario starts a what-if scenario of a plan on version base (0 for
// the latest). Its versions continue the plan's numbers from base; the plan
// itself is never touched by it.
func (s *Store) NewScenario(planName string, base int, name, author string) (int, error) {
	if err := CheckName("scenario", name); err != nil {
		return 0, &change.RefusedError{Problems: []string{err.Error()}}
	}
	now := s.now()
	err := s.write(func(tx *txn) error {
		l, err := tx.line(Ref{Plan: planName})
		if err != nil {
			return err
		}
		head, err := tx.head(l)
		if err != nil {
			return err
		}
		if base == 0 {
			base = head
		}
		if base < 1 || base > head {
			return &NotFoundError{What: "version", Name: fmt.Sprintf("%d of %s", base, planName), Known: fmt.Sprintf("it has versions 1 to %d", head)}
		}
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM line WHERE plan_id = ? AND scenario = ?", l.planID, name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &ExistsError{What: "scenario", Name: name}
		}
		_, err = tx.Exec("INSERT INTO line (plan_id, scenario, base, author, created) VALUES (?, ?, ?, ?, ?)", l.planID, name, base, author, millis(now))
		return err
	})
	return base, err
}

// Scenarios lists a plan's scenarios by name.
func (s *Store) Scenarios(planName string) ([]ScenarioInfo, error) {
	var out []ScenarioInfo
	err := s.read(func(tx *txn) error {
		pid, err := tx.planID(planName)
		if err != nil {
			return err
		}
		rows, err := tx.Query(`
			SELECT l.scenario, l.base, coalesce((SELECT max(number) FROM version WHERE line_id = l.id), l.base), l.author, l.created
			FROM line l WHERE l.plan_id = ? AND l.scenario <> '' ORDER BY l.scenario`, pid)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var si ScenarioInfo
			var created int64
			if err := rows.Scan(&si.Name, &si.Base, &si.Version, &si.Author, &created); err != nil {
				return err
			}
			si.Created = fromMillis(created)
			out = append(out, si)
		}
		return rows.Err()
	})
	return out, err
}

// Adopt writes a scenario's changes onto its plan as the same versions,
// keeping their authors, times and notes, then removes the scenario. It is
// refused with a *ConflictError if the plan has moved on from the
// scenario's base.
func (s *Store) Adopt(planName, name string) (int, error) {
	var head int
	err := s.write(func(tx *txn) error {
		sl, err := tx.line(Ref{Plan: planName, Scenario: name})
		if err != nil {
			return err
		}
		ml := line{id: sl.main, main: sl.main, planID: sl.planID, ref: Ref{Plan: planName}}
		if head, err = tx.head(ml); err != nil {
			return err
		}
		if head != sl.base {
			c := tx.conflict(ml, sl.base, head).(*ConflictError)
			c.Hint = fmt.Sprintf("scenario %s starts from version %d, so it cannot be adopted as it is: move it onto version %d first (rota scenario rebase %s %s), then adopt it", name, sl.base, head, planName, name)
			return c
		}
		top, err := tx.head(sl)
		if err != nil {
			return err
		}
		if top == sl.base {
			return change.Refused("scenario %s has no changes to adopt", name)
		}
		if _, err := tx.Exec("UPDATE version SET line_id = ?, note = CASE WHEN note = '' THEN ? ELSE ? || note END WHERE line_id = ?",
			sl.main, "scenario "+name, "scenario "+name+": ", sl.id); err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE checkpoint SET line_id = ? WHERE line_id = ?", sl.main, sl.id); err != nil {
			return err
		}
		st, err := tx.stateAt(ml, top)
		if err != nil {
			return err
		}
		if _, err := tx.Exec("UPDATE plan SET title = ?, used = ? WHERE id = ?", st.Plan.Name, millis(s.now()), sl.planID); err != nil {
			return err
		}
		head = top
		_, err = tx.Exec("DELETE FROM line WHERE id = ?", sl.id)
		return err
	})
	return head, err
}

// Rename gives a scenario a new name, keeping its history: one update, so a
// what-if kept under a better name is never half copied.
func (s *Store) Rename(planName, from, to string) error {
	if err := CheckName("scenario", to); err != nil {
		return &change.RefusedError{Problems: []string{err.Error()}}
	}
	return s.write(func(tx *txn) error {
		sl, err := tx.line(Ref{Plan: planName, Scenario: from})
		if err != nil || from == to {
			return err
		}
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM line WHERE plan_id = ? AND scenario = ?", sl.planID, to).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &ExistsError{What: "scenario", Name: to}
		}
		_, err = tx.Exec("UPDATE line SET scenario = ? WHERE id = ?", to, sl.id)
		return err
	})
}

// Drop deletes a scenario and its changes: the only thing ever deleted.
func (s *Store) Drop(planName, name string) error {
	return s.write(func(tx *txn) error {
		sl, err := tx.line(Ref{Plan: planName, Scenario: name})
		if err != nil {
			return err
		}
		_, err = tx.Exec("DELETE FROM line WHERE id = ?", sl.id)
		return err
	})
}

// Rebase moves a scenario onto its plan's latest version: its changes still
// in effect (those not undone) are made again, in order, on that version,
// keeping their authors, times and notes, so a what-if whose plan moved on
// can be adopted after all. It is all or nothing: if a change no longer
// applies (say, the day it set is now someone's absence), nothing moves and
// the error names the change. It returns the new base and head.
func (s *Store) Rebase(planName, name string) (base, head int, err error) {
	err = s.write(func(tx *txn) error {
		sl, err := tx.line(Ref{Plan: planName, Scenario: name})
		if err != nil {
			return err
		}
		ml := line{id: sl.main, main: sl.main, planID: sl.planID, ref: Ref{Plan: planName}}
		if base, err = tx.head(ml); err != nil {
			return err
		}
		if base == sl.base {
			return &change.UnchangedError{Msg: fmt.Sprintf("scenario %s already starts from the latest version of %s, %d", name, planName, base)}
		}
		top, err := tx.head(sl)
		if err != nil {
			return err
		}
		var kept []VersionInfo
		undone := map[int]bool{}
		for n := top; n > sl.base; n-- {
			v, _, err := tx.version(sl.id, n)
			if err != nil {
				return err
			}
			switch {
			case v.Change.Kind == change.KindUndo:
				undone[v.Change.Of] = true
			case !undone[n]:
				kept = append(kept, v)
			}
		}
		var author string
		var created int64
		if err := tx.QueryRow("SELECT author, created FROM line WHERE id = ?", sl.id).Scan(&author, &created); err != nil {
			return err
		}
		if _, err := tx.Exec("DELETE FROM line WHERE id = ?", sl.id); err != nil {
			return err
		}
		res, err := tx.Exec("INSERT INTO line (plan_id, scenario, base, author, created) VALUES (?, ?, ?, ?, ?)", sl.planID, name, base, author, created)
		if err != nil {
			return err
		}
		nl := line{planID: sl.planID, main: sl.main, base: base, ref: sl.ref}
		if nl.id, err = res.LastInsertId(); err != nil {
			return err
		}
		st, err := tx.stateAt(ml, base)
		if err != nil {
			return err
		}
		head = base
		for i := len(kept) - 1; i >= 0; i-- {
			v := kept[i]
			e, next, err := change.Edit(st, v.Change)
			var un *change.UnchangedError
			if errors.As(err, &un) {
				continue // the plan has it already
			}
			if err != nil {
				return change.Prefix(v.Change, err)
			}
			head++
			if err := tx.insert(nl, head, v.Change, e, next, v.Author, v.Note, v.Time); err != nil {
				return err
			}
			st = next
		}
		return nil
	})
	return base, head, err
}
