package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// savedCCCS returns a database holding the Cumbria plan as cccs, version 1.
func savedCCCS(t *testing.T, dir string) string {
	t.Helper()
	db := filepath.Join(dir, "rota.db")
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	return db
}

// TestVersionNotYetWritten: a version after the latest is bad input (exit
// 2), not a conflict a script would retry for ever.
func TestVersionNotYetWritten(t *testing.T) {
	db := savedCCCS(t, t.TempDir())
	for _, args := range [][]string{
		{"edit", "cccs@99", "spoc", "2022-10", "jo"},
		{"undo", "cccs@99"},
		{"save", cumbriaFile, "--name", "cccs@99"},
	} {
		_, stderr, code := rota(t, append(args, "--db", db)...)
		if code != exitBadInput || !strings.Contains(stderr, "no version 99 (the latest is 1)") {
			t.Errorf("rota %v: exit %d %s", args, code, stderr)
		}
	}
}

// TestChangeListsAndVersionsAreExact: a dangling + and p@+1 are refused.
func TestChangeListsAndVersionsAreExact(t *testing.T) {
	db := savedCCCS(t, t.TempDir())
	for args, want := range map[*[]string]string{
		{"edit", "cccs@1", "spoc", "2022-10", "jo", "+"}:                   "a + joins two changes",
		{"edit", "cccs@1", "+", "spoc", "2022-10", "jo"}:                   "a + joins two changes",
		{"edit", "cccs@1", "spoc", "2022-10", "jo", "+", "+", "swap", "x"}: "a + joins two changes",
		{"edit", "cccs@+1", "spoc", "2022-10", "jo"}:                       "the version after @ must be a number from 1",
		{"show", "cccs@+1"}: "the version after @ must be a number from 1",
	} {
		_, stderr, code := rota(t, append(*args, "--db", db)...)
		if code != exitBadInput || !strings.Contains(stderr, want) {
			t.Errorf("rota %v: exit %d %s", *args, code, stderr)
		}
	}
	if stdout, _, _ := rota(t, "log", "cccs", "--db", db); strings.Count(stdout, "\n") != 1 {
		t.Errorf("something was written:\n%s", stdout)
	}
}

// TestNotADatabaseIsLeftAlone: only a missing or empty file is a new
// database; a 1-byte file, or any other, is refused and not changed.
func TestNotADatabaseIsLeftAlone(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{"one-byte.db": "x", "notes.txt": "meeting notes\n", "short-sqlite.db": "SQLite format"} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(content), 0o600)
		_, stderr, code := rota(t, "plans", "--db", path)
		if code != exitBadInput || !strings.Contains(stderr, "is not a rota database (not a SQLite database)") {
			t.Errorf("%s: exit %d %s", name, code, stderr)
		}
		if b, _ := os.ReadFile(path); string(b) != content {
			t.Errorf("%s changed to %q", name, b)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", empty); code != 0 {
		t.Errorf("an empty file is a new database: %s", stderr)
	}
}

// TestDatabaseMadePrivate: an existing database readable by others (0644)
// is made private (0600) when opened, as the README promises.
func TestDatabaseMadePrivate(t *testing.T) {
	db := savedCCCS(t, t.TempDir())
	os.Chmod(db, 0o644)
	if _, stderr, code := rota(t, "plans", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	if st, _ := os.Stat(db); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", st.Mode())
	}
}

// readOnly makes dir read-only: a read-only remount of a tmpfs as root
// (root writes through permissions), else the folder's permissions.
func readOnly(t *testing.T, dir string) {
	t.Helper()
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return
	}
	if runtime.GOOS != "linux" {
		t.Skip("root, and no mount: cannot make a folder read-only")
	}
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
}

// TestReadOnlyDatabase: in a read-only folder or mount, reads work and a
// write says why it cannot.
func TestReadOnlyDatabase(t *testing.T) {
	dir := t.TempDir()
	if os.Geteuid() == 0 {
		if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir).CombinedOutput(); err != nil {
			t.Skipf("cannot mount a tmpfs: %v %s", err, out)
		}
		t.Cleanup(func() { exec.Command("umount", dir).Run() })
	}
	db := savedCCCS(t, dir)
	readOnly(t, dir)
	for _, args := range [][]string{{"plans"}, {"show", "cccs"}, {"log", "cccs"}, {"export-toml", "cccs"}} {
		if stdout, stderr, code := rota(t, append(args, "--db", db)...); code != 0 || stdout == "" {
			t.Errorf("rota %v: exit %d %s", args, code, stderr)
		}
	}
	_, stderr, code := rota(t, "edit", "cccs@1", "spoc", "2022-10", "jo", "--db", db)
	if code == 0 || !strings.Contains(stderr, "cannot write the database") || !strings.Contains(stderr, "read-only") {
		t.Errorf("edit: exit %d %s", code, stderr)
	}
}

