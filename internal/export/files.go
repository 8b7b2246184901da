package export

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"rota/internal/coverage"
)

// DutiesPath names the duties table that goes beside a CSV export:
// "rota.csv" gives "rota-duties.csv".
func DutiesPath(path string) string {
	ext := filepath.Ext(path)
	return strings.TrimSuffix(path, ext) + "-duties" + ext
}

// WriteFiles writes r in format to path and returns the paths written. A CSV
// export with no Options.Table writes both tables: the days to path and the
// duties to DutiesPath(path); with a Table it writes that one to path.
//
// Each file is written to a temporary file beside it and renamed into place
// only when every file is complete, so a failure leaves no half-written file
// and any earlier export where it was.
func WriteFiles(path string, format Format, r *coverage.Result, opt Options) ([]string, error) {
	if err := opt.Check(r); err != nil {
		return nil, err
	}
	type job struct {
		path string
		opt  Options
	}
	jobs := []job{{path, opt}}
	if format == CSV && opt.Table == "" {
		duties := opt
		duties.Table = DutiesTable
		jobs = []job{{path, opt}, {DutiesPath(path), duties}}
	}
	for _, j := range jobs {
		if st, err := os.Stat(j.path); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s is a folder, not a file", j.path)
		}
	}
	var temps []string
	defer func() {
		for _, t := range temps {
			os.Remove(t) // gone already after a rename
		}
	}()
	for _, j := range jobs {
		t, err := writeTemp(j.path, format, r, j.opt)
		if t != "" {
			temps = append(temps, t)
		}
		if err != nil {
			return nil, err
		}
	}
	var done []string
	for i, j := range jobs {
		if err := os.Rename(temps[i], j.path); err != nil {
			return done, err
		}
		done = append(done, j.path)
	}
	return done, nil
}

// FolderError is an output path whose folder does not exist.
type FolderError struct{ Path, Dir string }

func (e *FolderError) Error() string {
	return fmt.Sprintf("%s: the folder %s does not exist; create it or write the export elsewhere", e.Path, e.Dir)
}

// writeTemp writes one export to a new temporary file in path's directory,
// so the rename that follows stays on one file system.
func writeTemp(path string, format Format, r *coverage.Result, opt Options) (string, error) {
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		// Said of the folder the PA named, not of the temporary file.
		return "", &FolderError{Path: path, Dir: dir}
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("%s: cannot write in %s: %v", path, dir, errors.Unwrap(err))
	}
	bw := bufio.NewWriter(f)
	err = Write(bw, format, r, opt)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if err == nil {
		// CreateTemp makes 0600; an export is for sharing, and one that
		// replaces a file keeps that file's mode.
		mode := os.FileMode(0o644)
		if st, serr := os.Stat(path); serr == nil {
			mode = st.Mode().Perm()
		}
		err = f.Chmod(mode)
	}
	err = errors.Join(err, f.Close())
	return f.Name(), err
}
