package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"rota/internal/report"
)

// writeMarkdown writes the committee paper's tables in GitHub-flavoured
// Markdown: responsibilities by area and person (one column per person who
// owns a duty), the SPOC rota with buddies (months across, as the reference
// paper lays it out), the scheme of delegation (the statutory duties) with
// their cover, and the gaps as date ranges.
//
// With Options.Person the responsibilities and the scheme of delegation keep
// the duties the person owns or covers and the gaps keep those they could
// fill; the SPOC rota stays whole, with their months in bold, since a paper
// shows it for the team.
func writeMarkdown(w io.Writer, v *view) error {
	bw := bufio.NewWriter(w)
	r := v.r
	f := r.Frame
	p := v.p

	fmt.Fprintf(bw, "# %s\n\n", mdText(v.paperTitle()))
	if v.opt.Draft != "" {
		fmt.Fprintf(bw, "**This is %s, not the agreed plan.**\n\n", mdCell(v.opt.Draft))
	}
	var org []string
	for _, s := range []string{p.Organisation, p.Directorate} {
		if strings.TrimSpace(s) != "" {
			org = append(org, mdText(s))
		}
	}
	if len(org) > 0 {
		fmt.Fprintf(bw, "%s\n\n", strings.Join(org, ", "))
	}
	from, to := p.Start, p.End
	if len(v.months) > 0 {
		from, _ = v.monthSpan(v.months[0])
		_, to = v.monthSpan(v.months[len(v.months)-1])
	}
	fmt.Fprintf(bw, "%s to %s: %d working %s.\n\n", from.Short(), to.Short(), len(v.days), plural(len(v.days), "day", "days"))

	if v.long {
		fmt.Fprintf(bw, "## Summary, %s to %s\n\n%s\n\n", p.Start.Month().Label(), p.End.Month().Label(), mdText(v.detailNote()))
		rows := [][]string{summaryHeader}
		for _, y := range v.summary() {
			rows = append(rows, y.cells())
		}
		mdTable(bw, rows)
	}

	// Responsibilities by area × person.
	duties := v.duties()
	fmt.Fprintf(bw, "## Responsibilities\n\n")
	if len(duties) == 0 {
		fmt.Fprintf(bw, "No duties.\n\n")
	} else {
		owners := v.owners(duties)
		header := []string{"Area"}
		for _, id := range owners {
			header = append(header, mdCell(v.shortName(id)))
		}
		rows := [][]string{header}
		names, by := areas(duties)
		for _, a := range names {
			row := []string{mdCell(a)}
			for _, id := range owners {
				var items []string
				for _, du := range by[a] {
					if du.Owner == id {
						items = append(items, mdCell(du.Title))
					}
				}
				row = append(row, strings.Join(items, "<br>"))
			}
			rows = append(rows, row)
		}
		mdTable(bw, rows)
	}

	// The SPOC rota, months across in chunks of twelve.
	fmt.Fprintf(bw, "## Single point of contact (SPOC) rota\n\n")
	fmt.Fprintf(bw, "Each month's buddy covers when the SPOC is away.\n\n")
	for start := 0; start < len(v.months); start += 12 {
		chunk := v.months[start:min(start+12, len(v.months))]
		rows := [][]string{{""}, {"SPOC"}, {"Buddy"}, {"Buddy acts (days)"}, {"Days with gaps"}}
		for _, i := range chunk {
			acts, _ := r.SPOCAway(i)
			rows[0] = append(rows[0], f.Months[i].Label())
			rows[1] = append(rows[1], v.mdPerson(r.Assign.SPOC[i]))
			rows[2] = append(rows[2], v.mdPerson(r.Assign.Buddy[i]))
			rows[3] = append(rows[3], fmt.Sprint(acts))
			rows[4] = append(rows[4], fmt.Sprint(r.GapDays(i)))
		}
		mdTable(bw, rows)
	}
	if len(p.SPOC.Duties) > 0 {
		items := make([]string, len(p.SPOC.Duties))
		for i, s := range p.SPOC.Duties {
			items[i] = mdText(s)
		}
		fmt.Fprintf(bw, "The SPOC covers: %s.\n\n", strings.Join(items, ", "))
	}

	// Scheme of delegation: the statutory duties with their cover.
	fmt.Fprintf(bw, "## Scheme of delegation\n\n")
	rows := [][]string{{"Delegation", "Held by", "Cover", "Uncovered working days"}}
	for _, du := range duties {
		if !du.Statutory {
			continue
		}
		cover := "none"
		if len(du.Cover) > 0 {
			names := make([]string, len(du.Cover))
			for i, id := range du.Cover {
				names[i] = mdCell(v.name(id))
			}
			cover = strings.Join(names, ", then ")
		}
		rows = append(rows, []string{mdCell(du.Title), mdCell(v.name(du.Owner)), cover, fmt.Sprint(len(v.uncovered(du.ID)))})
	}
	if len(rows) == 1 {
		fmt.Fprintf(bw, "No statutory delegations.\n\n")
	} else {
		mdTable(bw, rows)
	}

	// Gaps as date ranges, those with the same dates and reason together.
	fmt.Fprintf(bw, "## Gaps\n\n")
	groups := v.gapGroups()
	if t := report.Count(r, v.gaps()); t.Gaps > 0 {
		fmt.Fprintf(bw, "%s (a gap is one duty, role or event with nobody on one working day).\n\n", upperFirst(t.String()))
	}
	if len(groups) == 0 {
		fmt.Fprintf(bw, "No gaps from %s to %s.\n", from.Short(), to.Short())
	} else {
		rows := [][]string{{"When", "Working days", "Nobody holds", "Why"}}
		for _, g := range groups {
			items := make([]string, len(g.Items))
			for i, it := range g.Items {
				items[i] = mdCell(it.Title)
				if it.Critical {
					items[i] = "**" + items[i] + "** (critical)"
				}
			}
			rows = append(rows, []string{report.DateRange(g.From, g.To), fmt.Sprint(g.Days), strings.Join(items, "; "), mdCell(g.Why)})
		}
		mdTable(bw, rows)
	}
	if runs := v.unconfirmed(); len(runs) > 0 {
		fmt.Fprintf(bw, "\n## Unconfirmed cover\n\nThe owner is away and the duty falls to cover that has not been accepted: not a gap, but nobody may act on it until the cover accepts.\n\n")
		rows := [][]string{{"When", "Working days", "Duty", "Owner (away)", "Falls to (not accepted)"}}
		for _, u := range runs {
			rows = append(rows, []string{report.DateRange(u.From, u.To), fmt.Sprint(u.Days), "**" + mdCell(u.Title) + "** (critical)", mdCell(v.name(u.Owner)), mdCell(v.name(u.Person))})
		}
		mdTable(bw, rows)
	}
	return bw.Flush()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdPerson is a person's short name for a table, in bold when the export is
// for that person.
func (v *view) mdPerson(id string) string {
	s := mdCell(v.shortName(id))
	if id != "" && id == v.opt.Person {
		return "**" + s + "**"
	}
	return s
}

// mdTable writes rows as a pipe table whose first row is the header.
func mdTable(w io.Writer, rows [][]string) {
	for i, row := range rows {
		fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		if i == 0 {
			fmt.Fprintf(w, "|%s\n", strings.Repeat("---|", len(row)))
		}
	}
	fmt.Fprintln(w)
}

// mdSpecial are the characters that start inline Markdown (emphasis, code,
// links, raw HTML, strikethrough) or end a table cell; each is written with a
// backslash so a title shows as typed.
const mdSpecial = "\\`*_[]<>|~"

// mdCell makes text safe inside a table cell: one line, inline characters
// escaped.
func mdCell(s string) string {
	s = strings.TrimSpace(oneLine(s)) // a table trims its cells anyway
	var b strings.Builder
	for _, c := range s {
		if strings.ContainsRune(mdSpecial, c) {
			b.WriteByte('\\')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// mdText is mdCell for running text, which may start a line: a leading
// character that would make a heading, list, quote or rule is escaped too.
func mdText(s string) string {
	s = mdCell(s)
	if s == "" {
		return s
	}
	if strings.ContainsRune("#-+=>", rune(s[0])) {
		return "\\" + s
	}
	if i := strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' }); i > 0 && (s[i] == '.' || s[i] == ')') {
		return s[:i] + "\\" + s[i:]
	}
	return s
}
