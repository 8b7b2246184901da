// Package export writes an evaluated rota in the formats people take it
// elsewhere in: iCalendar for their calendars, CSV for scripts and
// spreadsheets, an Excel workbook, Markdown and Word committee papers and one
// printable HTML page. Every name and title comes
// from a plan file someone typed, so each writer escapes it for its format:
// a comma, a quote, a newline or "<script>" in a name cannot break a file or
// run in the program that opens it.
package export

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
	"rota/internal/report"
)

// Format is an export format.
type Format string

// The export formats.
const (
	ICS      Format = "ics"  // iCalendar (RFC 5545)
	CSV      Format = "csv"  // RFC 4180, UTF-8
	Markdown Format = "md"   // the committee paper's tables
	HTML     Format = "html" // one self-contained printable page
	XLSX     Format = "xlsx" // an Excel workbook (ECMA-376)
	DOCX     Format = "docx" // the committee paper as a Word document (ECMA-376)
)

// Formats lists the formats in the order help texts show them.
var Formats = []Format{ICS, CSV, Markdown, HTML, XLSX, DOCX}

// Binary reports whether a format is not text: it goes to a file, not a
// terminal.
func (f Format) Binary() bool { return f == XLSX || f == DOCX }

// formatList names the formats for messages: "ics, csv, md, html, xlsx, docx".
var formatList = func() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}()

// ParseFormat reads a format name; "markdown" and "htm" are accepted too.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "ics", "ical", "icalendar":
		return ICS, nil
	case "csv":
		return CSV, nil
	case "md", "markdown":
		return Markdown, nil
	case "html", "htm":
		return HTML, nil
	case "xlsx", "excel":
		return XLSX, nil
	case "docx", "word":
		return DOCX, nil
	}
	return "", fmt.Errorf("%q is not an export format: write one of %s", s, formatList)
}

// FormatOf guesses the format from a file name's extension, so `-o rota.ics`
// needs no --format.
func FormatOf(path string) (Format, bool) {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	if ext == "" {
		return "", false
	}
	f, err := ParseFormat(ext)
	return f, err == nil
}

// Table picks one of the two CSV tables.
type Table string

// The CSV tables.
const (
	DaysTable   Table = "days"   // one row per working day
	DutiesTable Table = "duties" // one row per duty
)

// Options narrows and tunes an export. The zero value exports everything.
type Options struct {
	// Person narrows the export to one person's share (a person id); ""
	// exports the whole team. What each format keeps is in its writer's doc.
	Person string
	// From and To narrow the months and days exported, inclusive; zero means
	// the plan's first or last month.
	From, To calendar.Month
	// Gaps adds the gaps to an iCalendar export as all-day events. The other
	// formats always show gaps.
	Gaps bool
	// Table picks the CSV table; "" is DaysTable.
	Table Table
	// Stamp is the iCalendar DTSTAMP and the HTML page's "exported" date;
	// zero means now.
	Stamp time.Time
	// Reasons writes why each person is away as recorded ("away (sick)").
	// Without it every format says "away" only: an export is shared, and an
	// absence's reason is personal data (sickness is health data, special
	// category under UK GDPR Article 9).
	Reasons bool

	// Identity is the plan's identity, which calendar UIDs are made of: a
	// saved plan's (store.Snapshot.Identity). "" takes plan.Identity of the
	// plan, as for a plan file.
	Identity string
	// Draft says what the export is when it is not the plan as agreed, such
	// as "what-if paul-sick" or "version 3, not the latest"; "" for the
	// plan itself. Every format then says so where a reader looks: the
	// calendar's name and each event's summary, the page's and paper's
	// titles, the first line of each CSV table. A draft's calendar UIDs
	// differ from the plan's.
	Draft string
	// Sequence gives each calendar event's SEQUENCE by Event.Key (see
	// Sequences); nil gives 0 to all.
	Sequence func(key string) int
	// Refresh, when set, asks calendar programs that subscribe to the
	// calendar to fetch it again this often: REFRESH-INTERVAL (RFC 7986
	// section 5.7) and Outlook's X-PUBLISHED-TTL, in whole minutes.
	Refresh time.Duration
	// Since holds the events of a calendar published earlier
	// (CalendarEvents of that version, with these options): those this
	// export no longer has are written again with STATUS:CANCELLED, so a
	// calendar that imported the earlier file drops them.
	Since []Event
	// Keep, when set, narrows an iCalendar export to the events it returns
	// true for (a week of a digest, say); UIDs are as without it.
	Keep func(Event) bool
}

