package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Outgoing is one message in rota notify's outbox.
type Outgoing struct {
	Key      string // unique: the message's identity, which its Message-ID is made of
	Plan     string
	Person   string
	To       string
	Subject  string
	Body     string
	ICS      []byte // the .ics attachment; empty for a message without one
	State    string // OutboxDue, OutboxSending or OutboxSent
	Attempts int
	Error    string
}

// The states of an outbox row.
const (
	OutboxDue     = "due"
	OutboxSending = "sending"
	OutboxSent    = "sent"
)

// Enqueue records m as due unless a message with its key is recorded
// already (whatever its state): a message is recorded once, however often
// it is found due. It reports whether m was new.
func (t *txn) Enqueue(ctx context.Context, m Outgoing, at time.Time) (bool, error) {
	ics := m.ICS
	if ics == nil {
		// A message without a calendar (the digest of an empty week) is
		// kept as an empty blob: the column is NOT NULL (schema 4), and
		// the mailer attaches nothing for an empty one.
		ics = []byte{}
	}
	r, err := t.exec(ctx, `INSERT INTO outbox (key, plan, person, rcpt, subject, body, ics, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO NOTHING`,
		m.Key, m.Plan, m.Person, m.To, m.Subject, m.Body, ics, millis(at))
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// ClaimNext marks one of plan's messages as being sent, and returns it: a
// due one not tried since since (so a run tries each message once), or one
// whose claim is older than stale (its run died before marking it). ok is
// false when none is left. The claim commits with the transaction, before
// anything is sent.
func (t *txn) ClaimNext(ctx context.Context, plan string, now, since, stale time.Time) (m Outgoing, ok bool, err error) {
	err = t.row(ctx, `SELECT key, plan, person, rcpt, subject, body, ics, state, attempts, error FROM outbox
		WHERE plan = ? AND ((state = 'due' AND claimed < ?) OR (state = 'sending' AND claimed < ?))
		ORDER BY created, key LIMIT 1`, plan, millis(since), millis(stale)).
		Scan(&m.Key, &m.Plan, &m.Person, &m.To, &m.Subject, &m.Body, &m.ICS, &m.State, &m.Attempts, &m.Error)
	if errors.Is(err, sql.ErrNoRows) {
		return Outgoing{}, false, nil
	}
	if err != nil {
		return Outgoing{}, false, err
	}
	if _, err := t.exec(ctx, `UPDATE outbox SET state = 'sending', claimed = ?, attempts = attempts + 1 WHERE key = ?`, millis(now), m.Key); err != nil {
		return Outgoing{}, false, err
	}
	m.Attempts++
	return m, true, nil
}

// Settle records how sending key ended: sent, or failed with why, which
// makes it due again for the next run.
func (t *txn) Settle(ctx context.Context, key string, at time.Time, why string) error {
	if why == "" {
		_, err := t.exec(ctx, `UPDATE outbox SET state = 'sent', sent = ?, error = '' WHERE key = ?`, millis(at), key)
		return err
	}
	_, err := t.exec(ctx, `UPDATE outbox SET state = 'due', error = ? WHERE key = ?`, why, key)
	return err
}

// Outbox returns plan's messages in the order they were recorded.
func (t *txn) Outbox(ctx context.Context, plan string) ([]Outgoing, error) {
	rows, err := t.query(ctx, `SELECT key, plan, person, rcpt, subject, state, attempts, error FROM outbox WHERE plan = ? ORDER BY created, key`, plan)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Outgoing
	for rows.Next() {
		var m Outgoing
		if err := rows.Scan(&m.Key, &m.Plan, &m.Person, &m.To, &m.Subject, &m.State, &m.Attempts, &m.Error); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
