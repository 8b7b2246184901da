package backend

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"rota/internal/change"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"rota/internal/plan"
)

// TestMain lets the test binary act as a writer process for the crash and
// concurrency tests (ROTA_STORE_HELPER names the role).
func TestMain(m *testing.M) {
	switch os.Getenv("ROTA_STORE_HELPER") {
	case "writer":
		os.Exit(helperWriter(os.Getenv("ROTA_STORE_DB")))
	case "editor":
		os.Exit(helperEditor(os.Getenv("ROTA_STORE_DB"), os.Getenv("ROTA_STORE_NAME"), os.Getenv("ROTA_STORE_COUNT")))
	case "revoker":
		os.Exit(helperRevoker(os.Getenv("ROTA_STORE_DB"), os.Getenv("ROTA_STORE_FEED")))
	}
	os.Exit(m.Run())
}

// helperWriter saves versions in a loop, reporting each one once its
// write has returned, until it is killed.
func helperWriter(path string) int {
	s, err := openS(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ref := Ref{Plan: "cccs"}
	for i := 0; ; i++ {
		snap, err := s.Load(ctx, ref, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		day := snap.Frame.Days[i%len(snap.Frame.Days)]
		c := change.AddAbsence(plan.Absence{Person: "jo", From: day, To: day, Reason: fmt.Sprintf("w%d", snap.Version)})
		v, err := s.Apply(ctx, ref, snap.Version, c, "writer", "")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Printf("saved %d\n", v)
	}
}

// helperEditor makes count changes as a PA would, each on the version it
// just loaded, and reports each as written or refused by a conflict.
func helperEditor(path, name, count string) int {
	n, _ := strconv.Atoi(count)
	s, err := openS(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ref := Ref{Plan: "cccs"}
	for i := 0; i < n; i++ {
		snap, err := s.Load(ctx, ref, 0)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		day := snap.Frame.Days[i]
		reason := fmt.Sprintf("%s-%d", name, i)
		v, err := s.Apply(ctx, ref, snap.Version, change.AddAbsence(plan.Absence{Person: "paul", From: day, To: day, Reason: reason}), name, "")
		var c *ConflictError
		switch {
		case err == nil:
			fmt.Printf("written %s %d\n", reason, v)
		case errors.As(err, &c):
			fmt.Printf("conflict %s\n", reason)
		default:
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}
	return 0
}

func helper(t *testing.T, role, db string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, "ROTA_STORE_HELPER="+role, "ROTA_STORE_DB="+db)...)
	cmd.Stderr = os.Stderr
	return cmd
}

// A writer killed with SIGKILL at random moments never leaves a damaged
// database, and every version it reported saved is there.
func TestCrashKeepsEveryReportedVersion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	s, err := openS(db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	s.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	reported := 1
	kills := 0
	for kills < 20 {
		cmd := helper(t, "writer", db)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan int, 1000)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if v, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "saved ")); err == nil {
					lines <- v
				}
			}
			close(lines)
		}()
		// Let it save a few versions, then kill it at a random moment.
		select {
		case v, ok := <-lines:
			if !ok {
				t.Fatal("the writer stopped before saving anything")
			}
			reported = max(reported, v)
		case <-time.After(10 * time.Second):
			t.Fatal("the writer saved nothing in 10s")
		}
		time.Sleep(time.Duration(rng.IntN(20_000)) * time.Microsecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		for v := range lines {
			reported = max(reported, v)
		}
		_ = cmd.Wait()
		kills++

		s, err := openS(db)
		if err != nil {
			t.Fatalf("after kill %d: %v", kills, err)
		}
		var check string
		if err := s.db().QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
			t.Fatalf("after kill %d: integrity_check says %q (%v)", kills, check, err)
		}
		snap, err := s.Load(ctx, Ref{Plan: "cccs"}, 0)
		if err != nil {
			t.Fatalf("after kill %d: %v", kills, err)
		}
		if snap.Version < reported {
			t.Fatalf("after kill %d: the database holds %d versions, but version %d was reported saved", kills, snap.Version, reported)
		}
		s.Close()
	}
	t.Logf("%d kills, %d versions reported saved", kills, reported)
}

// Two processes edit one plan at once, each on the version it loaded: every
// change is either written once or refused with a conflict; none is lost
// or merged.
func TestConcurrentEditorsLoseNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "rota.db")
	s, err := openS(db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	const each = 40
	var mu sync.Mutex
	written := map[string]int{}
	conflicts := 0
	var wg sync.WaitGroup
	for _, name := range []string{"a", "b"} {
		cmd := helper(t, "editor", db, "ROTA_STORE_NAME="+name, "ROTA_STORE_COUNT="+strconv.Itoa(each))
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := bufio.NewScanner(out)
			n := 0
			for sc.Scan() {
				f := strings.Fields(sc.Text())
				mu.Lock()
				switch f[0] {
				case "written":
					v, _ := strconv.Atoi(f[2])
					written[f[1]] = v
				case "conflict":
					conflicts++
				}
				mu.Unlock()
				n++
			}
			if err := cmd.Wait(); err != nil || n != each {
				t.Errorf("editor %s: %d reports of %d, %v", name, n, each, err)
			}
		}()
	}
	wg.Wait()
	h, err := s.History(ctx, Ref{Plan: "cccs"})
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1+len(written) {
		t.Fatalf("%d versions for %d changes written", len(h), len(written))
	}
	seen := map[string]bool{}
	for _, v := range h[1:] {
		want, ok := written[v.Change.Reason]
		if !ok || want != v.Number || seen[v.Change.Reason] {
			t.Errorf("version %d (%s) was not reported written as such", v.Number, v.Change.Reason)
		}
		seen[v.Change.Reason] = true
	}
	if len(written)+conflicts != 2*each {
		t.Errorf("%d written + %d conflicts for %d changes", len(written), conflicts, 2*each)
	}
	t.Logf("%d written, %d refused with a conflict", len(written), conflicts)
}
