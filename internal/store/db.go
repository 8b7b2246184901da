package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// applicationID marks a SQLite file as a rota database ("rota" in ASCII), so
// that another program's database is recognised and left alone.
const applicationID = 0x726f7461

// SQLite is a rota database in a SQLite file: the Store of today. It is
// safe for use by several goroutines, and several processes may open the
// same file: every write is one transaction that holds the database's write
// lock from its first read.
type SQLite struct {
	db       *sql.DB
	path     string
	readOnly string // why it was opened to read only; "" when it can be written
}

// Open opens the database at path, creating it (mode 0600, its folder 0700)
// when it does not exist, and brings its schema up to date. A file that is
// not a rota database, or that a newer rota wrote, is refused and left as it
// was.
func Open(path string) (*SQLite, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path %s: %v", path, err)
	}
	if err := create(abs); err != nil {
		return nil, err
	}
	// WAL is set below, once the file is known to be ours: it is a change
	// to the file. These pragmas are per connection and change nothing.
	dsn := "file:" + uriEscape(abs) + "?_pragma=busy_timeout(10000)&_pragma=foreign_keys(1)&_pragma=synchronous(FULL)"
	why := writeRefusal(abs)
	if why != "" {
		// Read only, and without locks: SQLite's WAL needs to write beside
		// the file, and locks are what cannot be trusted on a network.
		dsn = "file:" + uriEscape(abs) + "?mode=ro&immutable=1&_pragma=foreign_keys(1)"
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	s := &SQLite{db: db, path: path, readOnly: why}
	if err := s.prepare(context.Background()); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// create makes the database file and its folder when missing, private to
// the user: plans name people and their absences.
func create(abs string) error {
	dir := filepath.Dir(abs)
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("cannot create the database folder: %v", err)
		}
	}
	st, err := os.Stat(abs)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return &NotRotaError{Path: abs, Reason: "it is not a file"}
	case err == nil:
		if err := checkExisting(abs, st); err != nil {
			return err
		}
		tighten(abs)
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot use the database %s: %v", abs, err)
	}
	if why := writeRefusal(abs); why != "" {
		return &ReadOnlyError{Path: abs, Why: "cannot create it: " + why}
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil // another process created it first
	}
	if err != nil {
		return fmt.Errorf("cannot create the database: %v", err)
	}
	return f.Close()
}

// uriEscape escapes what a SQLite URI file name cannot hold as is.
func uriEscape(path string) string {
	return strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(path))
}

// Path returns the database's path as given to Open.
func (s *SQLite) Path() string { return s.path }

// Close closes the database.
func (s *SQLite) Close() error { return s.db.Close() }

// DB returns the database handle, for tests and tools that look at the file
// itself (its pragmas, its integrity); rota's own code goes through Tx.
func (s *SQLite) DB() *sql.DB { return s.db }

// migrations returns the embedded schema steps, numbered from 1.
func migrations() []string {
	names, _ := fs.Glob(migrationFiles, "migrations/*.sql")
	sort.Strings(names)
	out := make([]string, len(names))
	for i, n := range names {
		b, _ := migrationFiles.ReadFile(n)
		out[i] = string(b)
	}
	return out
}

// SchemaVersion is the schema this rota writes.
func SchemaVersion() int { return len(migrations()) }

// prepare checks that the file is a rota database this rota can use, then
// switches it to WAL and applies the missing schema steps in one
// transaction.
func (s *SQLite) prepare(ctx context.Context) error {
	var app, user, tables int
	row := s.db.QueryRowContext(ctx, "SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)")
	if err := row.Scan(&app, &user, &tables); err != nil {
		return s.fail(err)
	}
	latest := SchemaVersion()
	switch {
	case app != applicationID && (app != 0 || tables > 0 || user != 0):
		return &NotRotaError{Path: s.path, Reason: "it is a SQLite database of another program"}
	case user > latest:
		return &NewerError{Path: s.path, Schema: user, Latest: latest}
	case s.readOnly != "" && user < latest:
		return &ReadOnlyError{Path: s.path, Why: fmt.Sprintf("it was written by an older rota and must be brought up to date to be read, but %s", s.readOnly)}
	case s.readOnly != "":
		return nil
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return s.fail(err)
	}
	if user == latest {
		return nil
	}
	return s.Write(ctx, func(t Tx) error {
		tx := t.(*txn)
		// Another process may have migrated it since the check above.
		if err := tx.c.QueryRowContext(ctx, "SELECT user_version FROM pragma_user_version").Scan(&user); err != nil {
			return err
		}
		if user > latest {
			return &NewerError{Path: s.path, Schema: user, Latest: latest}
		}
		for i, m := range migrations()[user:] {
			if _, err := tx.c.ExecContext(ctx, m); err != nil {
				return fmt.Errorf("schema step %d: %v", user+i+1, err)
			}
		}
		if _, err := tx.c.ExecContext(ctx, "PRAGMA application_id = "+strconv.Itoa(applicationID)); err != nil {
			return err
		}
		_, err := tx.c.ExecContext(ctx, "PRAGMA user_version = "+strconv.Itoa(latest))
		return err
	})
}

