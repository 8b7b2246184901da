package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/serve"
)

type serveOptions struct {
	e       *env
	db      string
	sshAddr string
	hostKey string
	idle    time.Duration
	max     int
	// ready, when set, receives the address listened on (tests).
	ready func(ssh net.Addr)
	// stop, when set, ends the server as SIGTERM does (tests).
	stop <-chan struct{}
}

func newServeCmd(e *env) *cobra.Command {
	o := &serveOptions{e: e}
	cmd := &cobra.Command{
		Use:   "serve [--ssh ADDR] [--db PATH] [--host-key PATH]",
		Short: "serve the planner over SSH to every user with a key",
		Long: `Each user (rota user add) logs in with their SSH key and gets their own
planner, acting with their role; a change anyone makes shows in every open
session within a second. Unknown keys are refused before any session starts.
The log (JSON, on standard error) records logins, refusals and changes.
SIGTERM or ctrl+c tells every session and stops cleanly.`,
		Example: `  rota serve --db /var/lib/rota/rota.db
  ssh -p 23234 -t localhost cccs        # as a user: open plan cccs`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error { return o.run() },
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVar(&o.sshAddr, "ssh", serve.DefaultSSH, "the address to serve SSH on")
	cmd.Flags().StringVar(&o.hostKey, "host-key", "", "the SSH host key, made on first start (default beside the database: rota_host_ed25519)")
	cmd.Flags().DurationVar(&o.idle, "idle", 30*time.Minute, "close a session after this long without a key pressed")
	cmd.Flags().IntVar(&o.max, "max-sessions", 4, "the most sessions one user may have open")
	return cmd
}

func (o *serveOptions) run() error {
	s, err := openStore(o.e, o.db, true)
	if err != nil {
		return err
	}
	b := s.Backend()
	defer b.Close()
	if o.hostKey == "" {
		o.hostKey = filepath.Join(filepath.Dir(b.Path()), "rota_host_ed25519")
	}
	log := slog.New(slog.NewJSONHandler(o.e.stderr, nil))
	srv, err := serve.New(b, serve.Config{HostKey: o.hostKey, Idle: o.idle, MaxSessions: o.max, Log: log})
	if err != nil {
		return badInput(err)
	}
	l, err := net.Listen("tcp", o.sshAddr)
	if err != nil {
		return badInput(fmt.Errorf("--ssh %s: %v", o.sshAddr, err))
	}
	if o.ready != nil {
		o.ready(l.Addr())
	}
	fmt.Fprintf(o.e.stdout, "rota serve: SSH on %s (host key %s), database %s\n", l.Addr(), o.hostKey, b.Path())
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	case <-o.stop:
	}
	log.Info("stopping", "sessions", srv.Sessions())
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	err = srv.Shutdown(sctx)
	if e := <-done; err == nil {
		err = e
	}
	if errors.Is(err, net.ErrClosed) {
		err = nil
	}
	log.Info("stopped")
	return err
}
