package export

import (
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"

	"rota/internal/calendar"
	"rota/internal/report"
)

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula (OWASP, "CSV Injection").
const formulaStarts = "=+-@\t\r\n"

// bom starts each CSV file: Excel, which is where these files are opened,
// reads a CSV without it as the local code page and garbles every accented
// name. Other readers skip it (Python's utf-8-sig, pandas, LibreOffice).
const bom = "\uFEFF"

// DaysHeader is the header row of the days table.
var DaysHeader = []string{"date", "weekday", "presence", "SPOC", "buddy", "acting SPOC", "gaps", "unconfirmed cover"}

// DutiesHeader is the header row of the duties table.
var DutiesHeader = []string{"id", "duty", "area", "owner", "cover", "statutory", "uncovered days", "uncovered dates", "unconfirmed cover days", "unconfirmed cover dates"}

// writeDaysCSV writes one row per working day in range: date (YYYY-MM-DD),
// weekday, who is present (on a saved day whose person is away, "gap: …
// is away; suggested: …"), the month's SPOC and buddy, the acting SPOC and the
// day's gaps (titles separated by "; ") and its unconfirmed cover ("SIRO:
// Simon Higgins has not accepted"; configs/plan-format.md section 5).
// People appear by name.
//
// With Options.Person only the days that concern them are written (the days
// of the months they lead or buddy, their presence days, and days they act as
// SPOC or hold a duty for someone), and the gaps column lists only the gaps
// they could fill.
func writeDaysCSV(w io.Writer, v *view) error {
	cw := newCSV(w)
	v.csvDraftLine(cw)
	cw.row(DaysHeader...)
	for _, k := range v.days {
		if v.opt.Person != "" && !v.dayConcerns(k) {
			continue
		}
		cells, gaps := v.dayCells(k)
		cw.row(append(cells, strings.Join(gaps, "; "), strings.Join(v.dayUnconfirmed(k), "; "))...)
	}
	return cw.flush()
}

// csvDraftLine starts a draft's table with a line that says what it is,
// above the header, where a spreadsheet shows it first.
func (v *view) csvDraftLine(cw *csvWriter) {
	if v.opt.Draft != "" {
		cw.line(v.draftTag() + " This is " + oneLine(v.opt.Draft) + ", not the agreed plan.")
	}
}

// dayCells are working day k's cells in the days tables (CSV and
// workbook) but its gaps: the date (YYYY-MM-DD), weekday, presence, SPOC,
// buddy and acting SPOC by name; and the titles of its gaps, only those the
// exported person could fill.
func (v *view) dayCells(k int) (cells, gaps []string) {
	r := v.r
	d := r.Frame.Days[k]
	spoc, buddy := r.SPOC(d)
	for _, g := range r.GapsOn(d) {
		if v.gapConcerns(g) {
			gaps = append(gaps, r.Title(g))
		}
	}
	pres := ""
	if v.p.Presence.Enabled {
		pres = v.nameOrBlank(r.Assign.Presence[k])
		if who, away, suggested := v.presence(k); away {
			pres = "gap: " + v.name(who) + " is away" + suggestNote(v, suggested)
		}
	}
	return []string{d.String(), d.Weekday().String()[:3], pres, v.nameOrBlank(spoc), v.nameOrBlank(buddy), v.nameOrBlank(r.Acting[k])}, gaps
}

// dayUnconfirmed says the unconfirmed cover of working day k ("SIRO: Simon
// Higgins has not accepted"), only of the person's duties when the export is
// for one person.
func (v *view) dayUnconfirmed(k int) []string {
	var out []string
	for _, u := range v.r.UnconfirmedOn(v.r.Frame.Days[k]) {
		if du, ok := v.p.Duty(u.Duty); ok && (v.opt.Person == "" || slices.Contains(du.Chain(), v.opt.Person)) {
			out = append(out, du.Title+": "+v.name(u.Person)+" has not accepted")
		}
	}
	return out
}

