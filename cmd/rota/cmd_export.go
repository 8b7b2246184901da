package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"rota/internal/calendar"
	"rota/internal/export"
	"rota/internal/outfile"
)

type exportOptions struct {
	e                               *env
	format, person, from, to, table string
	out, db                         string
	gaps, reasons                   bool
	since                           int
	absent                          []string
}

func newExportCmd(e *env) *cobra.Command {
	o := &exportOptions{e: e}
	cmd := &cobra.Command{
		Use:   "export PLAN|FILE --format ics|csv|md|html|xlsx|docx [--person ID] [--from YYYY-MM] [--to YYYY-MM] [--gaps] [--table days|duties] [-o FILE] [--since VERSION] [--reasons] [--absent ID:FROM:TO]… [--db PATH]",
		Short: "export the rota for calendars (ics), spreadsheets (csv, xlsx), papers (md, docx) or print (html)",
		Long: `PLAN is a saved plan (PLAN, PLAN@VERSION, PLAN/SCENARIO), exported as saved;
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
  xlsx  an Excel workbook: sheets Rota (months across), Days, Duties and
        Gaps, with real dates, ids and titles kept as typed, frozen and
        filtered headers, gaps marked, printing on A4 landscape.
  docx  the md paper as a Word document: A4 landscape, Heading 1 sections,
        tables whose header rows repeat on each page, one item per line.

A what-if (PLAN/SCENARIO, --absent) or an earlier version (PLAN@V) says so in
every format: calendar name and summaries, titles, a first line of each CSV
table; its calendar never overwrites the plan's events.

--person ID narrows to one person: ics keeps their months, presence days,
acting days, events they attend and gaps they could fill; csv keeps their days
and the duties they own or cover; md and html keep the duties they own or
cover and the gaps they could fill, and highlight them in the rota; xlsx
keeps their days, their duties and their gaps; docx as md.
--from and --to (YYYY-MM, inclusive) narrow the months and days. For a plan
longer than a year, html, md and docx show without them a summary of every
year and the detail of the current year (the first, when the export's date
is outside the plan), and say so; ics, csv and xlsx stay whole.
Every format says "away" without the reason; --reasons adds the reasons
recorded, which are personal data (sickness is health data).
Without --format, the format follows the -o file's extension. -o writes the
file whole or not at all; without -o the export goes to stdout.
SOURCE_DATE_EPOCH, when set, fixes the export's timestamp (for reproducible files).`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: func(cmd *cobra.Command, args []string, typed string) ([]string, cobra.ShellCompDirective) {
			names, _ := completePlans(e, &o.db, 1)(cmd, args, typed)
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return names, cobra.ShellCompDirectiveDefault // saved plans, and files
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.format, "format", "", "the `FORMAT` to write: ics, csv, md, html, xlsx or docx (default: from the -o file's extension)")
	f.StringVar(&o.person, "person", "", "export one person's share, by person `ID`")
	f.StringVar(&o.from, "from", "", "first month to export, `YYYY-MM` (default: the plan's first)")
	f.StringVar(&o.to, "to", "", "last month to export, `YYYY-MM` (default: the plan's last)")
	f.BoolVar(&o.gaps, "gaps", false, "ics: add the gaps as all-day events")
	f.StringVar(&o.table, "table", "", "csv: write only this `TABLE`, days or duties")
	f.StringVarP(&o.out, "output", "o", "", "write to `FILE` instead of stdout (csv: and FILE-duties.csv)")
	addReasonsFlag(cmd, &o.reasons)
	f.IntVar(&o.since, "since", 0, "ics of a saved plan: also cancel the events that version `VERSION`'s export had and this one has not")
	addAbsentFlag(cmd, &o.absent)
	addDBFlag(cmd, &o.db)
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"ics", "csv", "md", "html", "xlsx", "docx"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("table", cobra.FixedCompletions([]string{"days", "duties"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// exportMemoryLimit is the soft limit on the heap while exporting, unless
// GOMEMLIMIT says otherwise. The exports stream, so what they hold at once
// is well under it even for a council's decade; without a limit the
// collector lets the heap grow to twice what is live before it runs, which
// for the decade is 150 MB of memory for 100 MB of use.
const exportMemoryLimit = 100 << 20

func (o *exportOptions) run(arg string) error {
	if o.e.getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(exportMemoryLimit))
	}
	f, err := exportFormat(o.format, o.out)
	if err != nil {
		return err
	}
	opt := export.Options{Person: o.person, Gaps: o.gaps, Table: export.Table(o.table), Reasons: o.reasons}
	if opt.Table != "" && f != export.CSV {
		return badInput(fmt.Errorf("--table is for --format csv, not %s", f))
	}
	if opt.From, err = monthFlag("--from", o.from); err != nil {
		return err
	}
	if opt.To, err = monthFlag("--to", o.to); err != nil {
		return err
	}
	if opt.Stamp, err = exportStamp(o.e); err != nil {
		return err
	}
	if o.since != 0 && f != export.ICS {
		return badInput(fmt.Errorf("--since is for --format ics, not %s: a calendar is where events must be taken away", f))
	}
	src, err := sourceFor(o.e, o.db, arg, o.absent)
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
		seq, old, err := calendarHistory(src, opt, o.since)
		if err != nil {
			return err
		}
		opt.Sequence, opt.Since = seq.Of, old
	}
	if o.out == "" || o.out == "-" {
		if f.Binary() && isTerminal(o.e.stdout) {
			return badInput(fmt.Errorf("--format %s is a file, not text for a terminal: add -o rota.%s", f, f))
		}
		w := bufio.NewWriter(dataOut(o.e.stdout))
		if err := export.Write(w, f, r, opt); err != nil {
			return err
		}
		return w.Flush()
	}
	written, err := export.WriteFiles(o.out, f, r, opt)
	if err != nil {
		return outErr(err)
	}
	fmt.Fprintf(o.e.stderr, "Wrote %s.\n", strings.Join(written, " and "))
	return nil
}

// outErr says why a file could not be written: a target that cannot be
// one (a missing folder, a device) is bad input, exit 2; a failing disk, 1.
func outErr(err error) error {
	var folder *outfile.FolderError
	var notFile *outfile.NotFileError
	if errors.As(err, &folder) || errors.As(err, &notFile) {
		return badInput(fmt.Errorf("-o %v", err))
	}
	return fmt.Errorf("-o %v", err)
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
		return "", badInput(fmt.Errorf("--format: cannot tell the format from %q: add --format ics, csv, md, html, xlsx or docx", out))
	}
	return "", badInput(fmt.Errorf("--format is needed: ics, csv, md, html, xlsx or docx (see rota export --help)"))
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

// isTerminal reports whether w is a terminal, where a binary export would
// only garble the screen.
func isTerminal(w io.Writer) bool {
	f, ok := osFile(w)
	return ok && term.IsTerminal(f.Fd())
}
