package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/report"
	"rota/internal/serve"
)

func newFeedCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed new|list|revoke",
		Short: "calendar feeds: secret URLs that calendar programs subscribe to",
		Long: `A feed shows a saved plan's latest version, always: Outlook, Google and Apple
Calendar subscribe to its URL and refresh it by themselves. rota serve answers
feeds over HTTP. Absence reasons are never in a feed. A feed shows the months
around the current one (12 before, 24 after unless --past/--ahead say), or
with --whole the whole plan.`,
		Example: `  rota feed new cccs --person paul --url https://rota.example.org
  rota feed new cccs --team --past 0 --ahead 11
  rota feed new cccs --person paul --whole
  rota feed list
  rota feed revoke 3`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error {
			return badInput(fmt.Errorf("rota feed: name what to do: new, list or revoke"))
		},
	}
	cmd.AddCommand(newFeedNewCmd(e), newFeedListCmd(e), newFeedRevokeCmd(e))
	return cmd
}

type feedNewOptions struct {
	e           *env
	db          string
	person      string
	team        bool
	url         string
	past, ahead int
	whole       bool
}

func newFeedNewCmd(e *env) *cobra.Command {
	o := &feedNewOptions{e: e}
	cmd := &cobra.Command{
		Use:   "new PLAN --person ID|--team [--past N] [--ahead N | --whole] [--url BASE]",
		Short: "make a feed and print its secret URL, once",
		Long: `The URL is printed once and not kept (only a hash of its secret is): give it to
the person, who subscribes to it in their calendar ("Add calendar" → "From
internet" in Outlook, "From URL" in Google Calendar). Anyone with the URL can
read the calendar: revoke it (rota feed revoke) if it leaks.

The feed shows a window of months that moves with the server's date: --past
months before the current month and --ahead after it (0 to 120 each). A
subscribed calendar mirrors the feed, so what leaves the window leaves the
calendar: the default year back keeps recent history, and a smaller feed is
one calendar programs take well. Near the plan's ends the window slides to keep
its length inside the plan: a finished plan shows its last months, one not
begun its first. --whole shows the whole plan however long.`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.whole && (cmd.Flags().Changed("past") || cmd.Flags().Changed("ahead")) {
				return badInput(fmt.Errorf("rota feed new: give --whole for the whole plan, or --past/--ahead for a window of months, not both"))
			}
			return o.run(args[0])
		},
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVar(&o.person, "person", "", "the person whose calendar it is")
	cmd.Flags().BoolVar(&o.team, "team", false, "the team's calendar: the acting SPOC each day and who is present")
	cmd.Flags().StringVar(&o.url, "url", "http://"+serve.DefaultHTTP, "the address people reach rota serve's HTTP at")
	cmd.Flags().IntVar(&o.past, "past", backend.DefaultPast, "months before the current month the feed shows (0 to 120)")
	cmd.Flags().IntVar(&o.ahead, "ahead", backend.DefaultAhead, "months after the current month the feed shows (0 to 120)")
	cmd.Flags().BoolVar(&o.whole, "whole", false, "show the plan's whole span, not a window of months")
	return cmd
}

func (o *feedNewOptions) run(planName string) error {
	switch {
	case o.person != "" && o.team:
		return badInput(fmt.Errorf("rota feed new: give --person ID or --team, not both: a feed is one person's calendar or the team's"))
	case o.person == "" && !o.team:
		return badInput(fmt.Errorf("rota feed new: give --person ID for one person's calendar, or --team for the team's"))
	}
	w := backend.Window{Whole: o.whole, Past: o.past, Ahead: o.ahead}
	if o.whole {
		w.Past, w.Ahead = 0, 0
	}
	if err := backend.CheckWindow(w); err != nil {
		return badInput(fmt.Errorf("rota feed new: %w", err))
	}
	base := strings.TrimSuffix(o.url, "/")
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		return badInput(fmt.Errorf("--url %q: give the address with http:// or https://, e.g. https://rota.example.org", o.url))
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	f, token, err := s.NewFeed(ctx, planName, o.person, w)
	if err != nil {
		return storeErr(err)
	}
	whose := "the team's calendar"
	if f.Person != "" {
		whose = f.Person + "'s calendar"
	}
	shows := windowText(f.Window)
	if first, last, err := s.PlanMonths(ctx, f.Plan); err == nil {
		from, to := backend.FeedMonths(f.Window, backend.MonthOf(s.Now()), first, last)
		shows += ", now " + monthsText(from, to)
	}
	fmt.Fprintf(o.e.stdout, "Feed %d: %s of plan %s, %s. Its URL, shown this once:\n\n  %s%s%s.ics\n\n", f.ID, whose, f.Plan, shows, base, serve.FeedPath, token)
	return nil
}

