package export

import (
	"io"
	"path/filepath"
	"strings"

	"rota/internal/coverage"
	"rota/internal/outfile"
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
// The files are written whole or not at all, by internal/outfile's rule for
// every file rota writes: a failure leaves any earlier export where it was;
// a link is followed; a device, FIFO or folder is refused (*outfile.NotFileError).
// A new export is readable by all (0644): it is for sharing.
func WriteFiles(path string, format Format, r *coverage.Result, opt Options) ([]string, error) {
	if err := opt.Check(r); err != nil {
		return nil, err
	}
	file := func(path string, opt Options) outfile.File {
		return outfile.File{Path: path, Perm: 0o644, Fill: func(w io.Writer) error { return Write(w, format, r, opt) }}
	}
	files := []outfile.File{file(path, opt)}
	if format == CSV && opt.Table == "" {
		duties := opt
		duties.Table = DutiesTable
		files = append(files, file(DutiesPath(path), duties))
	}
	return outfile.WriteAll(files...)
}

// FolderError is an output path whose folder does not exist.
type FolderError = outfile.FolderError
