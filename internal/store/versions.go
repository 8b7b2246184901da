package store

import (
	"context"
	"database/sql"
	"errors"
)

func (tx *txn) Version(ctx context.Context, l Line, n int) (Record, error) {
	var r Record
	var at int64
	err := tx.row(ctx, "SELECT number, author, at, note, change, effect FROM version WHERE line_id = ? AND number = ?", l.holder(n), n).
		Scan(&r.Number, &r.Author, &at, &r.Note, &r.Change, &r.Effect)
	r.At = fromMillis(at)
	return r, err
}

func (tx *txn) Versions(ctx context.Context, l Line, from, to int) ([]Record, error) {
	rows, err := tx.query(ctx, "SELECT number, author, at, note, change, effect FROM version WHERE line_id = ? AND number > ? AND number <= ? ORDER BY number",
		l.holder(to), from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var r Record
		var at int64
		if err := rows.Scan(&r.Number, &r.Author, &at, &r.Note, &r.Change, &r.Effect); err != nil {
			return nil, err
		}
		r.At = fromMillis(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

func (tx *txn) Effects(ctx context.Context, l Line, from, to int) ([]Record, error) {
	rows, err := tx.query(ctx, "SELECT number, effect FROM version WHERE line_id = ? AND number > ? AND number <= ? ORDER BY number",
		l.holder(to), from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var r Record
		if err := rows.Scan(&r.Number, &r.Effect); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func (tx *txn) Checkpoint(ctx context.Context, l Line, n int) (Checkpoint, bool, error) {
	var cp Checkpoint
	err := tx.row(ctx, "SELECT number, format, data FROM checkpoint WHERE line_id = ? AND number <= ? ORDER BY number DESC LIMIT 1", l.holder(n), n).
		Scan(&cp.Number, &cp.Format, &cp.Data)
	if errors.Is(err, sql.ErrNoRows) {
		return cp, false, nil
	}
	return cp, err == nil, err
}

func (tx *txn) Insert(ctx context.Context, l Line, r Record, cp *Checkpoint, title string) error {
	if _, err := tx.exec(ctx, "INSERT INTO version (line_id, number, author, at, note, change, effect) VALUES (?, ?, ?, ?, ?, ?, ?)",
		l.ID, r.Number, r.Author, millis(r.At), r.Note, string(r.Change), string(r.Effect)); err != nil {
		return err
	}
	if cp != nil {
		if _, err := tx.exec(ctx, "INSERT OR REPLACE INTO checkpoint (line_id, number, format, data) VALUES (?, ?, ?, ?)", l.ID, cp.Number, cp.Format, cp.Data); err != nil {
			return err
		}
	}
	if l.Ref.Scenario != "" {
		return nil
	}
	_, err := tx.exec(ctx, "UPDATE plan SET title = ?, used = ? WHERE id = ?", title, millis(r.At), l.PlanID)
	return err
}

// The SQLite implementation is a Store, its transactions Txs.
var (
	_ Store = (*SQLite)(nil)
	_ Tx    = (*txn)(nil)
)
