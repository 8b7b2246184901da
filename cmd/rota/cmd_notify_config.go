package main

import (
	"fmt"
	"sort"
	"strconv"

	"github.com/spf13/cobra"

	"rota/internal/notify"
	"rota/internal/plan"
	"rota/internal/termtext"
)

type notifyConfigOptions struct {
	e    *env
	db   string
	vals map[string]*string
}

// notifyKeys are the settings rota notify config keeps, with their flags.
var notifyKeys = []struct{ key, flag, help string }{
	{"smtp", "smtp", "the SMTP server, `HOST:PORT`"},
	{"security", "security", "`starttls`, tls, or plain (127.0.0.1 only)"},
	{"from", "from", "the From `ADDRESS`"},
	{"user", "user", "the SMTP user `NAME` ($ROTA_SMTP_USER wins)"},
	{"password_file", "password-file", "the `PATH` of a file whose first line is the SMTP password, read at each run of rota notify and when rota serve starts"},
	{"ca_file", "ca-file", "trust the certificate authorities of this PEM `FILE` instead of the system's (a relay with the council's own authority)"},
	{"remind_days", "remind-days", "send the reminder before a SPOC month this many working `DAYS` before it (default 5)"},
	{"digest_nothing", "digest-nothing", "`send` (default) a short digest to a person with nothing in the week, or skip it"},
}

func newNotifyConfigCmd(e *env) *cobra.Command {
	o := &notifyConfigOptions{e: e, vals: map[string]*string{}}
	cmd := &cobra.Command{
		Use:   "config [--smtp HOST:PORT] [--security starttls|tls|plain] [--from ADDRESS] [--user NAME] [--password-file PATH] [--ca-file FILE] [--remind-days N] [--digest-nothing send|skip]",
		Short: "keep rota notify's SMTP settings in the database, once; print them",
		Long: `Keeps the settings given in the database, so that rota notify and rota
serve need no flags; a flag given to them still wins. An empty value ("")
removes a setting. The password is never kept: name a file it is read from
at each send (--password-file), or set $ROTA_SMTP_PASSWORD.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error { return o.run(cmd) },
	}
	addDBFlag(cmd, &o.db)
	for _, k := range notifyKeys {
		v := new(string)
		o.vals[k.key] = v
		cmd.Flags().StringVar(v, k.flag, "", k.help)
	}
	return cmd
}

func (o *notifyConfigOptions) run(cmd *cobra.Command) error {
	set := map[string]string{}
	for _, k := range notifyKeys {
		if !cmd.Flags().Changed(k.flag) {
			continue
		}
		v := *o.vals[k.key]
		if err := checkNotifySetting(k.key, v); err != nil {
			return badInput(fmt.Errorf("rota notify config: --%s %v", k.flag, err))
		}
		set[k.key] = v
	}
	// Only keeping a setting makes a database; listing them reads one.
	s, err := openStore(o.e, o.db, len(set) > 0)
	if err != nil {
		return err
	}
	defer s.Close()
	if len(set) > 0 {
		if err := s.SetNotifySettings(o.e.ctx, set); err != nil {
			return storeErr(err)
		}
	}
	cur, err := s.NotifySettings(o.e.ctx)
	if err != nil {
		return storeErr(err)
	}
	names := make([]string, 0, len(cur))
	for k := range cur {
		names = append(names, k)
	}
	sort.Strings(names)
	if len(names) == 0 {
		fmt.Fprintln(o.e.stdout, "no settings kept: rota notify takes them from its flags")
	}
	for _, k := range names {
		fmt.Fprintf(o.e.stdout, "%s = %s\n", k, termtext.Escape(cur[k]))
	}
	return nil
}

func checkNotifySetting(key, v string) error {
	if v == "" {
		return nil
	}
	if why := termtext.Check(v); why != "" {
		return fmt.Errorf("has %s", why)
	}
	switch key {
	case "smtp":
		_, _, err := notify.ParseServer(v)
		return err
	case "security":
		if v != string(notify.StartTLS) && v != string(notify.TLS) && v != string(notify.Plain) {
			return fmt.Errorf("%q: use starttls, tls or plain", v)
		}
	case "from":
		if why := plan.CheckEmail(v); why != "" {
			return fmt.Errorf("%q %s", v, why)
		}
	case "remind_days":
		_, err := parseRemindDays(v)
		return err
	case "digest_nothing":
		if v != "send" && v != "skip" {
			return fmt.Errorf("%q: use send or skip", v)
		}
	}
	return nil
}

// parseRemindDays reads a reminder's lead time in working days.
func parseRemindDays(v string) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > notify.MaxRemindDays {
		return 0, fmt.Errorf("%q: want a number of working days from 1 to %d", v, notify.MaxRemindDays)
	}
	return n, nil
}
