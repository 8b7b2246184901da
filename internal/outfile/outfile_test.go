package outfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
}

// noTemps fails if a temporary file was left in dir.
func noTemps(t *testing.T, dir string) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, ".*.tmp"))
	if len(names) > 0 {
		t.Errorf("temporary files left: %v", names)
	}
}

func TestWritesAndKeepsMode(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rota.csv")
	if err := Write(path, 0o644, text("one")); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o600)
	if err := Write(path, 0o644, text("two")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	if read(t, path) != "two" || st.Mode().Perm() != 0o600 {
		t.Errorf("%q %v", read(t, path), st.Mode())
	}
	noTemps(t, dir)
}

// TestDiskFullLeavesTheOldFile: a write that fails part-way (the disk full,
// injected) leaves the old file whole and no temporary file, and says which
// file and why.
func TestDiskFullLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "cccs.toml")
	os.WriteFile(path, []byte("old plan"), 0o600)
	full := func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("x", 100<<10))
		return &fs.PathError{Op: "write", Path: "tmp", Err: syscall.ENOSPC}
	}
	err := Write(path, 0o600, full)
	if err == nil || err.Error() != path+": cannot write: the disk is full; nothing was changed" {
		t.Errorf("error %v", err)
	}
	if read(t, path) != "old plan" {
		t.Errorf("old file now %q", read(t, path))
	}
	noTemps(t, dir)
}

// TestDiskFullOnATinyFileSystem fills a real 64 KB tmpfs. It needs root
// and mount; TestDiskFullLeavesTheOldFile checks the same logic without.
func TestDiskFullOnATinyFileSystem(t *testing.T) {
	if runtime.GOOS != "linux" || os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root on Linux")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	path := filepath.Join(dir, "rota.csv")
	if err := Write(path, 0o644, text("old export")); err != nil {
		t.Fatal(err)
	}
	err := Write(path, 0o644, text(strings.Repeat("x", 1<<20)))
	if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), path+": cannot write: the disk is full") {
		t.Errorf("error %v", err)
	}
	if read(t, path) != "old export" {
		t.Errorf("old file now %.40q", read(t, path))
	}
	noTemps(t, dir)
}

// TestAllOrNothing: when the second file of a set fails, the first is not
// replaced either.
func TestAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "rota.csv"), filepath.Join(dir, "rota-duties.csv")
	os.WriteFile(a, []byte("old days"), 0o644)
	_, err := WriteAll(File{a, 0o644, text("new days")}, File{b, 0o644, func(io.Writer) error { return errors.New("boom") }})
	if err == nil || read(t, a) != "old days" {
		t.Errorf("%v, %q", err, read(t, a))
	}
	if _, err := os.Stat(b); err == nil {
		t.Error("second file written")
	}
	noTemps(t, dir)
}

// TestLinksAreFollowed: writing through a link replaces the file it leads
// to and keeps the link, as for every file rota writes.
func TestLinksAreFollowed(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.ics")
	os.WriteFile(real, []byte("old"), 0o644)
	link := filepath.Join(dir, "link.ics")
	if err := os.Symlink("real.ics", link); err != nil {
		t.Skip(err)
	}
	if err := Write(link, 0o644, text("new")); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Lstat(link)
	if st.Mode()&fs.ModeSymlink == 0 || read(t, real) != "new" {
		t.Errorf("link %v, real %q", st.Mode(), read(t, real))
	}
	noTemps(t, dir)
}

// TestNotFilesRefused: a device (as root, renaming over /dev/null would
// replace the system's), a FIFO, a folder, a link to a device or to
// nothing: each refused, left as it was.
func TestNotFilesRefused(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no devices in the file system")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.csv")
	mkfifo(fifo)
	devLink := filepath.Join(dir, "null.csv")
	os.Symlink("/dev/null", devLink)
	dangling := filepath.Join(dir, "dangling.csv")
	os.Symlink("nowhere/at/all.csv", dangling)
	for path, want := range map[string]string{
		"/dev/null": "is a device, not a file",
		fifo:        "is a pipe (FIFO), not a file",
		dir:         "is a folder, not a file",
		devLink:     "is a device, not a file",
		dangling:    "is a link to nothing that can be written",
	} {
		err := Write(path, 0o644, text("x"))
		var nf *NotFileError
		if !errors.As(err, &nf) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
		t.Fatalf("/dev/null is now %v", st.Mode())
	}
	if st, _ := os.Lstat(fifo); st.Mode()&fs.ModeNamedPipe == 0 {
		t.Error("the FIFO was replaced")
	}
	noTemps(t, dir)
	noTemps(t, "/dev")
}

func TestMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "rota.ics")
	var fe *FolderError
	if err := Write(path, 0o644, text("x")); !errors.As(err, &fe) {
		t.Errorf("%v", err)
	}
}

// TestMain is also the helper process of TestInterruptRemovesTemporary.
func TestMain(m *testing.M) {
	if path := os.Getenv("OUTFILE_HELPER"); path != "" {
		Write(path, 0o644, func(w io.Writer) error {
			io.WriteString(w, "half")
			w.(*bufio.Writer).Flush()
			fmt.Println("writing")
			select {} // until interrupted
		})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestInterruptRemovesTemporary: SIGINT or SIGTERM in the middle of a write
// removes the temporary file and leaves the old one.
func TestInterruptRemovesTemporary(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no signals to send")
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		dir := t.TempDir()
		path := filepath.Join(dir, "rota.html")
		os.WriteFile(path, []byte("old"), 0o644)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "OUTFILE_HELPER="+path)
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		line, _ := bufio.NewReader(out).ReadString('\n')
		if line != "writing\n" {
			t.Fatalf("helper said %q", line)
		}
		if names, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(names) != 1 {
			t.Fatalf("no temporary file while writing: %v", names)
		}
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Errorf("%v: helper ended with %v", sig, err)
		}
		noTemps(t, dir)
		if read(t, path) != "old" {
			t.Errorf("%v: old file now %q", sig, read(t, path))
		}
	}
}
