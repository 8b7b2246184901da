package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Backup writes a consistent copy of the database to path with SQLite's
// VACUUM INTO (https://sqlite.org/lang_vacuum.html#vacuuminto): one read
// transaction, so writers in this and other processes carry on, and the
// copy is the database as of one moment. The copy is written beside path
// and renamed into place, so path is either the whole copy or absent; an
// existing path is refused and left as it is.
func (s *SQLite) Backup(ctx context.Context, path string) error {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return &NotFoundError{What: "folder", Name: dir, Known: "make it first, or give a path in a folder that exists"}
	} else if err == nil && !st.IsDir() {
		return &NotFoundError{What: "folder", Name: dir, Known: "it is a file"}
	}
	if _, err := os.Stat(path); err == nil {
		return &ExistsError{What: "file", Name: path}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup %s: %v", path, err)
	}
	tmp := filepath.Join(dir, "."+filepath.Base(path)+".partial")
	_ = os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup %s: %v", path, s.failCopy(err, dir))
	}
	if err := os.Chmod(tmp, 0o600); err != nil { // plans name people and their absences
		_ = os.Remove(tmp)
		return fmt.Errorf("backup %s: %v", path, err)
	}
	if err := os.Link(tmp, path); err != nil { // unlike rename, never replaces a file made meanwhile
		_ = os.Remove(tmp)
		return fmt.Errorf("backup %s: %v", path, err)
	}
	return os.Remove(tmp)
}

// failCopy is fail for VACUUM INTO: a copy that cannot be opened or
// written is the copy's folder's fault, not the database's, and the
// message must not send the user to the live database.
func (s *SQLite) failCopy(err error, dir string) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM:
			return fmt.Errorf("cannot write the copy in %s (%v): choose a folder you may write to", dir, err)
		case sqlite3.SQLITE_FULL:
			return fmt.Errorf("cannot write the copy in %s: the disk is full (%v); the database is unchanged", dir, err)
		}
	}
	return s.fail(err)
}
