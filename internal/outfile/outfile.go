// Package outfile writes the files rota makes (exports, plan files) whole or
// not at all, by one rule for every target:
//
//   - each file is written to a temporary file beside it, flushed to disk,
//     and renamed over the target only when every file of the set is
//     complete: a full disk or a failure leaves the old files as they were;
//   - a link is followed: the file it points to is replaced, the link kept;
//   - a target that exists and is not a regular file (a device such as
//     /dev/null, a FIFO, a socket, a folder) is refused: nothing is renamed
//     over it;
//   - temporary files are removed when rota is interrupted (SIGINT, SIGTERM).
package outfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"rota/internal/platform"
)

// File is one file to write: its path, its mode when it is new (a file
// replaced keeps its own), and what to write in it.
type File struct {
	Path string
	Perm fs.FileMode
	Fill func(io.Writer) error
}

// FolderError is a target whose folder does not exist.
type FolderError struct{ Path, Dir string }

func (e *FolderError) Error() string {
	return fmt.Sprintf("%s: the folder %s does not exist; create it or write the file elsewhere", e.Path, e.Dir)
}

// NotFileError is a target that exists and is not a regular file.
type NotFileError struct{ Path, Kind string }

func (e *NotFileError) Error() string {
	return fmt.Sprintf("%s is %s, not a file: give the path of a file, or leave out -o to write to the screen or a pipe", e.Path, e.Kind)
}

// WriteError is a write that failed; the file named was left as it was.
type WriteError struct {
	Path string
	Err  error
}

func (e *WriteError) Error() string {
	why := e.Err.Error()
	if errors.Is(e.Err, syscall.ENOSPC) {
		why = "the disk is full"
	}
	return fmt.Sprintf("%s: cannot write: %s; nothing was changed", e.Path, why)
}

func (e *WriteError) Unwrap() error { return e.Err }

// Write writes one file (see WriteAll).
func Write(path string, perm fs.FileMode, fill func(io.Writer) error) error {
	_, err := WriteAll(File{path, perm, fill})
	return err
}

// WriteAll writes files whole or not at all and returns the paths written,
// as given. Its errors are *FolderError, *NotFileError or *WriteError; a
// rename that fails after others succeeded returns those written.
func WriteAll(files ...File) ([]string, error) {
	targets := make([]string, len(files))
	for i, f := range files {
		t, err := target(f.Path)
		if err != nil {
			return nil, err
		}
		targets[i] = t
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // gone already after a rename
			forget(t)
		}
	}()
	for i, f := range files {
		t, err := writeTemp(f, targets[i])
		if t != "" {
			temps = append(temps, t)
		}
		if err != nil {
			return nil, err
		}
	}
	var done []string
	for i, f := range files {
		// The target may have become something else while writing.
		if _, err := target(f.Path); err != nil {
			return done, err
		}
		if err := os.Rename(temps[i], targets[i]); err != nil {
			return done, &WriteError{Path: f.Path, Err: cause(err)}
		}
		done = append(done, f.Path)
	}
	return done, nil
}

// target returns the file path will replace: path, or the file a link at
// path leads to; refused when that exists and is not a regular file, or
// its folder does not exist.
func target(path string) (string, error) {
	real := path
	if st, err := os.Lstat(path); err == nil && st.Mode()&fs.ModeSymlink != 0 {
		r, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", &NotFileError{Path: path, Kind: "a link to nothing that can be written"}
		}
		real = r
	}
	st, err := os.Stat(real)
	switch {
	case err == nil && !st.Mode().IsRegular():
		return "", &NotFileError{Path: path, Kind: platform.FileKind(st.Mode())}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", &WriteError{Path: path, Err: cause(err)}
	}
	dir := filepath.Dir(real)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return "", &FolderError{Path: path, Dir: filepath.Dir(path)}
	}
	return real, nil
}

// writeTemp writes f to a new temporary file in real's folder, so that the
// rename that follows stays on one file system, and returns its path.
func writeTemp(f File, real string) (string, error) {
	tmp, err := createTemp(real)
	if err != nil {
		return "", &WriteError{Path: f.Path, Err: cause(err)}
	}
	bw := bufio.NewWriter(tmp)
	err = f.Fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = tmp.Sync()
	}
	if err == nil {
		mode := f.Perm
		if st, serr := os.Stat(real); serr == nil {
			mode = st.Mode().Perm()
		}
		err = tmp.Chmod(mode)
	}
	if err = errors.Join(err, tmp.Close()); err != nil {
		var we *WriteError
		if !errors.As(err, &we) {
			err = &WriteError{Path: f.Path, Err: cause(err)}
		}
	}
	return tmp.Name(), err
}

func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
