package store

import (
	"fmt"
)

// NotFoundError names a plan, scenario or version that does not exist, with
// what does, so that a typo is easy to fix.
type NotFoundError struct {
	What  string // "plan", "scenario", "version"
	Name  string
	Known string // what exists, for the message
	// None says that nothing of the kind exists yet (no plan is saved), so
	// a front end can say how to make one.
	None bool
}

func (e *NotFoundError) Error() string {
	s := fmt.Sprintf("no %s %s", e.What, e.Name)
	if e.Known != "" {
		s += " (" + e.Known + ")"
	}
	return s
}

// ExistsError refuses to create a plan or scenario under a name in use.
type ExistsError struct {
	What, Name string
}

func (e *ExistsError) Error() string { return fmt.Sprintf("%s %q already exists", e.What, e.Name) }

// NotRotaError is a file that is not a rota database: another program's
// SQLite database, or not SQLite at all. It is never modified.
type NotRotaError struct {
	Path   string
	Reason string
}

func (e *NotRotaError) Error() string {
	return fmt.Sprintf("%s is not a rota database (%s)", e.Path, e.Reason)
}

// NewerError is a database written by a newer rota, whose schema this rota
// does not know. It is never modified.
type NewerError struct {
	Path           string
	Schema, Latest int
}

func (e *NewerError) Error() string {
	return fmt.Sprintf("%s was written by a newer rota (database schema %d; this rota knows up to %d): upgrade rota to use it; the file was not changed", e.Path, e.Schema, e.Latest)
}

// DamagedError is a database that SQLite reports as corrupt.
type DamagedError struct {
	Path string
	Err  error
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("%s is damaged (%v): restore it from a backup, or check it with: sqlite3 %s 'PRAGMA integrity_check'", e.Path, e.Err, e.Path)
}

func (e *DamagedError) Unwrap() error { return e.Err }