// Check reports whether opt fits r's plan: a known person, months inside the
// plan and in order, a known table. The message names the flag a command
// line would use.
func (opt Options) Check(r *coverage.Result) error {
	p := r.Frame.Plan
	if opt.Person != "" {
		if _, ok := p.Person(opt.Person); !ok {
			return fmt.Errorf("--person: %q is not a person of this plan (persons: %s)", opt.Person, strings.Join(p.PersonIDs(), ", "))
		}
	}
	first, last := p.Start.Month(), p.End.Month()
	for _, x := range []struct {
		flag string
		m    calendar.Month
	}{{"--from", opt.From}, {"--to", opt.To}} {
		if x.m != 0 && (x.m < first || x.m > last) {
			return fmt.Errorf("%s %s is outside the plan (%s to %s)", x.flag, x.m, first, last)
		}
	}
	if opt.From != 0 && opt.To != 0 && opt.From > opt.To {
		return fmt.Errorf("--from %s is after --to %s", opt.From, opt.To)
	}
	switch opt.Table {
	case "", DaysTable, DutiesTable:
	default:
		return fmt.Errorf("--table: %q is not a CSV table: write days or duties", opt.Table)
	}
	return nil
}

// Write writes r in format to w. opt must pass Check. The page and the
// papers of a plan longer than a year, with no From or To, show a summary of
// every year and the detail of the year of Options.Stamp (detail.go).
func Write(w io.Writer, format Format, r *coverage.Result, opt Options) error {
	if err := opt.Check(r); err != nil {
		return err
	}
	if opt.Stamp.IsZero() {
		opt.Stamp = time.Now()
	}
	long := false
	if format.Summarised() {
		opt, long = opt.withDetail(r.Frame.Plan)
	}
	v := newView(r, opt)
	v.long = long
	switch format {
	case ICS:
		return writeICS(w, v)
	case CSV:
		if opt.Table == DutiesTable {
			return writeDutiesCSV(w, v)
		}
		return writeDaysCSV(w, v)
	case Markdown:
		return writeMarkdown(w, v)
	case HTML:
		return writeHTML(w, v)
	case XLSX:
		return writeXLSX(w, v)
	case DOCX:
		return writeDOCX(w, v)
	}
	return fmt.Errorf("%q is not an export format: write one of %s", format, formatList)
}

// view is a rota seen through the options: the months and days in range and
// the questions every writer asks about them.
type view struct {
	r      *coverage.Result
	p      *plan.Plan
	opt    Options
	months []int // indices into Frame.Months, in range
	days   []int // indices into Frame.Days, in range
	short  map[string]string
	stamp  time.Time
	long   bool // a summary of every year above the detail of one (detail.go)

	presenceDays map[string]int // presence days by person, counted when first needed
}

func newView(r *coverage.Result, opt Options) *view {
	f := r.Frame
	v := &view{r: r, p: f.Plan, opt: opt, short: report.ShortNames(f.Plan), stamp: opt.Stamp}
	if v.stamp.IsZero() {
		v.stamp = time.Now()
	}
	in := func(m calendar.Month) bool {
		return (opt.From == 0 || m >= opt.From) && (opt.To == 0 || m <= opt.To)
	}
	for i, m := range f.Months {
		if in(m) {
			v.months = append(v.months, i)
		}
	}
	for k, d := range f.Days {
		if in(d.Month()) {
			v.days = append(v.days, k)
		}
	}
	return v
}

// holder is coverage.Result.Holder without looking the duty up by id each
// time: the exports ask for every duty on every day. On a day of
// unconfirmed cover it is the person the duty would fall to (see
// holderStatus).
func (v *view) holder(du plan.Duty, d calendar.Date) string {
	who, _ := v.holderStatus(du, d)
	return who
}

// holderStatus is coverage.Result.HolderStatus with the owner's day, the
// common case, answered without looking the duty up.
func (v *view) holderStatus(du plan.Duty, d calendar.Date) (string, string) {
	if !v.r.Frame.Absent(du.Owner, d) {
		return du.Owner, coverage.Held
	}
	return v.r.HolderStatus(du.ID, d)
}

// unconfirmed returns the runs of unconfirmed cover in range, only those
// of duties the person owns or covers when the export is for one person.
func (v *view) unconfirmed() []report.UnconfirmedRange {
	var out []report.UnconfirmedRange
	for _, u := range report.UnconfirmedRanges(v.r) {
		if !v.inRange(u.From) && !v.inRange(u.To) {
			continue
		}
		if du, ok := v.p.Duty(u.Duty); ok && (v.opt.Person == "" || slices.Contains(du.Chain(), v.opt.Person)) {
			out = append(out, u)
		}
	}
	return out
}

