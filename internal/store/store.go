package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Store is where saved plans are kept: SQL only, no rules. Package backend
// makes every decision (what a change does, the conflict rule, who may do
// what) and reaches the rows through a Tx. SQLite is today's; another
// database could sit behind the same interface.
type Store interface {
	// Read runs fn in one consistent read transaction.
	Read(ctx context.Context, fn func(Tx) error) error
	// Write runs fn in a transaction that holds the write lock from its
	// first read, so that what fn reads (say, the latest version) cannot
	// change before it writes. An error from fn rolls everything back.
	Write(ctx context.Context, fn func(Tx) error) error
	// TryWrite is Write when the write lock is free at once and the
	// database can be written; otherwise it does nothing and returns
	// ErrBusy (or a *ReadOnlyError). For what may be skipped, such as
	// recording that a plan was looked at: a read never waits on a writer.
	TryWrite(ctx context.Context, fn func(Tx) error) error
	// Path names the database, for messages.
	Path() string
	// Backup writes a consistent copy of the whole database to path, a
	// file that must not exist, while others go on reading and writing.
	Backup(ctx context.Context, path string) error
	Close() error
}

// Tx is one transaction's view of the rows. Every method takes the
// caller's context; names that do not exist are *NotFoundError, names taken
// *ExistsError.
type Tx interface {
	// Plans lists the saved plans by name, each with its latest version.
	Plans(ctx context.Context) ([]PlanInfo, error)
	// LastUsed returns the plan opened or changed most recently, "" for none.
	LastUsed(ctx context.Context) (string, error)
	// Touch records that a plan was opened at at.
	Touch(ctx context.Context, plan string, at time.Time) error
	// CreatePlan adds a plan and its own line (no versions yet).
	CreatePlan(ctx context.Context, name, title, identity, author string, at time.Time) (Line, error)
	// Line finds the line ref names.
	Line(ctx context.Context, ref Ref) (Line, error)
	// Head returns the line's latest version: a scenario without changes
	// is at its base.
	Head(ctx context.Context, l Line) (int, error)
	// Identity returns the plan's identity (see the plan table's uid).
	Identity(ctx context.Context, l Line) (string, error)

	// Version returns version n of the line, read from the plan's own line
	// when n is a scenario's base or before.
	Version(ctx context.Context, l Line, n int) (Record, error)
	// Versions returns the line's versions after from up to to, oldest
	// first (from the plan's own line when to is at or before a scenario's
	// base).
	Versions(ctx context.Context, l Line, from, to int) ([]Record, error)
	// Effects is Versions with only each record's Number and Effect: what
	// replaying history needs.
	Effects(ctx context.Context, l Line, from, to int) ([]Record, error)
	// Checkpoint returns the latest checkpoint at or before version n of
	// the line that holds n; ok is false when there is none.
	Checkpoint(ctx context.Context, l Line, n int) (cp Checkpoint, ok bool, err error)
	// Insert writes a version, with a checkpoint when cp is not nil. On a
	// plan's own line, title becomes the plan's title and at its last use.
	Insert(ctx context.Context, l Line, r Record, cp *Checkpoint, title string) error

	// Scenarios lists a plan's scenarios by name.
	Scenarios(ctx context.Context, plan string) ([]ScenarioInfo, error)
	// CreateScenario starts a scenario line of a plan on version base.
	CreateScenario(ctx context.Context, plan Line, name string, base int, author string, at time.Time) (Line, error)
	// RenameScenario renames a scenario's line.
	RenameScenario(ctx context.Context, l Line, to string) error
	// DropScenario deletes a scenario's line with its versions.
	DropScenario(ctx context.Context, l Line) error
	// RestartScenario replaces a scenario's line by an empty one on base,
	// with the same name, author and creation time.
	RestartScenario(ctx context.Context, l Line, base int) (Line, error)
	// AdoptScenario moves a scenario's versions and checkpoints onto its
	// plan's line, each note saying which scenario it came from, sets the
	// plan's title and last use, and deletes the scenario's line.
	AdoptScenario(ctx context.Context, l Line, title string, at time.Time) error

	// Users returns the users of rota serve named name, or all for "";
	// *NotFoundError for a name nobody has.
	Users(ctx context.Context, name string) ([]User, error)
	// UserByKey names the user an SSH key fingerprint belongs to.
	UserByKey(ctx context.Context, fingerprint string) (name string, ok bool, err error)
	// AddUser adds a user, or keys to one (see SQLite's).
	AddUser(ctx context.Context, u User, at time.Time) error
	// RemoveUser deletes a user with their keys.
	RemoveUser(ctx context.Context, name string) error

	// Enqueue records a message due unless its key is recorded (outbox.go).
	Enqueue(ctx context.Context, m Outgoing, at time.Time) (bool, error)
	// ClaimNext marks one message of plan as being sent and returns it.
	ClaimNext(ctx context.Context, plan string, now, since, stale time.Time) (Outgoing, bool, error)
	// Settle records a send as done (why "") or failed.
	Settle(ctx context.Context, key string, at time.Time, why string) error
	// Outbox lists plan's messages.
	Outbox(ctx context.Context, plan string) ([]Outgoing, error)

	// CreateFeed adds a calendar feed of plan (person "" for the team's)
	// showing the months of w, keeping only the hash of its token.
	CreateFeed(ctx context.Context, plan, person string, w Window, hash []byte, by string, at time.Time) (int64, error)
	// Feeds lists every feed.
	Feeds(ctx context.Context) ([]Feed, error)
	// FeedByHash finds the feed whose token hashes to hash.
	FeedByHash(ctx context.Context, hash []byte) (Feed, bool, error)
	// RevokeFeed stops a feed from working.
	RevokeFeed(ctx context.Context, id int64, at time.Time) error
	// UseFeed records that a feed was answered n more times, last at at.
	UseFeed(ctx context.Context, id int64, n int, at time.Time) error
	// Settings returns the settings named with prefix (settings.go).
	Settings(ctx context.Context, prefix string) (map[string]string, error)
	// SetSetting sets a setting; "" removes it.
	SetSetting(ctx context.Context, name, value string) error
}

