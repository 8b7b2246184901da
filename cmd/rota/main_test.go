package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary be rota itself: in the scripts of
// testdata/script (testscript runs it as "rota"), and for tests that start
// rota processes (ROTA_TEST_MAIN=1).
func TestMain(m *testing.M) {
	if os.Getenv("ROTA_TEST_MAIN") == "1" {
		os.Exit(run(os.Args[1:], osEnv()))
	}
	testscript.Main(m, map[string]func(){
		"rota": func() { os.Exit(run(os.Args[1:], osEnv())) },
	})
}

// TestScripts runs the end-to-end scripts: real rota processes on a real
// database in each script's work folder, with the reference plan at
// $WORK/cccs.toml.
func TestScripts(t *testing.T) {
	ref, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("ROTA_DB", filepath.Join(e.WorkDir, "rota.db"))
			e.Setenv("USER", "ann")
			e.Setenv("TZ", "UTC")
			return os.WriteFile(filepath.Join(e.WorkDir, "cccs.toml"), ref, 0o644)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// status N CMD ARGS… runs CMD and checks that it exits with N.
			"status": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) < 2 {
					ts.Fatalf("usage: status CODE COMMAND [ARGS…]")
				}
				want, err := strconv.Atoi(args[0])
				if err != nil {
					ts.Fatalf("status: %v", err)
				}
				got := 0
				var ee *exec.ExitError
				if err := ts.Exec(args[1], args[2:]...); errors.As(err, &ee) {
					got = ee.ExitCode()
				} else if err != nil {
					ts.Fatalf("%v", err)
				}
				if got != want {
					ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
				}
			},
		},
	})
}