// unconfirmedDays returns the working days in range of unconfirmed cover
// of the duty.
func (v *view) unconfirmedDays(dutyID string) []calendar.Date {
	var out []calendar.Date
	for _, d := range v.r.UnconfirmedDays(dutyID) {
		if v.inRange(d) {
			out = append(out, d)
		}
	}
	return out
}

// identity is what the calendar's UIDs are made of (Options.Identity).
func (v *view) identity() string {
	if v.opt.Identity != "" {
		return v.opt.Identity
	}
	return plan.Identity(v.p)
}

// draftTag marks a draft's titles and summaries: "[What-if paul-sick]", or
// for a long description its first word, "[What-if]", since it starts every
// calendar summary; the whole description stands beside it (calendar
// description, page banner, CSV first line).
func (v *view) draftTag() string {
	d := oneLine(v.opt.Draft)
	if d == "" {
		return ""
	}
	if utf8.RuneCountInString(d) > maxDraftTag {
		d, _, _ = strings.Cut(d, " ")
		d = strings.TrimRight(d, ",;:")
	}
	return "[" + strings.ToUpper(d[:1]) + d[1:] + "]"
}

// maxDraftTag is the longest draft description a tag holds whole.
const maxDraftTag = 32

// presence returns who is assigned presence on working day k, whether they
// are recorded away that day (a saved rota keeps them: spec §9) and, if so,
// who could be present instead ("" for nobody).
func (v *view) presence(k int) (who string, away bool, suggested string) {
	f := v.r.Frame
	who = v.r.Assign.Presence[k]
	if who == "" || !f.Absent(who, f.Days[k]) {
		return who, false, ""
	}
	if v.presenceDays == nil {
		v.presenceDays = map[string]int{}
		for _, x := range v.r.Assign.Presence {
			v.presenceDays[x]++
		}
	}
	return who, true, engine.SuggestPresenceCounted(f, v.r.Assign, f.Days[k], v.presenceDays)
}

// inRange reports whether d lies in the exported months.
func (v *view) inRange(d calendar.Date) bool {
	m := d.Month()
	return (v.opt.From == 0 || m >= v.opt.From) && (v.opt.To == 0 || m <= v.opt.To) &&
		d >= v.p.Start && d <= v.p.End
}

// name is a person's full name, cleaned of control characters.
func (v *view) name(id string) string {
	if id == "" {
		return "nobody"
	}
	return clean(v.p.PersonName(id))
}

// shortName is what tables call a person (see report.ShortNames).
func (v *view) shortName(id string) string {
	if id == "" {
		return "nobody"
	}
	if s, ok := v.short[id]; ok {
		return clean(s)
	}
	return id
}

// gaps returns the gaps in range, only those the person could fill when the
// export is for one person.
func (v *view) gaps() []coverage.Gap {
	var out []coverage.Gap
	for _, g := range v.r.Gaps {
		if v.inRange(g.Date) && v.gapConcerns(g) {
			out = append(out, g)
		}
	}
	return out
}

// gapConcerns reports whether the exported person is one of those a gap
// needed (always true for a team export).
func (v *view) gapConcerns(g coverage.Gap) bool {
	return v.opt.Person == "" || slices.Contains(v.r.Chain(g), v.opt.Person)
}

// duties returns the plan's duties, only those the person owns or covers when
// the export is for one person.
func (v *view) duties() []plan.Duty {
	var out []plan.Duty
	for _, du := range v.p.Duties {
		if v.opt.Person == "" || slices.Contains(du.Chain(), v.opt.Person) {
			out = append(out, du)
		}
	}
	return out
}

// dutyCells are a duty's first cells in the duties tables (CSV and
// workbook): id, title, area, owner, cover (names joined by "; ") and
// whether it is statutory ("yes" or "no").
func (v *view) dutyCells(du plan.Duty) []string {
	cover := make([]string, len(du.Cover))
	for i, id := range du.Cover {
		cover[i] = v.name(id)
	}
	statutory := "no"
	if du.Statutory {
		statutory = "yes"
	}
	return []string{du.ID, du.Title, du.Area, v.name(du.Owner), strings.Join(cover, "; "), statutory}
}

// paperTitle is the plan's name, the person's when the paper is theirs,
// and the draft's tag when it is not the agreed plan.
func (v *view) paperTitle() string {
	title := v.p.Name
	if v.opt.Person != "" {
		title += " — " + v.name(v.opt.Person)
	}
	if v.opt.Draft != "" {
		title += " " + v.draftTag()
	}
	return title
}

