package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/export"
)

func init() {
	register(&command{
		name:    "export",
		usage:   "PLAN|FILE --format ics|csv|md|html [--person ID] [--from YYYY-MM] [--to YYYY-MM] [--gaps] [--table days|duties] [-o FILE] [--since VERSION] [--reasons] [--absent ID:FROM:TO]… [--db PATH]",
		summary: "export the rota for calendars (ics), spreadsheets (csv), papers (md) or print (html)",
		detail: `PLAN is a saved plan (PLAN, PLAN@VERSION, PLAN/SCENARIO), exported as saved;
FILE is a plan file (a path ending .toml), computed afresh. --absent adds
what-ifs: on a saved plan they change who acts and the gaps, not who is assigned.

Formats:
  ics   iCalendar: SPOC and buddy months, presence days, days someone acts for
        another, and events with who attends, as all-day events. Importing a
        newer export of the same plan updates the events instead of adding
        copies. --gaps adds one event per day that has gaps. --since VERSION
        (a saved plan) adds, cancelled, every event that version's export had
        and this one has not, so re-importing takes them away.
  csv   two tables: one row per working day (date, weekday, presence, SPOC,
        buddy, acting SPOC, gaps) and one row per duty (id, duty, area, owner,
        cover, statutory, uncovered days and dates). -o rota.csv writes both,
        rota.csv and rota-duties.csv; --table picks one (on stdout, the days
        table unless --table duties).
  md    the paper's tables in Markdown: responsibilities by area and person,
        the SPOC rota with buddies, the scheme of delegation, the gaps.
  html  one printable page with no outside files: the rota, month calendars,
        a coverage heat-map of duties by day, the gaps and each person's load.

A what-if (PLAN/SCENARIO, --absent) or an earlier version (PLAN@V) says so in
every format: calendar name and summaries, titles, a first line of each CSV
table; its calendar never overwrites the plan's events.

--person ID narrows to one person: ics keeps their months, presence days,
acting days, events they attend and gaps they could fill; csv keeps their days
and the duties they own or cover; md and html keep the duties they own or
cover and the gaps they could fill, and highlight them in the rota.
--from and --to (YYYY-MM, inclusive) narrow the months and days.
Every format says "away" without the reason; --reasons adds the reasons
recorded, which are personal data (sickness is health data).
Without --format, the format follows the -o file's extension. -o writes the
file whole or not at all; without -o the export goes to stdout.
SOURCE_DATE_EPOCH, when set, fixes the export's timestamp (for reproducible files).`,
		run: runExportRota,
	})
}

func runExportRota(e *env, args []string) error {
	c := commands["export"]
	fs := flags(c, e)
	format := fs.String("format", "", "ics, csv, md or html (default: from the -o file's extension)")
	person := fs.String("person", "", "export one person's share, by person id")
	from := fs.String("from", "", "first month to export, YYYY-MM (default: the plan's first)")
	to := fs.String("to", "", "last month to export, YYYY-MM (default: the plan's last)")
	gaps := fs.Bool("gaps", false, "ics: add the gaps as all-day events")
	table := fs.String("table", "", "csv: write only this table, days or duties")
	out := fs.String("o", "", "write to this file instead of stdout (csv: and FILE-duties.csv)")
	reasons := reasonsFlag(fs)
	since := fs.Int("since", 0, "ics of a saved plan: also cancel the events that version `VERSION`'s export had and this one has not")
	var absent listFlag
	fs.Var(&absent, "absent", absentHelp)
	db := storeFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 1); err != nil {
		return err
	}
	f, err := exportFormat(*format, *out)
	if err != nil {
		return err
	}
	opt := export.Options{Person: *person, Gaps: *gaps, Table: export.Table(*table), Reasons: *reasons}
	if opt.Table != "" && f != export.CSV {
		return badInput(fmt.Errorf("--table is for --format csv, not %s", f))
	}
	if opt.From, err = monthFlag("--from", *from); err != nil {
		return err
	}
	if opt.To, err = monthFlag("--to", *to); err != nil {
		return err
	}
	if opt.Stamp, err = exportStamp(e); err != nil {
		return err
	}
	if *since != 0 && f != export.ICS {
		return badInput(fmt.Errorf("--since is for --format ics, not %s: a calendar is where events must be taken away", f))
	}
	src, err := sourceFor(e, *db, pos[0], absent)
	if err != nil {
		return err
	}
	defer src.close()
	r := src.r
	opt.Identity, opt.Draft = src.identity, src.draft
	if err := opt.Check(r); err != nil {
		return badInput(err)
	}
	if f == export.ICS {
		seq, old, err := calendarHistory(src, opt, *since)
		if err != nil {
			return err
		}
		opt.Sequence, opt.Since = seq.Of, old
	}
	if *out == "" || *out == "-" {
		w := bufio.NewWriter(e.stdout)
		if err := export.Write(w, f, r, opt); err != nil {
			return err
		}
		return w.Flush()
	}
	written, err := export.WriteFiles(*out, f, r, opt)
	var folder *export.FolderError
	if errors.As(err, &folder) {
		return badInput(fmt.Errorf("-o %v", err))
	}
	if err != nil {
		return fmt.Errorf("export: %v", err)
	}
	fmt.Fprintf(e.stderr, "Wrote %s.\n", strings.Join(written, " and "))
	return nil
}

func fileExists(path string) bool {
	st, err := os.Stat(path)
	return err == nil && !st.IsDir()
}

// exportFormat reads --format, or takes it from the -o file's extension.
func exportFormat(format, out string) (export.Format, error) {
	if format != "" {
		f, err := export.ParseFormat(format)
		if err != nil {
			return "", badInput(fmt.Errorf("--format: %v", err))
		}
		return f, nil
	}
	if f, ok := export.FormatOf(out); ok {
		return f, nil
	}
	if out != "" && out != "-" {
		return "", badInput(fmt.Errorf("--format: cannot tell the format from %q: add --format ics, csv, md or html", out))
	}
	return "", badInput(fmt.Errorf("--format is needed: ics, csv, md or html (see rota export --help)"))
}

func monthFlag(name, s string) (calendar.Month, error) {
	if s == "" {
		return 0, nil
	}
	m, err := calendar.ParseMonth(s)
	if err != nil {
		return 0, badInput(fmt.Errorf("%s: %v", name, err))
	}
	return m, nil
}

// exportStamp is the time an export says it was made: now, or
// SOURCE_DATE_EPOCH (seconds since 1970) so that the same plan exports to the
// same bytes.
func exportStamp(e *env) (time.Time, error) {
	s := e.getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Now(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, badInput(fmt.Errorf("SOURCE_DATE_EPOCH: %q is not a number of seconds since 1970", s))
	}
	return time.Unix(n, 0).UTC(), nil
}