// Ref names a line of history: a plan's own (Scenario "") or one of its
// what-if scenarios.
type Ref struct {
	Plan     string
	Scenario string
}

// String names the line as the command line does: "cccs" or "cccs/paul-sick".
func (r Ref) String() string {
	if r.Scenario == "" {
		return r.Plan
	}
	return r.Plan + "/" + r.Scenario
}

// Line is one history: a plan's own or a scenario's.
type Line struct {
	ID, PlanID int64
	Main       int64 // the plan's own line
	Ref        Ref
	Base       int // scenarios: the plan version they start from
}

// Own returns the plan's own line of l (l itself for a plan).
func (l Line) Own() Line {
	return Line{ID: l.Main, PlanID: l.PlanID, Main: l.Main, Ref: Ref{Plan: l.Ref.Plan}}
}

// holder returns the line whose rows hold version n: a scenario's versions
// up to its base are its plan's.
func (l Line) holder(n int) int64 {
	if l.Ref.Scenario != "" && n <= l.Base {
		return l.Main
	}
	return l.ID
}

// Record is one stored version: the change as asked and its effect, both
// JSON as package change writes them.
type Record struct {
	Number int
	Author string
	At     time.Time
	Note   string
	Change []byte
	Effect []byte
}

// Checkpoint is a line's state at a version, in a format the backend
// names; a cache of replayed history.
type Checkpoint struct {
	Number int
	Format int
	Data   []byte
}

// checkpointEvery is how many versions apart checkpoints are written (and
// one at version 1), so that loading any version replays fewer changes
// than this.
const checkpointEvery = 50

// CheckpointDue reports whether version n gets a checkpoint.
func CheckpointDue(n int) bool { return n == 1 || n%checkpointEvery == 0 }

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

func (tx *txn) names(ctx context.Context, q string, args ...any) (string, error) {
	rows, err := tx.query(ctx, q, args...)
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

func (tx *txn) planID(ctx context.Context, name string) (int64, error) {
	var id int64
	err := tx.row(ctx, "SELECT id FROM plan WHERE name = ?", name).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		known, _ := tx.names(ctx, "SELECT name FROM plan ORDER BY name")
		if known == "" {
			return 0, &NotFoundError{What: "plan", Name: fmt.Sprintf("%q", name), Known: "no plans are saved yet", None: true}
		}
		return 0, &NotFoundError{What: "plan", Name: fmt.Sprintf("%q", name), Known: "plans: " + known}
	}
	return id, err
}

// Committer is a Store that can say cheaply whether anything was committed
// since it last asked (see SQLite.Commits); the backend's Watch polls it
// instead of reading every watched plan's head.
type Committer interface {
	Commits(ctx context.Context) (poll func(context.Context) (int64, error), stop func() error, err error)
}
