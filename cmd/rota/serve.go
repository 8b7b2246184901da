package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/notify"
	"rota/internal/serve"
)

type serveOptions struct {
	e       *env
	db      string
	sshAddr string
	http    string
	cert    string
	key     string
	rate    int
	hostKey string
	idle    time.Duration
	max     int
	// notify is rota notify's settings; with notify.server set, serve
	// sends what is due as it runs.
	notify      notifyOptions
	notifyEvery time.Duration
	notifyOn    bool
	// ready, when set, receives the address listened on (tests).
	ready func(ssh net.Addr)
	// stop, when set, ends the server as SIGTERM does (tests).
	stop <-chan struct{}
}

func newServeCmd(e *env) *cobra.Command {
	o := &serveOptions{e: e}
	cmd := &cobra.Command{
		Use:   "serve [--ssh ADDR] [--http ADDR] [--db PATH] [--host-key PATH] [--tls-cert FILE --tls-key FILE]",
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
	cmd.Flags().StringVar(&o.http, "http", serve.DefaultHTTP, `the address to serve calendar feeds on ("" for none)`)
	cmd.Flags().StringVar(&o.cert, "tls-cert", "", "serve HTTPS with this certificate (PEM; with --tls-key)")
	cmd.Flags().StringVar(&o.key, "tls-key", "", "the certificate's private key (PEM)")
	cmd.Flags().IntVar(&o.rate, "feed-rate", 60, "the most feed requests one address may make a minute")
	cmd.Flags().StringVar(&o.hostKey, "host-key", "", "the SSH host key, made on first start (default beside the database: rota_host_ed25519)")
	cmd.Flags().DurationVar(&o.idle, "idle", 30*time.Minute, "close a session after this long without a key pressed")
	cmd.Flags().IntVar(&o.max, "max-sessions", 4, "the most sessions one user may have open")
	o.notify.e = e
	cmd.Flags().StringVar(&o.notify.server, "notify-smtp", "", "send rota notify's emails while serving, through the SMTP server `HOST:PORT` (password: $ROTA_SMTP_PASSWORD or --notify-password-file)")
	cmd.Flags().StringVar(&o.notify.security, "notify-security", "", "`starttls` (default), tls, or plain (127.0.0.1 only)")
	cmd.Flags().StringVar(&o.notify.from, "notify-from", "", "the From `ADDRESS` of the emails")
	cmd.Flags().StringVar(&o.notify.passFile, "notify-password-file", "", "read the SMTP password from the first line of `PATH`")
	cmd.Flags().StringVar(&o.notify.caFile, "notify-ca-file", "", "trust the certificate authorities of this PEM `FILE` instead of the system's")
	cmd.Flags().DurationVar(&o.notify.settle, "notify-settle", notify.DefaultWindow, "changes this `DURATION` apart or less go out as one message")
	cmd.Flags().BoolVar(&o.notifyOn, "notify", false, "send rota notify's emails while serving, with the settings kept by rota notify config")
	cmd.Flags().DurationVar(&o.notifyEvery, "notify-every", 5*time.Minute, "how often to look for reminders and digests due")
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
	var sched *notify.Scheduler
	if o.notify.server != "" || o.notifyOn {
		stored, err := b.As(backend.Local("rota notify")).NotifySettings(o.e.ctx)
		if err != nil {
			return storeErr(err)
		}
		c, err := o.notify.smtp(stored)
		if err != nil {
			return badInput(fmt.Errorf("rota serve: %v", err))
		}
		set, err := o.notify.settings(stored)
		if err != nil {
			return badInput(fmt.Errorf("rota serve: %v", err))
		}
		sched = &notify.Scheduler{Session: b.As(backend.Local("rota notify")), SMTP: c,
			Settings: set, Every: o.notifyEvery, Log: log}
	}
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
	if (o.cert == "") != (o.key == "") {
		return badInput(errors.New("--tls-cert and --tls-key go together: give both, or neither"))
	}
	feeds := serve.NewFeeds(b, o.rate, log)
	var web *http.Server
	var hl net.Listener
	if o.http != "" {
		if hl, err = net.Listen("tcp", o.http); err != nil {
			l.Close()
			return badInput(fmt.Errorf("--http %s: %v", o.http, err))
		}
		mux := http.NewServeMux()
		mux.Handle(serve.FeedPath, feeds)
		web = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second, WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute,
			// What net/http has to say (a failed TLS handshake, say) goes
			// to the JSON log too, not as a line of its own.
			ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	}
	fmt.Fprintf(o.e.stdout, "rota serve: SSH on %s (host key %s), database %s\n", l.Addr(), o.hostKey, b.Path())
	if web != nil {
		scheme := "http"
		if o.cert != "" {
			scheme = "https"
		}
		fmt.Fprintf(o.e.stdout, "calendar feeds on %s://%s%s…\n", scheme, hl.Addr(), serve.FeedPath)
		log.Info("http listening", "addr", hl.Addr().String(), "tls", o.cert != "")
		go func() {
			var err error
			if o.cert != "" {
				err = web.ServeTLS(hl, o.cert, o.key)
			} else {
				err = web.Serve(hl)
			}
			if err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("http stopped", "err", err)
			}
		}()
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- srv.Serve(l) }()
	if sched != nil {
		nctx, ncancel := context.WithCancel(ctx)
		stopped := make(chan struct{})
		go func() { sched.Run(nctx); close(stopped) }()
		defer func() { ncancel(); <-stopped }()
		fmt.Fprintf(o.e.stdout, "rota serve: sending notifications through %s\n", o.notify.server)
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	case <-o.stop:
	}
	log.Info("stopping", "sessions", srv.Sessions())
	sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer scancel()
	if web != nil {
		_ = web.Shutdown(sctx)
	}
	feeds.Wait()
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
