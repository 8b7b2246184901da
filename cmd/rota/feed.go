package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/report"
	"rota/internal/serve"
)

func newFeedCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "feed new|list|revoke",
		Short: "calendar feeds: secret URLs that calendar programs subscribe to",
		Long: `A feed shows a saved plan's latest version, always: Outlook, Google and Apple
Calendar subscribe to its URL and refresh it by themselves. rota serve answers
feeds over HTTP. Absence reasons are never in a feed.`,
		Example: `  rota feed new cccs --person paul --url https://rota.example.org
  rota feed new cccs --team
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
	e      *env
	db     string
	person string
	team   bool
	url    string
}

func newFeedNewCmd(e *env) *cobra.Command {
	o := &feedNewOptions{e: e}
	cmd := &cobra.Command{
		Use:   "new PLAN --person ID|--team [--url BASE]",
		Short: "make a feed and print its secret URL, once",
		Long: `The URL is printed once and not kept (only a hash of its secret is): give it to
the person, who subscribes to it in their calendar ("Add calendar" → "From
internet" in Outlook, "From URL" in Google Calendar). Anyone with the URL can
read the calendar: revoke it (rota feed revoke) if it leaks.`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVar(&o.person, "person", "", "the person whose calendar it is")
	cmd.Flags().BoolVar(&o.team, "team", false, "the team's calendar: the acting SPOC each day and who is present")
	cmd.Flags().StringVar(&o.url, "url", "http://"+serve.DefaultHTTP, "the address people reach rota serve's HTTP at")
	return cmd
}

func (o *feedNewOptions) run(planName string) error {
	if (o.person == "") == !o.team {
		return badInput(fmt.Errorf("rota feed new: give --person ID for one person's calendar, or --team for the team's"))
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
	f, token, err := s.NewFeed(context.Background(), planName, o.person)
	if err != nil {
		return storeErr(err)
	}
	whose := "the team's calendar"
	if f.Person != "" {
		whose = f.Person + "'s calendar"
	}
	fmt.Fprintf(o.e.stdout, "Feed %d: %s of plan %s. Its URL, shown this once:\n\n  %s%s%s.ics\n\n", f.ID, whose, f.Plan, base, serve.FeedPath, token)
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
	if o.asJSON {
		if list == nil {
			list = []backend.Feed{}
		}
		return writeJSON(w, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "No feeds yet: make one with rota feed new PLAN --person ID.")
		return nil
	}
	rows := [][]string{{"ID", "PLAN", "CALENDAR", "MADE", "BY", "LAST USED", "USES", "STATE"}}
	for _, f := range list {
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
		rows = append(rows, []string{strconv.FormatInt(f.ID, 10), f.Plan, whose, when(f.Created), f.CreatedBy, used, strconv.Itoa(f.Uses), state})
	}
	report.WriteTable(w, rows)
	return nil
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
