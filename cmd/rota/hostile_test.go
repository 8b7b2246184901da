package main

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"rota/internal/termtext"
)

// maxStderr bounds what one refused input may print: a message quotes what
// it must, shortened, whatever the size of the input.
const maxStderr = 16 << 10

// hostileFiles returns the corpus of bad plan files: those of
// testdata/hostile, and the ones that cannot be kept in a repository (a
// FIFO, a link to a device, a folder, a file over the size limit).
func hostileFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/hostile/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	dir := t.TempDir()
	folder := filepath.Join(dir, "folder.toml")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "huge.toml")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil { // sparse
		t.Fatal(err)
	}
	f.Close()
	files = append(files, folder, huge)
	if runtime.GOOS != "windows" {
		fifo := filepath.Join(dir, "fifo.toml")
		if err := mkfifo(fifo); err != nil {
			t.Fatal(err)
		}
		zero := filepath.Join(dir, "zero.toml")
		if err := os.Symlink("/dev/zero", zero); err != nil {
			t.Fatal(err)
		}
		files = append(files, fifo, zero, "/dev/zero")
	}
	sort.Strings(files)
	return files
}

// TestHostileCorpus runs every bad plan file through plan, check, save and
// export: each is refused with exit 2 and a bounded message naming the file,
// prints nothing on stdout, and changes nothing (no plan saved, no export
// written).
func TestHostileCorpus(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rota.db")
	out := filepath.Join(dir, "out.csv")
	tried, held := 0, 0
	for _, file := range hostileFiles(t) {
		for _, args := range [][]string{
			{"plan", file},
			{"check", file},
			{"save", file, "--name", "hostile", "--db", db},
			{"export", file, "--format", "csv", "-o", out},
		} {
			tried++
			stdout, stderr, code := rota(t, args...)
			ok := code == exitBadInput && stdout == "" && len(stderr) <= maxStderr &&
				strings.HasPrefix(stderr, file+":") && !strings.Contains(stderr, "goroutine") && !raw(stderr)
			if !ok {
				t.Errorf("rota %s: exit %d, stdout %d bytes, stderr %d bytes: %.300s", strings.Join(args, " "), code, len(stdout), len(stderr), stderr)
			}
			if _, err := os.Stat(out); err == nil {
				ok = false
				t.Errorf("rota %s wrote %s", strings.Join(args, " "), out)
				os.Remove(out)
			}
			if ok {
				held++
			}
		}
	}
	if stdout, _, _ := rota(t, "plans", "--db", db); strings.Contains(stdout, "hostile") {
		t.Errorf("a hostile file was saved:\n%s", stdout)
	}
	t.Logf("hostile plan files: %d inputs tried, %d held", tried, held)
}

// raw reports whether s holds a character that a terminal would obey
// rather than show (termtext.Bad), other than line breaks.
func raw(s string) bool {
	return strings.ContainsFunc(strings.ReplaceAll(s, "\r\n", "\n"), func(r rune) bool { return r != '\n' && termtext.Bad(r) })
}

// TestHostileCommandLines: bad text on the command line is refused with exit
// 2 and a short message that quotes it escaped; nothing is written.
func TestHostileCommandLines(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	huge := strings.Repeat("x", 10<<20)
	tried, held := 0, 0
	for _, args := range [][]string{
		{"edit", "cccs@1", "absent", "jo", "2022-10-03", "2022-10-04", "--reason", "\x1b]0;pwned\x07", "--db", db},
		{"edit", "cccs@1", "absent", "jo", "2022-10-03", "--reason", "sick\rFAKE LINE", "--db", db},
		{"edit", "cccs@1", "spoc", "2022-10", "jo", "--note", "\x1b[2J\x1b[H", "--db", db},
		{"edit", "cccs@1", "spoc", "2022-10", "jo", "--note", "\u202eesrever", "--db", db},
		{"edit", "cccs@1", "spoc", "2022-10", "jo", "--author", "ann\x9b2J", "--db", db},
		{"undo", "cccs@1", "--note", "\x1b[2J", "--db", db},
		{"edit", "cccs@1", "spoc", "2022-10", huge, "--db", db},
		{"edit", "cccs@1", "spoc", "2022-10", "\x1b[2J", "--db", db},
		{"show", "\x1b]0;pwned\x07", "--db", db},
		{"show", huge, "--db", db},
		{"plan", cumbriaFile, "--person", huge},
		{"plan", cumbriaFile, "--person", "\x1b[2J"},
		{"plan", cumbriaFile, "--absent", huge + ":2022-10-03:2022-10-04"},
		{"check", cumbriaFile, "--absent", "paul:2022-10-03:\x1b[2J"},
		{"check", cumbriaFile, "--absent", "paul:2023-02-29:2023-03-01"},
		{"export", cumbriaFile, "--person", "\x1b[2J", "--format", "csv"},
		{"export", cumbriaFile, "--format", huge},
	} {
		tried++
		stdout, stderr, code := rota(t, args...)
		if code != exitBadInput || stdout != "" || len(stderr) > maxStderr || raw(stderr) || strings.Contains(stderr, "goroutine") {
			t.Errorf("rota %.200q: exit %d, stdout %d bytes, stderr %d bytes: %.300q", args, code, len(stdout), len(stderr), stderr)
			continue
		}
		held++
	}
	if stdout, _, _ := rota(t, "log", "cccs", "--db", db); strings.Count(stdout, "\n") != 1 {
		t.Errorf("a hostile command line was written:\n%s", stdout)
	}
	t.Logf("hostile command lines: %d inputs tried, %d held", tried, held)
}

