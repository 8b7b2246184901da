package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Feed is a calendar feed: a secret URL showing a plan's latest version.
type Feed struct {
	ID        int64     `json:"id"`
	Plan      string    `json:"plan"`
	Person    string    `json:"person,omitempty"` // "" for the team's calendar
	Hash      []byte    `json:"-"`                // SHA-256 of the token
	Created   time.Time `json:"created"`
	CreatedBy string    `json:"created_by"`
	Revoked   time.Time `json:"revoked,omitzero"`
	Used      time.Time `json:"used,omitzero"`
	Uses      int       `json:"uses"`
	Window    Window    `json:"window"`
}

// Window is which months a feed shows: Past months before the current
// month and Ahead months after it, or with Whole its plan's whole span
// (where such a window sits in a plan: backend.FeedMonths). A feed made
// before schema 7 is Whole.
type Window struct {
	Whole bool `json:"whole"`
	Past  int  `json:"past"`  // months, 0 with Whole
	Ahead int  `json:"ahead"` // months, 0 with Whole
}

// nullable is how the window is kept: NULL in both columns for the whole
// plan.
func (w Window) nullable() (past, ahead any) {
	if w.Whole {
		return nil, nil
	}
	return w.Past, w.Ahead
}

// CreateFeed adds a feed of plan showing the months of w and returns its
// id.
func (t *txn) CreateFeed(ctx context.Context, plan, person string, w Window, hash []byte, by string, at time.Time) (int64, error) {
	past, ahead := w.nullable()
	res, err := t.exec(ctx, `INSERT INTO feed (plan_id, person, token_hash, created, created_by, past, ahead)
		SELECT id, ?, ?, ?, ?, ?, ? FROM plan WHERE name = ?`, person, hash, millis(at), by, past, ahead, plan)
	if err != nil {
		return 0, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return 0, &NotFoundError{What: "plan", Name: plan}
	}
	return res.LastInsertId()
}

const feedColumns = `f.id, p.name, f.person, f.token_hash, f.created, f.created_by, coalesce(f.revoked, 0), coalesce(f.used, 0), f.uses, f.past, f.ahead
	FROM feed f JOIN plan p ON p.id = f.plan_id`

func scanFeed(sc interface{ Scan(...any) error }) (Feed, error) {
	var f Feed
	var created, revoked, used int64
	var past, ahead sql.NullInt64
	err := sc.Scan(&f.ID, &f.Plan, &f.Person, &f.Hash, &created, &f.CreatedBy, &revoked, &used, &f.Uses, &past, &ahead)
	f.Window = Window{Whole: !past.Valid || !ahead.Valid, Past: int(past.Int64), Ahead: int(ahead.Int64)}
	if f.Window.Whole {
		f.Window.Past, f.Window.Ahead = 0, 0
	}
	f.Created = fromMillis(created)
	if revoked != 0 {
		f.Revoked = fromMillis(revoked)
	}
	if used != 0 {
		f.Used = fromMillis(used)
	}
	return f, err
}

// Feeds lists every feed, oldest first.
func (t *txn) Feeds(ctx context.Context) ([]Feed, error) {
	rows, err := t.query(ctx, "SELECT "+feedColumns+" ORDER BY f.id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// FeedByHash finds the feed whose token hashes to hash, revoked or not.
func (t *txn) FeedByHash(ctx context.Context, hash []byte) (Feed, bool, error) {
	f, err := scanFeed(t.row(ctx, "SELECT "+feedColumns+" WHERE f.token_hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return Feed{}, false, nil
	}
	return f, err == nil, err
}

// RevokeFeed stops a feed from working; revoking it again changes nothing.
func (t *txn) RevokeFeed(ctx context.Context, id int64, at time.Time) error {
	res, err := t.exec(ctx, "UPDATE feed SET revoked = coalesce(revoked, ?) WHERE id = ?", millis(at), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &NotFoundError{What: "feed", Name: fmt.Sprint(id), Known: "rota feed list shows them"}
	}
	return nil
}

// UseFeed records that a feed was answered n more times, last at at.
func (t *txn) UseFeed(ctx context.Context, id int64, n int, at time.Time) error {
	_, err := t.exec(ctx, "UPDATE feed SET used = ?, uses = uses + ? WHERE id = ?", millis(at), n, id)
	return err
}