// uncovered returns the working days in range on which nobody holds the duty.
func (v *view) uncovered(dutyID string) []calendar.Date {
	var out []calendar.Date
	for _, d := range v.r.DutyGaps(dutyID) {
		if v.inRange(d) {
			out = append(out, d)
		}
	}
	return out
}

// areas groups duties by area in the order the areas first appear; duties
// without one come last under "Other".
func areas(duties []plan.Duty) (names []string, by map[string][]plan.Duty) {
	by = map[string][]plan.Duty{}
	add := func(a string, du plan.Duty) {
		if _, ok := by[a]; !ok {
			names = append(names, a)
		}
		by[a] = append(by[a], du)
	}
	for _, du := range duties {
		if du.Area != "" {
			add(du.Area, du)
		}
	}
	for _, du := range duties {
		if du.Area == "" {
			add(otherArea, du)
		}
	}
	return names, by
}

const otherArea = "Other"

// owners returns the persons who own at least one of duties, in plan order.
func (v *view) owners(duties []plan.Duty) []string {
	own := map[string]bool{}
	for _, du := range duties {
		own[du.Owner] = true
	}
	var out []string
	for _, x := range v.p.Persons {
		if own[x.ID] {
			out = append(out, x.ID)
		}
	}
	return out
}

// monthSpan returns the dates of month i that lie in the plan's period.
func (v *view) monthSpan(i int) (from, to calendar.Date) {
	m := v.r.Frame.Months[i]
	return max(m.First(), v.p.Start), min(m.Last(), v.p.End)
}

// workdaysMondayFirst returns the plan's working weekdays, Monday first, as
// a calendar page shows them.
func (v *view) workdaysMondayFirst() []time.Weekday {
	wds := slices.Clone(v.p.Workdays)
	sort.Slice(wds, func(a, b int) bool { return (wds[a]+6)%7 < (wds[b]+6)%7 })
	return slices.Compact(wds)
}

// clean makes typed text safe to carry into any format: invalid UTF-8 becomes
// U+FFFD, every line break becomes "\n", and other control characters go,
// since no format can show them and several (iCalendar, CSV in Excel) are
// broken by them. Tabs stay.
func clean(s string) string {
	ok := true
	for _, c := range s {
		if c == utf8.RuneError || (unicode.IsControl(c) && c != '\t' && c != '\n') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '\r':
			b.WriteByte('\n')
		case c == '\t' || c == '\n' || !unicode.IsControl(c):
			b.WriteRune(c)
		}
	}
	return b.String()
}

// oneLine is clean text with its line breaks and tabs turned into spaces, for
// places that hold one line.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(clean(s), func(c rune) bool { return c == '\n' || c == '\t' }), " ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// gapGroup is the gaps that share their dates and their reason, such as every
// duty of one person over their leave: a paper lists them in one line.
type gapGroup struct {
	From, To calendar.Date
	Days     int    // working days in the run
	Why      string // who was needed and why each was away, by name
	Items    []gapItem
	Critical bool // any item is
}

type gapItem struct {
	Title    string
	Critical bool // the SPOC or a statutory duty
}

// gapGroups returns the gaps in range as report.Ranges runs, those with the
// same dates and reason together, in date order.
func (v *view) gapGroups() []gapGroup {
	var out []gapGroup
	at := map[string]int{}
	for _, rg := range report.RangesWith(v.r, v.gaps(), v.opt.Reasons) {
		why := v.why(coverage.Gap{Date: rg.From, Kind: rg.Kind, ID: rg.ID})
		key := fmt.Sprint(rg.From, rg.To, rg.Days, why)
		i, ok := at[key]
		if !ok {
			i = len(out)
			at[key] = i
			out = append(out, gapGroup{From: rg.From, To: rg.To, Days: rg.Days, Why: why})
		}
		out[i].Items = append(out[i].Items, gapItem{Title: clean(rg.Title), Critical: rg.Critical})
		out[i].Critical = out[i].Critical || rg.Critical
	}
	for _, g := range out {
		sort.SliceStable(g.Items, func(a, b int) bool { return g.Items[a].Critical && !g.Items[b].Critical })
	}
	return out
}

// why explains a gap by name: "Paul Robinson away", or with Options.Reasons
// "Paul Robinson away (annual leave)".
func (v *view) why(g coverage.Gap) string {
	var parts []string
	seen := map[string]bool{}
	for _, id := range v.r.Chain(g) {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		s := v.name(id) + " away"
		if a, ok := v.r.Frame.Absence(id, g.Date); ok && a.Reason != "" && v.opt.Reasons {
			s += " (" + clean(a.Reason) + ")"
		}
		parts = append(parts, s)
	}
	if len(parts) == 0 {
		return "nobody is set"
	}
	return strings.Join(parts, ", ")
}