// TestOldDatabaseTextIsShownEscaped: a note, an author or a reason written
// by a rota that did not refuse control characters is shown escaped by
// rota log, never obeyed; a line break in a note does not fake a version.
func TestOldDatabaseTextIsShownEscaped(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := rota(t, "edit", "cccs@1", "spoc", "2022-10", "jo", "--note", "fine", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec("UPDATE version SET note = ?, author = ?", "\x1b[2J\x1b]0;pwned\x07\n   9  2099-01-01 00:00  mallory  forged", "ann\r\u202ebob"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	stdout, stderr, code := rota(t, "log", "cccs", "--db", db)
	if code != 0 || raw(stdout) || !strings.Contains(stdout, `\u001b[2J\u001b]0;pwned\u0007`) || !strings.Contains(stdout, `ann\u000d\u202ebob`) ||
		strings.Count(stdout, "\n") != 2 || !strings.Contains(stdout, `\u000a   9  2099`) {
		t.Errorf("exit %d %s\n%q", code, stderr, stdout)
	}
	stdout, _, _ = rota(t, "log", "cccs", "--json", "--db", db)
	var entries any
	if err := json.Unmarshal([]byte(stdout), &entries); err != nil || raw(stdout) {
		t.Errorf("JSON log not valid or raw: %v\n%q", err, stdout)
	}
}

// TestOddOutputTargets: export, export-toml and the decision register
// refuse, alike, a target
// that is not a file, leaving it as it was, and follow links alike.
func TestOddOutputTargets(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no devices or FIFOs in the file system")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "rota.db")
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	fifo := filepath.Join(dir, "fifo.csv")
	mkfifo(fifo)
	devLink := filepath.Join(dir, "null.ics")
	os.Symlink("/dev/null", devLink)
	dangling := filepath.Join(dir, "dangling.md")
	os.Symlink("nowhere/x.md", dangling)
	tried, held := 0, 0
	for _, target := range []string{"/dev/null", fifo, devLink, dangling, dir, filepath.Join(dir, "no", "x.csv")} {
		for _, args := range [][]string{
			{"export", cumbriaFile, "--format", "csv", "-o", target},
			{"export", "cccs", "--format", "ics", "-o", target, "--db", db},
			{"export-toml", "cccs", "-o", target, "--db", db},
			{"decision", "register", "cccs", "--format", "md", "-o", target, "--db", db},
		} {
			tried++
			stdout, stderr, code := rota(t, args...)
			if code != exitBadInput || stdout != "" || !strings.Contains(stderr, "-o "+target) {
				t.Errorf("rota %q: exit %d: %s", args, code, stderr)
				continue
			}
			held++
		}
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v", st.Mode())
	}
	if names, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(names) > 0 {
		t.Errorf("temporary files left: %v", names)
	}
	// One rule for links: both commands replace the file a link leads to.
	for _, args := range [][]string{{"export", "cccs", "--format", "md"}, {"export-toml", "cccs"}} {
		real := filepath.Join(dir, "real-"+args[0])
		link := real + ".link"
		os.WriteFile(real, []byte("old"), 0o600)
		os.Symlink(real, link)
		if _, stderr, code := rota(t, append(args, "-o", link, "--db", db)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
		st, _ := os.Lstat(link)
		if b, _ := os.ReadFile(real); string(b) == "old" || st.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%v: link %v, file %.20q", args, st.Mode(), b)
		}
	}
	t.Logf("odd output targets: %d inputs tried, %d held", tried, held)
}
