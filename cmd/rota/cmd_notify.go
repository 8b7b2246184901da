package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/notify"
	"rota/internal/plan"
	"rota/internal/termtext"
)

type notifyOptions struct {
	e        *env
	db       string
	dryRun   bool
	now      string
	settle   time.Duration
	server   string
	security string
	from     string
	passFile string
	caFile   string
	remind   string // working days, as typed; "" for the kept setting or the default
	nothing  string // send or skip
}

func newNotifyCmd(e *env) *cobra.Command {
	o := &notifyOptions{e: e}
	cmd := &cobra.Command{
		Use:   "notify PLAN [--dry-run] [--now DATE]",
		Short: "email people what is due: the reminder before their SPOC month, the weekly digest, their plan changed",
		Long: `Works out the messages due for a saved plan now and sends each once:

  - before a SPOC month (from --remind-days working days before it,
    default 5): to its SPOC and buddy, their month and its handover sheet;
  - from Friday until Monday, for the week from that Monday (to Sunday),
    when it overlaps the plan's period: to each person, their presence and
    acting days, events, cover held and gaps they could fill, or a short
    "nothing for you" (--digest-nothing skip leaves it out);
  - after changes that alter what a person does from today on: to that
    person, what changed, by whom, in which version; changes less than
    --settle apart go out as one message once --settle has passed.

Absence reasons never appear. A person without email in the plan is skipped
and named. Each message has a plain-text part and an .ics attachment (but
a digest of nothing) whose entries have the UIDs and the SEQUENCE of the
plan's calendar exports and feeds, so importing it updates their entries.

--dry-run prints the messages instead of sending them.

Sending: --smtp HOST:PORT, --security starttls (default), tls, or plain for a
test server on 127.0.0.1 only; --from ADDRESS. The user name is
$ROTA_SMTP_USER and the password $ROTA_SMTP_PASSWORD or the first line of
--password-file PATH, never a flag. The server's certificate must chain to
an authority the system trusts, or to one in --ca-file FILE (PEM). Each
message is recorded in the database before it is sent and marked after, so
running rota notify again, however often, sends nothing twice and retries
what failed.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	cmd.AddCommand(newNotifyConfigCmd(e))
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "print the messages due instead of sending them")
	cmd.Flags().StringVar(&o.now, "now", "", "judge what is due as at `DATE` (YYYY-MM-DD, that day at 23:59 UTC) or an RFC 3339 time (default now)")
	cmd.Flags().StringVar(&o.server, "smtp", "", "the SMTP server, `HOST:PORT`")
	cmd.Flags().StringVar(&o.security, "security", "", "`starttls` (default), tls, or plain (127.0.0.1 only)")
	cmd.Flags().StringVar(&o.from, "from", "", "the From `ADDRESS`")
	cmd.Flags().StringVar(&o.passFile, "password-file", "", "read the SMTP password from the first line of `PATH` (else $ROTA_SMTP_PASSWORD)")
	cmd.Flags().StringVar(&o.caFile, "ca-file", "", "trust the certificate authorities of this PEM `FILE` instead of the system's")
	cmd.Flags().StringVar(&o.remind, "remind-days", "", "send the reminder before a SPOC month this many working `DAYS` before it (default 5)")
	cmd.Flags().StringVar(&o.nothing, "digest-nothing", "", "`send` (default) a short digest to a person with nothing in the week, or skip it")
	cmd.Flags().DurationVar(&o.settle, "settle", notify.DefaultWindow, "changes this `DURATION` apart or less go out as one message, once this long has passed")
	return cmd
}

// parseNow reads --now: a date is taken at the end of its day, so that the
// day's changes count as made before it.
func parseNow(s string) (time.Time, error) {
	if s == "" {
		return time.Now().UTC(), nil
	}
	if d, err := calendar.ParseDate(s); err == nil {
		return d.Time().Add(24*time.Hour - time.Minute), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("--now %q: want a date YYYY-MM-DD or a time such as 2022-09-30T17:00:00Z", s)
	}
	return t.UTC(), nil
}

func (o *notifyOptions) run(arg string) error {
	now, err := parseNow(o.now)
	if err != nil {
		return badInput(fmt.Errorf("rota notify: %v", err))
	}
	if o.settle <= 0 {
		return badInput(fmt.Errorf("rota notify: --settle %s: want a positive duration such as 15m", o.settle))
	}
	var smtp notify.SMTP
	t, s, err := openTarget(o.e, o.db, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	stored, err := s.NotifySettings(o.e.ctx)
	if err != nil {
		return storeErr(err)
	}
	set, err := o.settings(stored)
	if err != nil {
		return badInput(fmt.Errorf("rota notify: %v", err))
	}
	if !o.dryRun {
		if smtp, err = o.smtp(stored); err != nil {
			return badInput(fmt.Errorf("rota notify: %v", err))
		}
	}
	if t.ref.Scenario != "" || t.version != 0 {
		return badInput(fmt.Errorf("rota notify: %q: name a saved plan alone; messages are about its latest version", arg))
	}
	if !o.dryRun {
		rep, err := notify.Run(o.e.ctx, s, t.ref.Plan, now, set, smtp)
		if err != nil {
			return storeErr(err)
		}
		return printReport(o.e.stdout, rep)
	}
	msgs, err := notify.Due(o.e.ctx, s, t.ref.Plan, now, set)
	if err != nil {
		return storeErr(err)
	}
	printMessages(o.e.stdout, msgs)
	return nil
}

// settings reads when messages are due from the flags, else those stored
// by rota notify config.
func (o *notifyOptions) settings(stored map[string]string) (notify.Settings, error) {
	set := notify.Settings{Window: o.settle}
	if o.remind == "" {
		o.remind = stored["remind_days"]
	}
	if o.remind != "" {
		n, err := parseRemindDays(o.remind)
		if err != nil {
			return set, fmt.Errorf("--remind-days %v", err)
		}
		set.RemindDays = n
	}
	if o.nothing == "" {
		o.nothing = stored["digest_nothing"]
	}
	switch o.nothing {
	case "", "send":
	case "skip":
		set.QuietDigest = true
	default:
		return set, fmt.Errorf("--digest-nothing %q: use send or skip", o.nothing)
	}
	return set, nil
}

// smtp reads the server settings from the flags, else those stored by
// rota notify config, and the environment.
func (o *notifyOptions) smtp(stored map[string]string) (notify.SMTP, error) {
	pick := func(flag, key, def string) string {
		switch {
		case flag != "":
			return flag
		case stored[key] != "":
			return stored[key]
		}
		return def
	}
	o.server = pick(o.server, "smtp", "")
	o.security = pick(o.security, "security", string(notify.StartTLS))
	o.from = pick(o.from, "from", "")
	o.passFile = pick(o.passFile, "password_file", "")
	o.caFile = pick(o.caFile, "ca_file", "")
	if o.server == "" {
		return notify.SMTP{}, fmt.Errorf("name the SMTP server with --smtp HOST:PORT, or keep it with rota notify config --smtp HOST:PORT (or use --dry-run)")
	}
	host, port, err := notify.ParseServer(o.server)
	if err != nil {
		return notify.SMTP{}, fmt.Errorf("--smtp %v", err)
	}
	c := notify.SMTP{Host: host, Port: port, Security: notify.Security(o.security), From: o.from,
		User: pick(o.e.getenv("ROTA_SMTP_USER"), "user", ""), Password: o.e.getenv("ROTA_SMTP_PASSWORD")}
	if o.passFile != "" {
		b, err := os.ReadFile(o.passFile)
		if err != nil {
			return c, fmt.Errorf("--password-file: %v", err)
		}
		c.Password, _, _ = strings.Cut(strings.TrimRight(string(b), "\r\n"), "\n")
		c.Password = strings.TrimRight(c.Password, "\r")
	}
	if o.caFile != "" {
		if c.RootCAs, err = notify.LoadCAFile(o.caFile); err != nil {
			return c, fmt.Errorf("--ca-file: %v", err)
		}
	}
	if o.from != "" {
		if why := plan.CheckEmail(o.from); why != "" {
			return c, fmt.Errorf("--from %q %s", o.from, why)
		}
	}
	return c, c.Check()
}

// printReport says what a run sent, what failed (and is retried next run)
// and who was skipped; a failure makes the exit status 1.
func printReport(w io.Writer, rep notify.Report) error {
	fmt.Fprintf(w, "%d new message(s) recorded, %d sent, %d failed (retried next run), %d skipped (no email)\n", rep.Queued, len(rep.Sent), len(rep.Failed), len(rep.Skipped))
	for _, k := range rep.Sent {
		fmt.Fprintf(w, "  sent %s\n", termtext.Escape(k))
	}
	for _, f := range rep.Failed {
		fmt.Fprintf(w, "  failed %s\n", termtext.Escape(f))
	}
	for _, k := range rep.Skipped {
		fmt.Fprintf(w, "  skipped %s\n", termtext.Escape(k))
	}
	if rep.Stopped != nil {
		fmt.Fprintf(w, "stopped: %s; the messages not sent stay due for the next run\n", termtext.Escape(rep.Stopped.Error()))
	}
	if len(rep.Failed) > 0 {
		return silentExit(1)
	}
	return nil
}

// printMessages shows each message as it would be sent, every line made
// safe for a terminal; people without email are named at the end.
func printMessages(w io.Writer, msgs []notify.Message) {
	var skipped []string
	n := 0
	for _, m := range msgs {
		if m.To == "" {
			skipped = append(skipped, fmt.Sprintf("%s (%s)", m.Name, m.Key))
			continue
		}
		n++
		fmt.Fprintf(w, "=== %s\nTo: %s <%s>\nSubject: %s\n\n", termtext.Escape(m.Key), termtext.Escape(m.Name), termtext.Escape(m.To), termtext.Escape(m.Subject))
		for _, l := range strings.Split(strings.TrimRight(m.Text, "\n"), "\n") {
			fmt.Fprintln(w, termtext.Escape(l))
		}
		if len(m.ICS) == 0 {
			fmt.Fprint(w, "[no attachment]\n\n")
		} else {
			fmt.Fprintf(w, "[attachment: rota.ics, %d bytes]\n\n", len(m.ICS))
		}
	}
	fmt.Fprintf(w, "%d message(s) due", n)
	if len(skipped) > 0 {
		fmt.Fprintf(w, "; %d skipped, no email in the plan:\n", len(skipped))
		for _, s := range skipped {
			fmt.Fprintf(w, "  %s\n", termtext.Escape(s))
		}
	} else {
		fmt.Fprintln(w)
	}
}
