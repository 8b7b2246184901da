package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"rota/internal/change"
)

// PlanInfo describes a saved plan in lists.
type PlanInfo struct {
	Name      string    `json:"plan"`
	Title     string    `json:"name"` // the plan's own name, from its file
	Version   int       `json:"version"`
	Changed   time.Time `json:"changed"`
	By        string    `json:"by"`
	Scenarios int       `json:"scenarios"`
	Used      time.Time `json:"used"`
}

// VersionInfo is one version of a line's history.
type VersionInfo struct {
	Number int           `json:"version"`
	Author string        `json:"author"`
	Time   time.Time     `json:"time"`
	Note   string        `json:"note,omitempty"`
	Change change.Change `json:"change"`
}

var nameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)

// CheckName checks a plan or scenario name: lower-case letters, digits,
// dots, hyphens and underscores, at most 64, so that it can be typed in
// commands such as `rota show cccs@7`.
func CheckName(what, name string) error {
	if !nameRE.MatchString(name) {
		return fmt.Errorf("%q is not a usable %s name: use lower-case letters, digits, '.', '-' and '_' (e.g. %q)", name, what, NameFor(name))
	}
	return nil
}

// NameFor suggests a plan name for a file: its base name without .toml,
// made usable.
func NameFor(path string) string {
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	var b strings.Builder
	for _, r := range strings.ToLower(base) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.Trim(b.String(), "-._")
	if out == "" {
		out = "plan"
	}
	if len(out) > 64 {
		out = out[:64]
	}
	return out
}

func millis(t time.Time) int64      { return t.UnixMilli() }
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms) }

// checkpointEvery is how many versions apart checkpoints are written (and
// one at version 1), so that loading any version replays fewer changes
// than this.
const checkpointEvery = 50

func checkpointDue(n int) bool { return n == 1 || n%checkpointEvery == 0 }

// line is one history: a plan's own or a scenario's.
type line struct {
	id, planID int64
	ref        Ref
	base       int // scenarios: the plan version they start from
	main       int64
}

func (tx *txn) planID(name string) (int64, error) {
	var id int64
	err := tx.QueryRow("SELECT id FROM plan WHERE name = ?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		known, _ := tx.names("SELECT name FROM plan ORDER BY name")
		k := "no plans are saved yet: save one with rota save FILE"
		if known != "" {
			k = "plans: " + known
		}
		return 0, &NotFoundError{What: "plan", Name: fmt.Sprintf("%q", name), Known: k}
	}
	return id, err
}

func (tx *txn) names(q string, args ...any) (string, error) {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", err
		}
		out = append(out, s)
	}
	return strings.Join(out, ", "), rows.Err()
}

func (tx *txn) line(ref Ref) (line, error) {
	pid, err := tx.planID(ref.Plan)
	if err != nil {
		return line{}, err
	}
	l := line{planID: pid, ref: ref}
	if err := tx.QueryRow("SELECT id FROM line WHERE plan_id = ? AND scenario = ''", pid).Scan(&l.main); err != nil {
		return line{}, err
	}
	err = tx.QueryRow("SELECT id, base FROM line WHERE plan_id = ? AND scenario = ?", pid, ref.Scenario).Scan(&l.id, &l.base)
	if errors.Is(err, sql.ErrNoRows) {
		known, _ := tx.names("SELECT scenario FROM line WHERE plan_id = ? AND scenario <> '' ORDER BY scenario", pid)
		k := "plan " + ref.Plan + " has no scenarios"
		if known != "" {
			k = "scenarios of " + ref.Plan + ": " + known
		}
		return line{}, &NotFoundError{What: "scenario", Name: fmt.Sprintf("%q", ref.Scenario), Known: k}
	}
	return l, err
}

// head returns the line's latest version: a scenario without changes is at
// its base.
func (tx *txn) head(l line) (int, error) {
	var n sql.NullInt64
	if err := tx.QueryRow("SELECT max(number) FROM version WHERE line_id = ?", l.id).Scan(&n); err != nil {
		return 0, err
	}
	if !n.Valid {
		return l.base, nil
	}
	return int(n.Int64), nil
}

func (tx *txn) version(lineID int64, n int) (VersionInfo, change.Effect, error) {
	var v VersionInfo
	var at int64
	var cj, ej string
	err := tx.QueryRow("SELECT number, author, at, note, change, effect FROM version WHERE line_id = ? AND number = ?", lineID, n).
		Scan(&v.Number, &v.Author, &at, &v.Note, &cj, &ej)
	if err != nil {
		return v, change.Effect{}, err
	}
	v.Time = fromMillis(at)
	var e change.Effect
	if err := json.Unmarshal([]byte(cj), &v.Change); err != nil {
		return v, e, fmt.Errorf("version %d: %v", n, err)
	}
	if err := json.Unmarshal([]byte(ej), &e); err != nil {
		return v, e, fmt.Errorf("version %d: %v", n, err)
	}
	return v, e, nil
}

