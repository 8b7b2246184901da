package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
	"rota/internal/termtext"
)

// ShortNames returns what tables call each person: their first name where it
// is unique in the plan (as the reference paper writes "Simon", "Jo"), else
// their full name, else their id. A person named by their post (name and
// title alike, such as "Chief Executive") keeps the whole name.
func ShortNames(p *plan.Plan) map[string]string {
	first := map[string]int{}
	for _, x := range p.Persons {
		first[firstWord(x.Name)]++
	}
	out := map[string]string{}
	for _, x := range p.Persons {
		switch fw := firstWord(x.Name); {
		case x.Name == x.Title && x.Name != "":
			out[x.ID] = x.Name // a post named for its holder: "Chief Executive", not "Chief"
		case fw != "" && first[fw] == 1:
			out[x.ID] = fw
		case x.Name != "":
			out[x.ID] = x.Name
		default:
			out[x.ID] = x.ID
		}
	}
	return out
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

// Range is a run of gaps of one subject on consecutive working days for the
// same people away, as a PA would write them in a paper (the "run" of
// Totals).
type Range struct {
	Kind, ID string
	Title    string
	From, To calendar.Date
	Days     int    // dates in the run with the gap
	Why      string // who was needed and that each was away (with reasons: why)
	Critical bool   // a statutory duty, or the SPOC
}

// Ranges groups the gaps of r into runs, ordered by start date then subject,
// each explained with the absences' reasons: for the person using the tool.
func Ranges(r *coverage.Result, gaps []coverage.Gap) []Range { return RangesWith(r, gaps, true) }

// RangesWith is Ranges whose Why gives the absences' reasons only when
// reasons is true (see coverage.Result.WhyAway): what is printed or
// exported leaves them out unless asked. Runs are split on who was away,
// never on the reasons, so there are as many whether reasons are shown or
// not; a run whose reason changes gives each in turn: "paul away (sick),
// then paul away (annual leave)".
func RangesWith(r *coverage.Result, gaps []coverage.Gap, reasons bool) []Range {
	type key struct{ kind, id string }
	by := map[key][]coverage.Gap{}
	var keys []key
	for _, g := range gaps {
		k := key{g.Kind, g.ID}
		if _, ok := by[k]; !ok {
			keys = append(keys, k)
		}
		by[k] = append(by[k], g)
	}
	var out []Range
	for _, k := range keys {
		var cur *Range
		prevIdx := -2
		var curKey, lastWhy string
		for _, g := range by[k] {
			who, why := whyAway(r, g, reasons)
			idx, working := r.Frame.DayIndex(g.Date)
			if cur != nil && working && idx == prevIdx+1 && who == curKey {
				cur.To = g.Date
				cur.Days++
				if why != lastWhy {
					cur.Why += ", then " + why
					lastWhy = why
				}
			} else {
				if cur != nil {
					out = append(out, *cur)
				}
				cur = &Range{Kind: g.Kind, ID: g.ID, Title: r.Title(g), From: g.Date, To: g.Date, Days: 1, Why: why, Critical: critical(r.Frame, g)}
				curKey, lastWhy = who, why
			}
			prevIdx = -2
			if working {
				prevIdx = idx
			}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	// By start date, then critical first, then by title, as a PA reads
	// them. A council's decade has tens of thousands of runs: each title
	// is lowered once, and an index is sorted rather than the runs.
	lower := make([]string, len(out))
	order := make([]int, len(out))
	for i := range out {
		lower[i], order[i] = strings.ToLower(out[i].Title), i
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		switch {
		case a.From != b.From:
			return cmp.Compare(a.From, b.From)
		case a.Critical != b.Critical && a.Critical:
			return -1
		case a.Critical != b.Critical:
			return 1
		}
		if c := strings.Compare(lower[i], lower[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j) // stable: as they were found
	})
	sorted := make([]Range, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	return sorted
}

// whyAway is coverage.Result.WhyAway without the reasons (who) and, when
// reasons is true, with them (why; else who again), from one look at the
// gap's chain.
func whyAway(r *coverage.Result, g coverage.Gap, reasons bool) (who, why string) {
	if !reasons {
		who = r.WhyAway(g, false)
		return who, who
	}
	var w, y strings.Builder
	for _, id := range r.Chain(g) {
		if id == "" {
			continue
		}
		if w.Len() > 0 {
			w.WriteString(", ")
			y.WriteString(", ")
		}
		w.WriteString(id + " away")
		y.WriteString(id + " away")
		if a, ok := r.Frame.Absence(id, g.Date); ok && a.Reason != "" {
			y.WriteString(" (" + a.Reason + ")")
		}
	}
	return w.String(), y.String()
}

func critical(f *engine.Frame, g coverage.Gap) bool {
	switch g.Kind {
	case coverage.KindSPOC:
		return true
	case coverage.KindDuty:
		du, _ := f.Duty(g.ID)
		return du.Statutory
	}
	return false
}

// DateRange formats from..to compactly: "3 Oct 2022", "10–11 Oct 2022",
// "28 Sep – 3 Oct 2022", "30 Dec 2022 – 2 Jan 2023".
func DateRange(from, to calendar.Date) string {
	fy, fm, fd := from.YMD()
	ty, tm, td := to.YMD()
	switch {
	case from == to:
		return fmt.Sprintf("%d %s %d", fd, fm.String()[:3], fy)
	case fy == ty && fm == tm:
		return fmt.Sprintf("%d–%d %s %d", fd, td, fm.String()[:3], fy)
	case fy == ty:
		return fmt.Sprintf("%d %s – %d %s %d", fd, fm.String()[:3], td, tm.String()[:3], ty)
	default:
		return fmt.Sprintf("%d %s %d – %d %s %d", fd, fm.String()[:3], fy, td, tm.String()[:3], ty)
	}
}

// String formats a range as one line of `rota check`:
// "SIRO: nobody 10–11 Oct 2022 — paul away, simon away".
func (g Range) String() string {
	days := ""
	if g.Days > 1 {
		days = fmt.Sprintf(" (%d days)", g.Days)
	}
	mark := ""
	if g.Critical {
		mark = " [critical]"
	}
	return fmt.Sprintf("%s: nobody %s%s — %s%s", g.Title, DateRange(g.From, g.To), days, g.Why, mark)
}

// WriteCheck writes the gap summary of `rota check`; opt.Month is ignored.
func WriteCheck(w io.Writer, r *coverage.Result, opt Options) {
	p := r.Frame.Plan
	ranges := RangesWith(r, r.Gaps, opt.Reasons)
	if len(ranges) == 0 {
		fmt.Fprintf(w, "%s: no gaps from %s to %s.\n", p.Name, p.Start.Short(), p.End.Short())
	} else {
		// In the units of Totals, as everything else counts them; the
		// lines below are the runs.
		fmt.Fprintf(w, "%s: %s:\n", p.Name, Count(r, r.Gaps))
		for _, g := range ranges {
			fmt.Fprintf(w, "  %s\n", g)
		}
	}
	writeUnconfirmed(w, r)
	writeWarnings(w, r)
}

// writeWarnings writes the warnings, most severe first, as WarningLines
// groups them.
func writeWarnings(w io.Writer, r *coverage.Result) {
	if len(r.Warnings) == 0 {
		return
	}
	fmt.Fprintf(w, "\nWarnings (%d):\n", len(r.Warnings))
	for _, l := range WarningLines(r) {
		fmt.Fprintf(w, "  %-8s %s\n", l.Severity, l.Text)
	}
}

// WarningLine is one line of a plan's warnings: a severity (coverage.Critical,
// Warn or Advice) and what to say.
type WarningLine struct {
	Severity string
	Text     string
}

// WarningLines groups a plan's warnings into lines, most severe first, for
// `rota check` and the planner alike. Duties without cover are summarised,
// statutory ones by name and the rest by owner: a plan such as Cumbria's has
// dozens, and one line each would bury everything else.
func WarningLines(r *coverage.Result) []WarningLine {
	p := r.Frame.Plan
	var statutory []string
	others := map[string]int{}
	var owners []string
	var rest []coverage.Warning
	for _, x := range r.Warnings {
		if x.Kind != "no-cover" {
			rest = append(rest, x)
			continue
		}
		du, _ := r.Frame.Duty(x.ID) // the frame's index: a council has thousands
		if du.Statutory {
			statutory = append(statutory, fmt.Sprintf("%s (%s)", du.Title, p.PersonName(du.Owner)))
			continue
		}
		if others[du.Owner] == 0 {
			owners = append(owners, du.Owner)
		}
		others[du.Owner]++
	}
	var out []WarningLine
	if len(statutory) > 0 {
		out = append(out, WarningLine{coverage.Critical, fmt.Sprintf("%d statutory %s no cover: %s", len(statutory),
			plural(len(statutory), "delegation has", "delegations have"), strings.Join(statutory, "; "))})
	}
	for _, sev := range []string{coverage.Critical, coverage.Warn, coverage.Advice} {
		if sev == coverage.Warn && len(owners) > 0 {
			n := 0
			parts := make([]string, len(owners))
			for i, o := range owners {
				parts[i] = fmt.Sprintf("%s %d", p.PersonName(o), others[o])
				n += others[o]
			}
			out = append(out, WarningLine{coverage.Warn, fmt.Sprintf("%d other %s no cover (single points of failure): %s", n,
				plural(n, "duty has", "duties have"), strings.Join(parts, ", "))})
		}
		for _, x := range rest {
			if x.Severity == sev {
				out = append(out, WarningLine{x.Severity, x.Message})
			}
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Options narrows what the text reports show.
type Options struct {
	Month *calendar.Month // only this month
	// Reasons prints why each person is away as recorded ("away (sick)");
	// without it a report says "away" only, since a printed report is
	// shared and reasons are personal data (see coverage.Result.WhyAway).
	Reasons bool
}

// WritePlan writes the rota as a PA would put it in a paper: the SPOC and
// buddy table with months across, each month's presence calendar, then the
// gaps.
func WritePlan(w io.Writer, r *coverage.Result, opt Options) {
	f := r.Frame
	p := f.Plan
	names := ShortNames(p)
	fmt.Fprintln(w, p.Name)
	if org := strings.Trim(strings.Join([]string{p.Organisation, p.Directorate}, ", "), ", "); org != "" {
		fmt.Fprintln(w, org)
	}
	fmt.Fprintf(w, "%s to %s · %d working days · holidays: %s\n\n", p.Start.Short(), p.End.Short(), len(f.Days), p.Holidays)

	var months []int
	for i, m := range f.Months {
		if opt.Month == nil || *opt.Month == m {
			months = append(months, i)
		}
	}
	fmt.Fprintln(w, "ED single point of contact (SPOC), monthly, with buddy")
	for start := 0; start < len(months); start += 12 {
		chunk := months[start:min(start+12, len(months))]
		rows := [][]string{{""}, {"SPOC"}, {"buddy"}, {"buddy acts (days)"}, {"days with gaps"}}
		for _, i := range chunk {
			m := f.Months[i]
			label := m.First().Time().Format("Jan")
			if p.Start.Year() != p.End.Year() || opt.Month != nil {
				label = m.First().Time().Format("Jan 06")
			}
			rows[0] = append(rows[0], label)
			rows[1] = append(rows[1], names[r.Assign.SPOC[i]])
			rows[2] = append(rows[2], names[r.Assign.Buddy[i]])
			acts, _ := r.SPOCAway(i)
			rows[3] = append(rows[3], fmt.Sprint(acts))
			rows[4] = append(rows[4], fmt.Sprint(r.GapDays(i)))
		}
		WriteTable(w, rows)
		fmt.Fprintln(w)
	}
	if len(p.SPOC.Duties) > 0 {
		fmt.Fprintf(w, "The SPOC covers: %s.\n\n", strings.Join(p.SPOC.Duties, ", "))
	}
	if p.Presence.Enabled {
		fmt.Fprintln(w, "Daily presence in the county (* acting SPOC is not the SPOC, ! gap; \"Paul away→Jo\": Paul is assigned but away, Jo suggested)")
		for _, i := range months {
			writeMonthGrid(w, r, i, names)
		}
	}
	var gaps []coverage.Gap
	for _, g := range r.Gaps {
		if opt.Month == nil || g.Date.Month() == *opt.Month {
			gaps = append(gaps, g)
		}
	}
	ranges := RangesWith(r, gaps, opt.Reasons)
	if len(ranges) == 0 {
		fmt.Fprintln(w, "Gaps: none.")
	} else {
		fmt.Fprintf(w, "Gaps: %s:\n", Count(r, gaps))
		for _, g := range ranges {
			fmt.Fprintf(w, "  %s\n", g)
		}
	}
	writeUnconfirmed(w, r)
	writeWarnings(w, r)
}

// writeMonthGrid writes one month as weeks of the working weekdays.
func writeMonthGrid(w io.Writer, r *coverage.Result, i int, names map[string]string) {
	f := r.Frame
	m := f.Months[i]
	wds := append([]time.Weekday(nil), f.Plan.Workdays...)
	sort.Slice(wds, func(a, b int) bool { return (wds[a]+6)%7 < (wds[b]+6)%7 })
	fmt.Fprintf(w, "\n%s: SPOC %s, buddy %s, %d working days\n", m.First().Time().Format("January 2006"),
		names[r.Assign.SPOC[i]], names[r.Assign.Buddy[i]], len(f.MonthDays(i)))
	header := []string{""}
	for _, wd := range wds {
		header = append(header, wd.String()[:3])
	}
	rows := [][]string{header}
	var row []string
	week := -1
	for d := m.First(); d <= m.Last(); d++ {
		if d < f.Plan.Start || d > f.Plan.End || !f.Cal.IsWorkday(d) {
			continue
		}
		wk := weekOf(d)
		if wk != week {
			if row != nil {
				rows = append(rows, row)
			}
			row = make([]string, len(wds)+1)
			row[0] = fmt.Sprintf("w/c %d", weekStart(d).Time().Day())
			week = wk
		}
		col := 1
		for j, wd := range wds {
			if wd == d.Weekday() {
				col = j + 1
			}
		}
		row[col] = dayCell(r, d, names)
	}
	if row != nil {
		rows = append(rows, row)
	}
	WriteTable(w, rows)
}

func weekOf(d calendar.Date) int { return int(weekStart(d)) }

func weekStart(d calendar.Date) calendar.Date {
	return d.AddDays(-int((d.Weekday() + 6) % 7))
}

func dayCell(r *coverage.Result, d calendar.Date, names map[string]string) string {
	f := r.Frame
	day := d.Time().Day()
	if !f.Cal.IsWorking(d) {
		why := "closed"
		if _, ok := f.Cal.Holiday(d); ok {
			why = "holiday"
		}
		return fmt.Sprintf("%d %s", day, why)
	}
	cell := fmt.Sprintf("%d %s", day, names[r.Presence(d)])
	if k, _ := f.DayIndex(d); r.PresenceAway(k) {
		// Never the name alone on a day they are away: the gap it is.
		sug := "nobody"
		if s := engine.SuggestPresence(f, r.Assign, d); s != "" {
			sug = names[s]
		}
		cell = fmt.Sprintf("%d %s away→%s", day, names[r.Presence(d)], sug)
	}
	if r.Presence(d) == "" {
		cell = fmt.Sprintf("%d -", day)
	}
	if s, _ := r.SPOC(d); r.ActingSPOC(d) != s {
		cell += "*"
	}
	if len(r.GapsOn(d)) > 0 {
		cell += "!"
	}
	return cell
}

// WriteTable writes rows as left-aligned columns separated by two spaces,
// as every plain-text table of rota is laid out.
func WriteTable(w io.Writer, rows [][]string) {
	// A cell is one line: a line break in an author, a note or a user's
	// comment from a database written before such text was refused would
	// fake rows (a forged version in rota log), so every cell is escaped.
	cells := make([][]string, len(rows))
	widths := map[int]int{}
	for i, row := range rows {
		cells[i] = make([]string, len(row))
		for j, c := range row {
			cells[i][j] = termtext.Escape(c)
			widths[j] = max(widths[j], len([]rune(cells[i][j])))
		}
	}
	for _, row := range cells {
		var b strings.Builder
		for j, c := range row {
			if j > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if j < len(row)-1 {
				b.WriteString(strings.Repeat(" ", widths[j]-len([]rune(c))))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
}
