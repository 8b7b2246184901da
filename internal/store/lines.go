package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

func (tx *txn) Plans(ctx context.Context) ([]PlanInfo, error) {
	rows, err := tx.query(ctx, `
		SELECT p.name, p.title, p.used, v.number, v.at, v.author,
		       (SELECT count(*) FROM line s WHERE s.plan_id = p.id AND s.scenario <> '')
		FROM plan p
		JOIN line l ON l.plan_id = p.id AND l.scenario = ''
		JOIN version v ON v.line_id = l.id AND v.number = (SELECT max(number) FROM version WHERE line_id = l.id)
		ORDER BY p.name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PlanInfo
	for rows.Next() {
		var pi PlanInfo
		var used, at int64
		if err := rows.Scan(&pi.Name, &pi.Title, &used, &pi.Version, &at, &pi.By, &pi.Scenarios); err != nil {
			return nil, err
		}
		pi.Used, pi.Changed = fromMillis(used), fromMillis(at)
		out = append(out, pi)
	}
	return out, rows.Err()
}

func (tx *txn) LastUsed(ctx context.Context) (string, error) {
	var name string
	err := tx.row(ctx, "SELECT name FROM plan ORDER BY used DESC, name LIMIT 1").Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return name, err
}

func (tx *txn) Touch(ctx context.Context, plan string, at time.Time) error {
	res, err := tx.exec(ctx, "UPDATE plan SET used = ? WHERE name = ?", millis(at), plan)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		_, err := tx.planID(ctx, plan)
		return err
	}
	return nil
}

func (tx *txn) CreatePlan(ctx context.Context, name, title, identity, author string, at time.Time) (Line, error) {
	var n int
	if err := tx.row(ctx, "SELECT count(*) FROM plan WHERE name = ?", name).Scan(&n); err != nil {
		return Line{}, err
	}
	if n > 0 {
		return Line{}, &ExistsError{What: "plan", Name: name}
	}
	res, err := tx.exec(ctx, "INSERT INTO plan (name, title, uid, created, used) VALUES (?, ?, ?, ?, ?)", name, title, identity, millis(at), millis(at))
	if err != nil {
		return Line{}, err
	}
	pid, _ := res.LastInsertId()
	res, err = tx.exec(ctx, "INSERT INTO line (plan_id, scenario, author, created) VALUES (?, '', ?, ?)", pid, author, millis(at))
	if err != nil {
		return Line{}, err
	}
	lid, _ := res.LastInsertId()
	return Line{ID: lid, PlanID: pid, Main: lid, Ref: Ref{Plan: name}}, nil
}

func (tx *txn) Line(ctx context.Context, ref Ref) (Line, error) {
	pid, err := tx.planID(ctx, ref.Plan)
	if err != nil {
		return Line{}, err
	}
	l := Line{PlanID: pid, Ref: ref}
	if err := tx.row(ctx, "SELECT id FROM line WHERE plan_id = ? AND scenario = ''", pid).Scan(&l.Main); err != nil {
		return Line{}, err
	}
	err = tx.row(ctx, "SELECT id, base FROM line WHERE plan_id = ? AND scenario = ?", pid, ref.Scenario).Scan(&l.ID, &l.Base)
	if errors.Is(err, sql.ErrNoRows) {
		known, _ := tx.names(ctx, "SELECT scenario FROM line WHERE plan_id = ? AND scenario <> '' ORDER BY scenario", pid)
		k := "plan " + ref.Plan + " has no scenarios"
		if known != "" {
			k = "scenarios of " + ref.Plan + ": " + known
		}
		return Line{}, &NotFoundError{What: "scenario", Name: fmt.Sprintf("%q", ref.Scenario), Known: k}
	}
	return l, err
}

func (tx *txn) Head(ctx context.Context, l Line) (int, error) {
	var n sql.NullInt64
	if err := tx.row(ctx, "SELECT max(number) FROM version WHERE line_id = ?", l.ID).Scan(&n); err != nil {
		return 0, err
	}
	if !n.Valid {
		return l.Base, nil
	}
	return int(n.Int64), nil
}

func (tx *txn) Identity(ctx context.Context, l Line) (string, error) {
	var uid string
	err := tx.row(ctx, "SELECT uid FROM plan WHERE id = ?", l.PlanID).Scan(&uid)
	return uid, err
}

// ScenarioInfo describes a what-if scenario.
type ScenarioInfo struct {
	Name    string    `json:"scenario"`
	Base    int       `json:"base"`    // the plan version it starts from
	Version int       `json:"version"` // its latest version (Base when unchanged)
	Author  string    `json:"author"`
	Created time.Time `json:"created"`
}

func (tx *txn) Scenarios(ctx context.Context, plan string) ([]ScenarioInfo, error) {
	pid, err := tx.planID(ctx, plan)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `
		SELECT l.scenario, l.base, coalesce((SELECT max(number) FROM version WHERE line_id = l.id), l.base), l.author, l.created
		FROM line l WHERE l.plan_id = ? AND l.scenario <> '' ORDER BY l.scenario`, pid)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ScenarioInfo
	for rows.Next() {
		var si ScenarioInfo
		var created int64
		if err := rows.Scan(&si.Name, &si.Base, &si.Version, &si.Author, &created); err != nil {
			return nil, err
		}
		si.Created = fromMillis(created)
		out = append(out, si)
	}
	return out, rows.Err()
}

func (tx *txn) scenarioFree(ctx context.Context, planID int64, name string) error {
	var n int
	if err := tx.row(ctx, "SELECT count(*) FROM line WHERE plan_id = ? AND scenario = ?", planID, name).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return &ExistsError{What: "scenario", Name: name}
	}
	return nil
}

func (tx *txn) CreateScenario(ctx context.Context, plan Line, name string, base int, author string, at time.Time) (Line, error) {
	if err := tx.scenarioFree(ctx, plan.PlanID, name); err != nil {
		return Line{}, err
	}
	res, err := tx.exec(ctx, "INSERT INTO line (plan_id, scenario, base, author, created) VALUES (?, ?, ?, ?, ?)", plan.PlanID, name, base, author, millis(at))
	if err != nil {
		return Line{}, err
	}
	id, err := res.LastInsertId()
	return Line{ID: id, PlanID: plan.PlanID, Main: plan.Main, Base: base, Ref: Ref{Plan: plan.Ref.Plan, Scenario: name}}, err
}

func (tx *txn) RenameScenario(ctx context.Context, l Line, to string) error {
	if err := tx.scenarioFree(ctx, l.PlanID, to); err != nil {
		return err
	}
	_, err := tx.exec(ctx, "UPDATE line SET scenario = ? WHERE id = ?", to, l.ID)
	return err
}

func (tx *txn) DropScenario(ctx context.Context, l Line) error {
	_, err := tx.exec(ctx, "DELETE FROM line WHERE id = ?", l.ID)
	return err
}

func (tx *txn) RestartScenario(ctx context.Context, l Line, base int) (Line, error) {
	var author string
	var created int64
	if err := tx.row(ctx, "SELECT author, created FROM line WHERE id = ?", l.ID).Scan(&author, &created); err != nil {
		return Line{}, err
	}
	if _, err := tx.exec(ctx, "DELETE FROM line WHERE id = ?", l.ID); err != nil {
		return Line{}, err
	}
	res, err := tx.exec(ctx, "INSERT INTO line (plan_id, scenario, base, author, created) VALUES (?, ?, ?, ?, ?)", l.PlanID, l.Ref.Scenario, base, author, created)
	if err != nil {
		return Line{}, err
	}
	nl := Line{PlanID: l.PlanID, Main: l.Main, Base: base, Ref: l.Ref}
	nl.ID, err = res.LastInsertId()
	return nl, err
}

func (tx *txn) AdoptScenario(ctx context.Context, l Line, title string, at time.Time) error {
	name := l.Ref.Scenario
	if _, err := tx.exec(ctx, "UPDATE version SET line_id = ?, note = CASE WHEN note = '' THEN ? ELSE ? || note END WHERE line_id = ?",
		l.Main, "scenario "+name, "scenario "+name+": ", l.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE checkpoint SET line_id = ? WHERE line_id = ?", l.Main, l.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "UPDATE plan SET title = ?, used = ? WHERE id = ?", title, millis(at), l.PlanID); err != nil {
		return err
	}
	_, err := tx.exec(ctx, "DELETE FROM line WHERE id = ?", l.ID)
	return err
}