// TestDiskFullNamesTheFile fills a 512 KB tmpfs (as root): the error names
// the database and the cause, and what was saved stays readable.
func TestDiskFullNamesTheFile(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	db := savedCCCS(t, dir)
	big := filepath.Join(t.TempDir(), "big.toml")
	stdout, _, _ := rota(t, "sample", "--size", "decade")
	os.WriteFile(big, []byte(stdout), 0o600)
	_, stderr, code := rota(t, "save", big, "--name", "big", "--db", db)
	if code == 0 || !strings.Contains(stderr, db+": cannot write the database: the disk is full") {
		t.Errorf("exit %d %s", code, stderr)
	}
	if stdout, stderr, code := rota(t, "plans", "--db", db); code != 0 || !strings.Contains(stdout, "cccs") || strings.Contains(stdout, "big") {
		t.Errorf("after: exit %d %s %s", code, stdout, stderr)
	}
}

// TestReadsDoNotWaitOnAWriter: while another process holds the write lock,
// show still shows (recording the plan as used is skipped, not waited for).
func TestReadsDoNotWaitOnAWriter(t *testing.T) {
	db := savedCCCS(t, t.TempDir())
	other, err := sql.Open("sqlite", db)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(t.Context(), "ROLLBACK")
	// The old show recorded the plan as used under the write lock and
	// waited 10 s for it: done must come well before that.
	done := make(chan string)
	go func() {
		var out strings.Builder
		for _, args := range [][]string{{"show", "cccs"}, {"plans"}, {"log", "cccs"}} {
			if stdout, stderr, code := rota(t, append(args, "--db", db)...); code != 0 || stdout == "" {
				fmt.Fprintf(&out, "rota %v while a writer holds the lock: exit %d %s\n", args, code, stderr)
			}
		}
		done <- out.String()
	}()
	select {
	case msg := <-done:
		if msg != "" {
			t.Error(msg)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("reads waited on the writer")
	}
}

// TestBackupToAMissingFolder: a copy asked for in a folder that does not
// exist, or under a file, is bad input naming that folder; the message
// does not send the user to the live database, and no copy is left.
func TestBackupToAMissingFolder(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rota.db")
	if _, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db); code != 0 {
		t.Fatal(stderr)
	}
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	for _, c := range []struct{ path, folder, why string }{
		{filepath.Join(dir, "no", "copy.db"), filepath.Join(dir, "no"), "make it first"},
		{filepath.Join(file, "copy.db"), file, "it is a file"},
	} {
		_, stderr, code := rota(t, "backup", c.path, "--db", db)
		if code != exitBadInput || !strings.Contains(stderr, "no folder "+c.folder) || !strings.Contains(stderr, c.why) || strings.Contains(stderr, db) {
			t.Errorf("rota backup %s: exit %d: %s", c.path, code, stderr)
		}
	}
	if _, stderr, code := rota(t, "backup", dir, "--db", db); code != exitBadInput || !strings.Contains(stderr, dir+" is a folder: give the copy's own file name, such as "+filepath.Join(dir, "rota-backup.db")) {
		t.Errorf("rota backup FOLDER: exit %d: %s", code, stderr)
	}
	if _, stderr, code := rota(t, "backup", filepath.Join(dir, "copy.db"), "--db", db); code != 0 {
		t.Fatalf("a backup in a folder that exists: %s", stderr)
	}
}

// TestSaveSaysHowToShowIt: the command rota save suggests finds the same
// database, so it carries the --db that was given.
func TestSaveSaysHowToShowIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "my rota.db")
	stdout, stderr, code := rota(t, "save", cumbriaFile, "--name", "cccs", "--db", db)
	if want := "Show it with: rota show cccs --db \"" + db + "\""; code != 0 || !strings.Contains(stdout, want) {
		t.Fatalf("exit %d: %s%s\nwant %q", code, stdout, stderr, want)
	}
}
