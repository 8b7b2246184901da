package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Backup writes a consistent copy of the database to path with SQLite's
// VACUUM INTO (https://sqlite.org/lang_vacuum.html#vacuuminto): one read
// transaction, so writers in this and other processes carry on, and the
// copy is the database as of one moment. The copy is written beside path
// and renamed into place, so path is either the whole copy or absent; an
// existing path is refused and left as it is.
func (s *SQLite) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return &ExistsError{What: "file", Name: path}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup %s: %v", path, err)
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".partial")
	_ = os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup %s: %v", path, s.fail(err))
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