// stateAt rebuilds the line's state at version n from the nearest
// checkpoint at or before it, replaying the effects after it.
func (tx *txn) stateAt(l line, n int) (*change.State, error) {
	lineID := l.id
	if l.ref.Scenario != "" && n <= l.base {
		lineID = l.main
	}
	var st *change.State
	from := 0
	var cpN, format int
	var data []byte
	err := tx.QueryRow("SELECT number, format, data FROM checkpoint WHERE line_id = ? AND number <= ? ORDER BY number DESC LIMIT 1", lineID, n).Scan(&cpN, &format, &data)
	switch {
	case err == nil && format == change.CheckpointFormat:
		if s, derr := change.DecodeCheckpoint(data); derr == nil {
			st, from = s, cpN
		}
	case err != nil && !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	if st == nil {
		if lineID != l.main {
			base, err := tx.stateAt(line{id: l.main, main: l.main, planID: l.planID}, l.base)
			if err != nil {
				return nil, err
			}
			st, from = base, l.base
		} else {
			st = change.NewState()
		}
	}
	rows, err := tx.Query("SELECT number, effect FROM version WHERE line_id = ? AND number > ? AND number <= ? ORDER BY number", lineID, from, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	want := from + 1
	for rows.Next() {
		var num int
		var raw []byte
		if err := rows.Scan(&num, &raw); err != nil {
			return nil, err
		}
		if num != want {
			return nil, fmt.Errorf("%s: version %d is missing from the history", l.ref, want)
		}
		var e change.Effect
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, fmt.Errorf("%s version %d: %v", l.ref, num, err)
		}
		if err := st.Replay(&e); err != nil {
			return nil, fmt.Errorf("%s version %d: %v", l.ref, num, err)
		}
		want++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if want != n+1 {
		return nil, fmt.Errorf("%s: version %d is missing from the history", l.ref, want)
	}
	return st, nil
}

// insert writes version n of the line, and a checkpoint when n is due one.
func (tx *txn) insert(l line, n int, c change.Change, e change.Effect, st *change.State, author, note string, at time.Time) error {
	cj, err := json.Marshal(c)
	if err != nil {
		return err
	}
	ej, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if _, err := tx.Exec("INSERT INTO version (line_id, number, author, at, note, change, effect) VALUES (?, ?, ?, ?, ?, ?, ?)",
		l.id, n, author, millis(at), note, string(cj), string(ej)); err != nil {
		return err
	}
	if checkpointDue(n) {
		data, err := change.EncodeCheckpoint(st)
		if err != nil {
			return err
		}
		if _, err := tx.Exec("INSERT OR REPLACE INTO checkpoint (line_id, number, format, data) VALUES (?, ?, ?, ?)", l.id, n, change.CheckpointFormat, data); err != nil {
			return err
		}
	}
	if l.ref.Scenario == "" {
		_, err = tx.Exec("UPDATE plan SET title = ?, used = ? WHERE id = ?", st.Plan.Name, millis(at), l.planID)
	}
	return err
}

// lineAt returns the line that ref names, provided its latest version is
// still base: a write made on an older version is a *ConflictError, so no
// change is ever made on top of one its author has not seen.
func (tx *txn) lineAt(ref Ref, base int) (line, error) {
	l, err := tx.line(ref)
	if err != nil {
		return line{}, err
	}
	head, err := tx.head(l)
	if err != nil {
		return line{}, err
	}
	if base != head {
		return line{}, tx.conflict(l, base, head)
	}
	return l, nil
}

func (tx *txn) conflict(l line, base, head int) error {
	e := &ConflictError{Ref: l.ref, Base: base, Head: head}
	lineID := l.id
	if head <= l.base {
		lineID = l.main
	}
	if v, _, err := tx.version(lineID, head); err == nil {
		e.By, e.At, e.Change = v.Author, v.Time, v.Change.Describe()
	}
	return e
}

// Import saves a plan file as a new plan: version 1, its rota computed and
// saved with it. name must be free (see CheckName); to bring a changed file
// into an existing plan, Apply a Reimport.
func (s *Store) Import(name, path string, text []byte, author, note string) (int, error) {
	if err := CheckName("plan", name); err != nil {
		return 0, &change.RefusedError{Problems: []string{err.Error()}}
	}
	c := change.Import(path, text)
	e, st, err := change.Edit(change.NewState(), c)
	if err != nil {
		return 0, err
	}
	now := s.now()
	err = s.write(func(tx *txn) error {
		var n int
		if err := tx.QueryRow("SELECT count(*) FROM plan WHERE name = ?", name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &ExistsError{What: "plan", Name: name}
		}
		res, err := tx.Exec("INSERT INTO plan (name, title, uid, created, used) VALUES (?, ?, ?, ?, ?)", name, st.Plan.Name, newIdentity(st.Plan), millis(now), millis(now))
		if err != nil {
			return err
		}
		pid, _ := res.LastInsertId()
		res, err = tx.Exec("INSERT INTO line (plan_id, scenario, author, created) VALUES (?, '', ?, ?)", pid, author, millis(now))
		if err != nil {
			return err
		}
		lid, _ := res.LastInsertId()
		return tx.insert(line{id: lid, planID: pid, main: lid, ref: Ref{Plan: name}}, 1, c, e, st, author, note, now)
	})
	if err != nil {
		return 0, err
	}
	return 1, nil
}

// Load returns a line at a version (0 for the latest), computed: its plan,
// its saved assignment, its pins and what they mean day by day.
func (s *Store) Load(ref Ref, version int) (*Snapshot, error) {
	var snap *Snapshot
	err := s.read(func(tx *txn) error {
		l, err := tx.line(ref)
		if err != nil {
			return err
		}
		head, err := tx.head(l)
		if err != nil {
			return err
		}
		if version == 0 {
			version = head
		}
		first := 1
		if ref.Scenario != "" {
			first = l.base
		}
		if version < first || version > head {
			return &NotFoundError{What: "version", Name: fmt.Sprintf("%d of %s", version, ref), Known: fmt.Sprintf("it has versions %d to %d", first, head)}
		}
		st, err := tx.stateAt(l, version)
		if err != nil {
			return err
		}
		var uid string
		if err := tx.QueryRow("SELECT uid FROM plan WHERE id = ?", l.planID).Scan(&uid); err != nil {
			return err
		}
		snap = newSnapshot(ref, version, head, l.base, st)
		snap.Identity = uid
		return nil
	})
	return snap, err
}

// Apply writes change c as a new version of the line, made on version base.
// If the line has moved on since base it is refused with a *ConflictError;
// a change that breaks the plan's rules with a *change.RefusedError; one that
// changes nothing with an *change.UnchangedError. In every such case nothing is
// written. It returns the new version.
func (s *Store) Apply(ref Ref, base int, c change.Change, author, note string) (int, error) {
	return s.ApplyAll(ref, base, []change.Change{c}, author, note)
}

// ApplyAll writes changes as consecutive versions, all or none.
func (s *Store) ApplyAll(ref Ref, base int, changes []change.Change, author, note string) (int, error) {
	if len(changes) == 0 {
		return 0, &change.UnchangedError{Msg: "no change given"}
	}
	for _, c := range changes {
		if c.Kind == change.KindImport || c.Kind == change.KindUndo {
			return 0, change.Refused("%s is not a change to apply: use Import or Undo", c.Kind)
		}
	}
	now := s.now()
	var head int
	err := s.write(func(tx *txn) error {
		l, err := tx.lineAt(ref, base)
		if err != nil {
			return err
		}
		head = base
		st, err := tx.stateAt(l, head)
		if err != nil {
			return err
		}
		for _, c := range changes {
			e, next, err := change.Edit(st, c)
			if err != nil {
				if len(changes) > 1 {
					return change.Prefix(c, err)
				}
				return err
			}
			head++
			if err := tx.insert(l, head, c, e, next, author, note, now); err != nil {
				return err
			}
			st = next
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return head, nil
}

// Undo writes a version that reverts the latest change not yet undone, made
// on version base (see Apply for the errors). Undoing again walks further
// back; the import, and a scenario's base, cannot be undone. History keeps
// both the change and its undoing.
func (s *Store) Undo(ref Ref, base int, author, note string) (int, error) {
	now := s.now()
	var head int
	err := s.write(func(tx *txn) error {
		l, err := tx.lineAt(ref, base)
		if err != nil {
			return err
		}
		head = base
		target, err := tx.undoTarget(l, head)
		if err != nil {
			return err
		}
		_, e, err := tx.version(l.id, target)
		if err != nil {
			return err
		}
		var before *change.State
		if e.ReplacesPlan() {
			if before, err = tx.stateAt(l, target-1); err != nil {
				return err
			}
		}
		st, err := tx.stateAt(l, head)
		if err != nil {
			return err
		}
		inv, next, err := change.Revert(st, &e, before)
		var r *change.RefusedError
		if err != nil && !errors.As(err, &r) {
			return fmt.Errorf("cannot undo version %d: %v", target, err)
		}
		if err != nil {
			return err
		}
		head++
		return tx.insert(l, head, change.Undo(target), inv, next, author, note, now)
	})
	if err != nil {
		return 0, err
	}
	return head, nil
}

// undoTarget finds the latest version not undone, walking back over undos
// and what they undid.
func (tx *txn) undoTarget(l line, head int) (int, error) {
	rows, err := tx.Query("SELECT number, change FROM version WHERE line_id = ? AND number <= ? ORDER BY number DESC", l.id, head)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	undone := map[int]bool{}
	for rows.Next() {
		var n int
		var raw []byte
		if err := rows.Scan(&n, &raw); err != nil {
			return 0, err
		}
		var c change.Change
		if err := json.Unmarshal(raw, &c); err != nil {
			return 0, err
		}
		switch {
		case c.Kind == change.KindUndo:
			undone[c.Of] = true
		case undone[n]:
		case c.Kind == change.KindImport:
			return 0, change.Refused("nothing to undo: version %d is the plan's import", n)
		default:
			return n, nil
		}
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	if l.ref.Scenario != "" {
		return 0, change.Refused("nothing to undo: the scenario is back at its base, version %d", l.base)
	}
	return 0, change.Refused("nothing to undo")
}

// History returns the line's versions, oldest first. A scenario's history
// is its own changes, after its base.
func (s *Store) History(ref Ref) ([]VersionInfo, error) {
	var out []VersionInfo
	err := s.read(func(tx *txn) error {
		l, err := tx.line(ref)
		if err != nil {
			return err
		}
		rows, err := tx.Query("SELECT number, author, at, note, change FROM version WHERE line_id = ? ORDER BY number", l.id)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v VersionInfo
			var at int64
			var raw []byte
			if err := rows.Scan(&v.Number, &v.Author, &at, &v.Note, &raw); err != nil {
				return err
			}
			v.Time = fromMillis(at)
			if err := json.Unmarshal(raw, &v.Change); err != nil {
				return fmt.Errorf("%s version %d: %v", ref, v.Number, err)
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

// Plans lists the saved plans by name.
func (s *Store) Plans() ([]PlanInfo, error) {
	var out []PlanInfo
	err := s.read(func(tx *txn) error {
		rows, err := tx.Query(`
			SELECT p.name, p.title, p.used, v.number, v.at, v.author,
			       (SELECT count(*) FROM line s WHERE s.plan_id = p.id AND s.scenario <> '')
			FROM plan p
			JOIN line l ON l.plan_id = p.id AND l.scenario = ''
			JOIN version v ON v.line_id = l.id AND v.number = (SELECT max(number) FROM version WHERE line_id = l.id)
			ORDER BY p.name`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var pi PlanInfo
			var used, at int64
			if err := rows.Scan(&pi.Name, &pi.Title, &used, &pi.Version, &at, &pi.By, &pi.Scenarios); err != nil {
				return err
			}
			pi.Used, pi.Changed = fromMillis(used), fromMillis(at)
			out = append(out, pi)
		}
		return rows.Err()
	})
	return out, err
}

// Touch records that a plan was opened, for LastUsed.
func (s *Store) Touch(name string) error {
	return s.write(func(tx *txn) error {
		res, err := tx.Exec("UPDATE plan SET used = ? WHERE name = ?", millis(s.now()), name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			_, err := tx.planID(name)
			return err
		}
		return nil
	})
}

// LastUsed returns the plan opened or changed most recently, "" when none
// is saved: the planner opens it when started without arguments.
func (s *Store) LastUsed() (string, error) {
	var name string
	err := s.read(func(tx *txn) error {
		err := tx.QueryRow("SELECT name FROM plan ORDER BY used DESC, name LIMIT 1").Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return name, err
}

// NextUndo returns the change that Undo would revert now, and the line's
// latest version to pass to Undo: the planner shows it on its undo key, the
// command line checks whose change it is.
func (s *Store) NextUndo(ref Ref) (VersionInfo, int, error) {
	var v VersionInfo
	var head int
	err := s.read(func(tx *txn) error {
		l, err := tx.line(ref)
		if err != nil {
			return err
		}
		if head, err = tx.head(l); err != nil {
			return err
		}
		target, err := tx.undoTarget(l, head)
		if err != nil {
			return err
		}
		v, _, err = tx.version(l.id, target)
		return err
	})
	return v, head, err
}