type feedListOptions struct {
	e      *env
	db     string
	asJSON bool
}

func newFeedListCmd(e *env) *cobra.Command {
	o := &feedListOptions{e: e}
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "list the feeds, with when each was last used",
		Args:  exactArgs(0),
		RunE:  func(*cobra.Command, []string) error { return o.run() },
	}
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the list as JSON")
	return cmd
}

func (o *feedListOptions) run() error {
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Feeds(context.Background())
	if err != nil {
		return storeErr(err)
	}
	w := o.e.stdout
	// The months each feed shows now, of its plan's latest version: one
	// load of each plan.
	type span struct{ from, to calendar.Month }
	plans := map[string]span{}
	now := backend.MonthOf(s.Now())
	shown := func(f backend.Feed) (span, bool) {
		p, ok := plans[f.Plan]
		if !ok {
			first, last, err := s.PlanMonths(context.Background(), f.Plan)
			if err != nil {
				return span{}, false
			}
			p = span{first, last}
			plans[f.Plan] = p
		}
		from, to := backend.FeedMonths(f.Window, now, p.from, p.to)
		return span{from, to}, true
	}
	if o.asJSON {
		type shows struct {
			From calendar.Month `json:"from"`
			To   calendar.Month `json:"to"`
		}
		type listed struct {
			backend.Feed
			Shows *shows `json:"shows,omitempty"` // the months shown now
		}
		out := []listed{}
		for _, f := range list {
			l := listed{Feed: f}
			if sp, ok := shown(f); ok {
				l.Shows = &shows{sp.from, sp.to}
			}
			out = append(out, l)
		}
		return writeJSON(w, out)
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "No feeds yet: make one with rota feed new PLAN --person ID.")
		return nil
	}
	rows := [][]string{{"ID", "PLAN", "CALENDAR", "WINDOW", "SHOWS NOW", "MADE", "BY", "LAST USED", "USES", "STATE"}}
	for _, f := range list {
		months := "-"
		if sp, ok := shown(f); ok {
			months = monthsText(sp.from, sp.to)
		}
		whose, used, state := "team", "never", "working"
		if f.Person != "" {
			whose = f.Person
		}
		if !f.Used.IsZero() {
			used = when(f.Used)
		}
		if !f.Revoked.IsZero() {
			state = "revoked " + when(f.Revoked)
		}
		rows = append(rows, []string{strconv.FormatInt(f.ID, 10), f.Plan, whose, windowText(f.Window), months, when(f.Created), f.CreatedBy, used, strconv.Itoa(f.Uses), state})
	}
	report.WriteTable(w, rows)
	return nil
}

// windowText says what a feed's window is, in its flags' terms.
func windowText(w backend.Window) string {
	if w.Whole {
		return "whole plan"
	}
	months := "months"
	if w.Past == 1 {
		months = "month"
	}
	return fmt.Sprintf("%d %s back, %d ahead", w.Past, months, w.Ahead)
}

func monthsText(from, to calendar.Month) string {
	if from == to {
		return from.Label()
	}
	return from.Label() + " to " + to.Label()
}

type feedRevokeOptions struct {
	e  *env
	db string
}

func newFeedRevokeCmd(e *env) *cobra.Command {
	o := &feedRevokeOptions{e: e}
	cmd := &cobra.Command{
		Use:   "revoke ID",
		Short: "stop a feed: its URL answers 404 from now on",
		Args:  exactArgs(1),
		RunE:  func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
	}
	addDBFlag(cmd, &o.db)
	return cmd
}

func (o *feedRevokeOptions) run(arg string) error {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id < 1 {
		return badInput(fmt.Errorf("rota feed revoke: %q is not a feed id: give the number rota feed list shows", arg))
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.RevokeFeed(context.Background(), id); err != nil {
		return storeErr(err)
	}
	fmt.Fprintf(o.e.stdout, "Feed %d revoked.\n", id)
	return nil
}
