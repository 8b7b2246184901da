package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Several rota processes edit version 1 of one plan at the same moment:
// exactly one writes version 2; every other is refused with a conflict
// (exit 3) naming it, and the history holds the one change.
func TestRacingEditsOneWins(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "rota.db")
	rota := func(args ...string) (string, string, int) {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "ROTA_TEST_MAIN=1", "ROTA_DB="+db, "USER=ann")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee):
			return out.String(), errb.String(), ee.ExitCode()
		case err != nil:
			t.Fatal(err)
		}
		return out.String(), errb.String(), 0
	}
	if _, stderr, code := rota("save", "../../configs/cumbria-cccs-2022.toml", "--name", "cccs"); code != 0 {
		t.Fatalf("save: %s", stderr)
	}
	const n = 6
	codes := make([]int, n)
	stderrs := make([]string, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			day := fmt.Sprintf("2022-10-%02d", 3+i)
			_, stderrs[i], codes[i] = rota("edit", "cccs@1", "absent", "jo", day, "--author", fmt.Sprintf("p%d", i))
		}()
	}
	wg.Wait()
	winners := 0
	for i, code := range codes {
		switch code {
		case 0:
			winners++
		case exitConflict:
			if !strings.HasPrefix(stderrs[i], "plan changed since version 1: now version 2 by p") {
				t.Errorf("process %d: %s", i, stderrs[i])
			}
		default:
			t.Errorf("process %d exited %d: %s", i, code, stderrs[i])
		}
	}
	if winners != 1 {
		t.Errorf("%d processes wrote version 2", winners)
	}
	out, _, _ := rota("log", "cccs", "--json")
	if got := strings.Count(out, `"version":`); got != 2 {
		t.Errorf("history holds %d versions, want 2:\n%s", got, out)
	}
}
