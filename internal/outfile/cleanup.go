package outfile

import (
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
)

// Temporary files being written, removed if rota is interrupted: a PA who
// presses Ctrl-C during an export must not find .rota.csv.123.tmp files.
// Signals are watched only while there are some, so that the planner's own
// handling of them is left alone the rest of the time.
var (
	mu      sync.Mutex
	pending = map[string]bool{}
	signals chan os.Signal
)

// createTemp makes the temporary file for real and registers it for
// removal on SIGINT or SIGTERM.
func createTemp(real string) (*os.File, error) {
	mu.Lock()
	defer mu.Unlock()
	f, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".*.tmp")
	if err != nil {
		return nil, err
	}
	pending[f.Name()] = true
	if signals == nil {
		signals = make(chan os.Signal, 1)
		signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
		go interrupted(signals)
	}
	return f, nil
}

// forget takes path off the pending files, once renamed or removed.
func forget(path string) {
	mu.Lock()
	defer mu.Unlock()
	delete(pending, path)
	if len(pending) == 0 && signals != nil {
		signal.Stop(signals)
		close(signals)
		signals = nil
	}
}

// interrupted removes the pending temporary files on a signal, then lets
// the signal end the process as it would have.
func interrupted(ch chan os.Signal) {
	sig, ok := <-ch
	if !ok {
		return // stopped: nothing pending
	}
	mu.Lock() // held: no new temporary file from here on
	for p := range pending {
		os.Remove(p)
	}
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
		select {} // the signal ends the process
	}
	os.Exit(130)
}