// fail turns SQLite's errors about the file into ones a person can act on.
func (s *SQLite) fail(err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return &NotRotaError{Path: s.path, Reason: "not a SQLite database"}
		case sqlite3.SQLITE_CORRUPT:
			return &DamagedError{Path: s.path, Err: err}
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("%s: cannot write the database: %v", s.path, err)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("%s: cannot write the database: the disk is full (%v); nothing was changed", s.path, err)
		case sqlite3.SQLITE_IOERR:
			return fmt.Errorf("%s: cannot write the database: the disk failed to read or write (%v); nothing was changed", s.path, err)
		}
	}
	return err
}

// txn is one transaction on one connection: the SQLite Tx.
type txn struct {
	c *sql.Conn
}

func (t *txn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return t.c.ExecContext(ctx, q, args...)
}
func (t *txn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return t.c.QueryContext(ctx, q, args...)
}
func (t *txn) row(ctx context.Context, q string, args ...any) *sql.Row {
	return t.c.QueryRowContext(ctx, q, args...)
}

// Write runs fn in a transaction that takes the write lock at once (BEGIN
// IMMEDIATE), so that what fn reads, such as the latest version, cannot
// change before it writes: two processes can never both write version N+1.
// An error from fn rolls everything back.
func (s *SQLite) Write(ctx context.Context, fn func(Tx) error) error {
	if s.readOnly != "" {
		return &ReadOnlyError{Path: s.path, Why: s.readOnly}
	}
	return s.inTx(ctx, "BEGIN IMMEDIATE", fn)
}

// ErrBusy is TryWrite finding the write lock taken.
var ErrBusy = errors.New("the database is busy")

// TryWrite runs fn as Write does if the write lock can be had at once.
func (s *SQLite) TryWrite(ctx context.Context, fn func(Tx) error) error {
	if s.readOnly != "" {
		return &ReadOnlyError{Path: s.path, Why: s.readOnly}
	}
	c, err := s.db.Conn(ctx)
	if err != nil {
		return s.fail(err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return s.fail(err)
	}
	defer c.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = 10000")
	if _, err := c.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		var se *sqlite.Error
		if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY {
			return ErrBusy
		}
		return s.fail(err)
	}
	return s.run(ctx, c, fn)
}

// Read runs fn in a read transaction: one consistent view of the database.
func (s *SQLite) Read(ctx context.Context, fn func(Tx) error) error {
	return s.inTx(ctx, "BEGIN", fn)
}

func (s *SQLite) inTx(ctx context.Context, begin string, fn func(Tx) error) (err error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return s.fail(err)
	}
	defer c.Close()
	if _, err := c.ExecContext(ctx, begin); err != nil {
		return s.fail(err)
	}
	return s.run(ctx, c, fn)
}

// run runs fn in the transaction begun on c, and commits it.
func (s *SQLite) run(ctx context.Context, c *sql.Conn, fn func(Tx) error) error {
	done := false
	defer func() {
		if !done {
			// Also when ctx was cancelled: the connection goes back to
			// the pool and must not stay inside the transaction.
			_, _ = c.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
		}
	}()
	if err := fn(&txn{c: c}); err != nil {
		return s.fail(err)
	}
	if _, err := c.ExecContext(ctx, "COMMIT"); err != nil {
		return s.fail(err)
	}
	done = true
	return nil
}

// Commits returns poll, which reports a number that changes whenever a
// connection other than its own (in this process or another) commits to
// the database, from SQLite's PRAGMA data_version on a dedicated read
// connection; and stop, which releases that connection. poll is for one
// goroutine at a time.
func (s *SQLite) Commits(ctx context.Context) (poll func(context.Context) (int64, error), stop func() error, err error) {
	c, err := s.db.Conn(ctx)
	if err != nil {
		return nil, nil, s.fail(err)
	}
	poll = func(ctx context.Context) (int64, error) {
		var v int64
		err := c.QueryRowContext(ctx, "PRAGMA data_version").Scan(&v)
		return v, err
	}
	return poll, c.Close, nil
}
