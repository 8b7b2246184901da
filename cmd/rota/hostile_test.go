package main

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
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
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
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
				strings.HasPrefix(stderr, file+":") && !strings.Contains(stderr, "goroutine")
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
