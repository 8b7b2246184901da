package plan

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"rota/internal/platform"
)

// MaxFileSize is the largest plan file read, in bytes: 1 MiB, thirty times a
// directorate's year (150 duties, 200 absences: 32 KB) and more than a
// council's decade (3,000 duties, 5,000 absences: 0.7 MB). A larger file, or
// one that never ends, is refused before it can exhaust memory or time.
const MaxFileSize = 1 << 20

// maxKeyParts is how deep a key may be: the dotted parts of its table's
// header, of the keys of the inline tables it is in, and its own. A plan
// file needs two (see planKeyDepth); the TOML
// decoder's cost grows with the square of the depth, so a key of thousands
// of parts takes seconds and gigabytes. Counted before decoding, like
// maxNesting.
const maxKeyParts = 8

// planKeyDepth is the depth of the keys of a plan file: a table and its key
// ([duty] and id, or duty = [{id = …}]). maxDeepParts bounds, in the whole
// file, the key parts deeper than that, so that thousands of keys each
// within maxKeyParts cannot add up to the same cost.
const (
	planKeyDepth = 2
	maxDeepParts = 1000
)

// ReadFile returns the text of the plan file at path, refusing what is not
// a regular file (a device, a FIFO, a folder, or a link to one of them) and
// what is larger than MaxFileSize, without reading more than that. Its error
// is Problems, naming the file. Every reader of plan files goes through it.
func ReadFile(path string) ([]byte, error) {
	data, err := readBounded(path, MaxFileSize)
	var big *tooBigError
	switch {
	case errors.As(err, &big):
		return nil, Problems{{File: path, Msg: fmt.Sprintf("the file is larger than a plan file can be (%s at most)", size(MaxFileSize))}}
	case err != nil:
		return nil, Problems{{File: path, Msg: fmt.Sprintf("cannot read the plan file: %v", err)}}
	}
	return data, nil
}

// tooBigError is a file longer than readBounded's limit.
type tooBigError struct{ limit int64 }

func (e *tooBigError) Error() string { return fmt.Sprintf("it is more than %s", size(e.limit)) }

// readBounded reads at most limit bytes of path, refusing a longer file
// (*tooBigError) without reading it whole, and anything that is not a
// regular file, which could be endless (/dev/zero) or wait for ever (a
// FIFO). Errors say why, without the path.
func readBounded(path string, limit int64) ([]byte, error) {
	cause := func(err error) error {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err
		}
		return err
	}
	// Stat first: opening a FIFO would wait for a writer.
	st, err := os.Stat(path)
	if err != nil {
		return nil, cause(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("it is %s, not a file", platform.FileKind(st.Mode()))
	}
	if st.Size() > limit {
		return nil, &tooBigError{limit}
	}
	f, err := openNoWait(path)
	if err != nil {
		return nil, cause(err)
	}
	defer f.Close()
	// It may have been swapped for something else since the Stat.
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, errors.New("it is not a regular file")
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, cause(err)
	}
	if int64(len(data)) > limit {
		return nil, &tooBigError{limit}
	}
	return data, nil
}

// size writes a byte count for people: 8 MB, 12 KB, 300 bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.3g MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.3g KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// utf16Advice says how to save a plan file as UTF-8 where it is usually made.
const utf16Advice = "the file is saved as UTF-16 text and rota reads UTF-8: save it again as UTF-8 (in Notepad, File > Save as, Encoding: UTF-8; in PowerShell 5.1, write | Out-File -Encoding utf8 FILE instead of > FILE)"

// encodingProblem reports a file that is not UTF-8 text: UTF-16 (what
// Windows PowerShell 5.1's > writes), or binary. "" when it is text.
func encodingProblem(data []byte) string {
	if len(data) >= 2 && (data[0] == 0xFF && data[1] == 0xFE || data[0] == 0xFE && data[1] == 0xFF) {
		return utf16Advice
	}
	if !strings.ContainsRune(string(data), 0) {
		return ""
	}
	// UTF-16 without a byte-order mark: ASCII text with a zero byte
	// beside every character, at even (big-endian) or odd positions.
	if len(data) >= 4 && len(data)%2 == 0 {
		zeros := [2]int{}
		for i := 0; i < len(data) && i < 512; i++ {
			if data[i] == 0 {
				zeros[i%2]++
			}
		}
		half := min(len(data), 512) / 2
		if zeros[0] == half && zeros[1] == 0 || zeros[1] == half && zeros[0] == 0 {
			return utf16Advice
		}
	}
	return "this is not a text file; a plan file is TOML text"
}

// keyParts counts the dotted parts of a header's name, leaving out dots
// inside quotes.
func keyParts(s string) int {
	parts := 1
	var quote rune
	for _, r := range s {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == '.':
			parts++
		}
	}
	return parts
}