// dayConcerns reports whether working day k is one of the person's days.
func (v *view) dayConcerns(k int) bool {
	me := v.opt.Person
	r := v.r
	d := r.Frame.Days[k]
	spoc, buddy := r.SPOC(d)
	if spoc == me || buddy == me || r.Acting[k] == me || r.Assign.Presence[k] == me {
		return true
	}
	for _, du := range v.p.Duties {
		if du.Owner != me && v.holder(du, d) == me {
			return true
		}
	}
	return false
}

// writeDutiesCSV writes one row per duty: its id, title, area, owner, cover
// (names separated by "; "), whether it is statutory ("yes"/"no"), and the
// working days in range on which nobody holds it, counted and as date
// ranges, and likewise its days of unconfirmed cover.
//
// With Options.Person only the duties they own or cover are written.
func writeDutiesCSV(w io.Writer, v *view) error {
	cw := newCSV(w)
	v.csvDraftLine(cw)
	cw.row(DutiesHeader...)
	for _, du := range v.duties() {
		gaps := v.uncovered(du.ID)
		unconf := v.unconfirmedDays(du.ID)
		cw.row(append(v.dutyCells(du), fmt.Sprint(len(gaps)), dateRuns(v, gaps), fmt.Sprint(len(unconf)), dateRuns(v, unconf))...)
	}
	return cw.flush()
}

// dateRuns writes working-day dates as runs of consecutive working days:
// "3–14 Oct 2022; 2 Nov 2022".
func dateRuns(v *view, dates []calendar.Date) string {
	var out []string
	f := v.r.Frame
	for i := 0; i < len(dates); {
		j := i
		for j+1 < len(dates) {
			a, _ := f.DayIndex(dates[j])
			b, ok := f.DayIndex(dates[j+1])
			if !ok || b != a+1 {
				break
			}
			j++
		}
		out = append(out, report.DateRange(dates[i], dates[j]))
		i = j + 1
	}
	return strings.Join(out, "; ")
}

func (v *view) nameOrBlank(id string) string {
	if id == "" {
		return ""
	}
	return v.name(id)
}

// csvWriter writes cleaned, formula-safe cells and keeps the first error.
type csvWriter struct {
	w   io.Writer
	cw  *csv.Writer
	err error
}

func newCSV(w io.Writer) *csvWriter {
	c := &csvWriter{w: w, cw: csv.NewWriter(w)}
	c.cw.UseCRLF = true // RFC 4180 line ends
	_, c.err = io.WriteString(w, bom)
	return c
}

func (c *csvWriter) row(cells ...string) {
	if c.err != nil {
		return
	}
	out := make([]string, len(cells))
	for i, s := range cells {
		out[i] = Cell(s)
	}
	c.err = c.cw.Write(out)
}

// line writes one cell alone on its line, the other cells left out: a
// spreadsheet shows it across the columns.
func (c *csvWriter) line(text string) {
	if c.err != nil {
		return
	}
	c.err = c.cw.Write([]string{Cell(text)})
}

func (c *csvWriter) flush() error {
	c.cw.Flush()
	if c.err != nil {
		return c.err
	}
	return c.cw.Error()
}

// Cell prepares text for a CSV cell. Line breaks become "\n" (encoding/csv
// with UseCRLF writes them as CRLF inside the quotes, and a lone CR would be
// lost) and other control characters go. A cell that a spreadsheet would run
// as a formula, one starting with =, +, -, @, a tab, CR or LF, gets a leading
// single quote, which Excel and LibreOffice show as text: plan files are typed
// by people, and exports are opened in spreadsheets. A cell the PA began
// with a quote ("'Tis") is left as typed: a spreadsheet opening a CSV file
// shows that quote, so a second one would show too.
func Cell(s string) string {
	s = clean(s)
	if s != "" && strings.ContainsRune(formulaStarts, rune(s[0])) {
		return "'" + s
	}
	return s
}
