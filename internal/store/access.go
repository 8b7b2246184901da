package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// ReadOnlyError is a write to a database that rota opened to read only,
// with why it cannot write there. Nothing was changed.
type ReadOnlyError struct {
	Path string
	Why  string
}

func (e *ReadOnlyError) Error() string {
	return fmt.Sprintf("%s: cannot write the database: %s; nothing was changed", e.Path, e.Why)
}

// sqliteMagic begins every SQLite database file (sqlite.org/fileformat.html,
// section 1.3.1).
const sqliteMagic = "SQLite format 3\x00"

// checkExisting refuses an existing file that cannot be a SQLite database,
// before SQLite would take a short one for an empty database and write
// over it: only a missing or empty file is a new database.
func checkExisting(abs string, st fs.FileInfo) error {
	if st.Size() == 0 {
		return nil
	}
	f, err := os.Open(abs)
	if err != nil {
		return nil // SQLite says why it cannot read it
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, []byte(sqliteMagic)) {
		return &NotRotaError{Path: abs, Reason: "not a SQLite database"}
	}
	return nil
}

// tighten makes an existing database and its WAL files private (0600), as
// a new one is: plans name people and their absences. A file rota cannot
// change (another owner, a read-only disk) is left as it is.
func tighten(abs string) {
	for _, p := range []string{abs, abs + "-wal", abs + "-shm"} {
		if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(p, st.Mode().Perm()&0o700)
		}
	}
}

// writeRefusal says why the database at abs cannot be written, or "" when
// it can: a network drive, where SQLite's locks are unreliable and two
// users could corrupt it, or a read-only file, folder or mount. SQLite's
// WAL mode writes files beside the database, so the folder must be
// writable too.
func writeRefusal(abs string) string {
	dir := filepath.Dir(abs)
	if fs := networkFS(dir); fs != "" {
		return fmt.Sprintf("it is on a network drive (%s), where SQLite cannot lock it reliably and two people writing at once could corrupt it; keep the database on this computer's own disk (--db or $ROTA_DB) and share the plan as a file (rota export-toml) or an export", fs)
	}
	if f, err := os.OpenFile(abs, os.O_WRONLY, 0); err == nil {
		f.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Sprintf("the file is read-only (%v); reading works", cause(err))
	}
	probe, err := os.CreateTemp(dir, ".rota-write-check-*")
	if err != nil {
		return fmt.Sprintf("the folder %s is read-only (%v); reading works", dir, cause(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return ""
}

func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
