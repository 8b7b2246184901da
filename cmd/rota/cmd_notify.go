package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/notify"
	"rota/internal/termtext"
)

type notifyOptions struct {
	e      *env
	db     string
	dryRun bool
	now    string
	settle time.Duration
}

func newNotifyCmd(e *env) *cobra.Command {
	o := &notifyOptions{e: e}
	cmd := &cobra.Command{
		Use:   "notify PLAN [--dry-run] [--now DATE]",
		Short: "email people what is due: the reminder before their SPOC month, the weekly digest, their plan changed",
		Long: `Works out the messages due for a saved plan now and sends each once:

  - before a SPOC month (from handover_notice working days before it,
    default 5): to its SPOC and buddy, their month and its handover sheet;
  - from Friday, for the next week (Monday to Sunday): to each person with
    something that week, their presence and acting days, events, cover held
    and gaps they could fill;
  - after changes that alter what a person does from today on: to that
    person, what changed, by whom, in which version; changes less than
    --settle apart go out as one message once --settle has passed.

Absence reasons never appear. A person without email in the plan is skipped
and named. Each message has a plain-text part and an .ics attachment whose
entries have the UIDs of the plan's calendar exports.

--dry-run prints the messages instead of sending them.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().BoolVar(&o.dryRun, "dry-run", false, "print the messages due instead of sending them")
	cmd.Flags().StringVar(&o.now, "now", "", "judge what is due as at `DATE` (YYYY-MM-DD, that day at 23:59 UTC) or an RFC 3339 time (default now)")
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
	if !o.dryRun {
		return badInput(fmt.Errorf("rota notify: sending is not available yet; use --dry-run to see what is due"))
	}
	t, s, err := openTarget(o.e, o.db, arg)
	if err != nil {
		return err
	}
	defer s.Close()
	if t.ref.Scenario != "" || t.version != 0 {
		return badInput(fmt.Errorf("rota notify: %q: name a saved plan alone; messages are about its latest version", arg))
	}
	msgs, err := notify.Due(o.e.ctx, s, t.ref.Plan, now, notify.Settings{Window: o.settle})
	if err != nil {
		return storeErr(err)
	}
	printMessages(o.e.stdout, msgs)
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
		fmt.Fprintf(w, "[attachment: rota.ics, %d bytes]\n\n", len(m.ICS))
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
