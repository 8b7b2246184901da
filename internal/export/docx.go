package export

import (
	"fmt"
	"io"
	"strings"

	"rota/internal/report"
)

// gapFill shades a table row that reports a gap, as the workbook does.
const gapFill = "F8D7DA"

// writeDOCX writes the committee paper as a Word document: the Markdown
// paper's sections (responsibilities by area and person, the SPOC rota with
// buddies, the scheme of delegation with cover, the gaps), each under a
// Heading 1, as real tables on A4 landscape whose header rows repeat on
// every page, one duty or gap per line in a cell.
//
// Options.Person narrows it as it narrows the Markdown paper.
func writeDOCX(w io.Writer, v *view) error {
	r := v.r
	f := r.Frame
	p := v.p
	title := v.paperTitle()
	d := newDOCX(w, title, v.stamp)
	d.heading(0, title)
	if v.opt.Draft != "" {
		d.para("", run{text: "This is " + v.opt.Draft + ", not the agreed plan.", bold: true})
	}
	var org []string
	for _, s := range []string{p.Organisation, p.Directorate} {
		if strings.TrimSpace(s) != "" {
			org = append(org, s)
		}
	}
	if len(org) > 0 {
		d.para("", plain(strings.Join(org, ", "))...)
	}
	from, to := p.Start, p.End
	if len(v.months) > 0 {
		from, _ = v.monthSpan(v.months[0])
		_, to = v.monthSpan(v.months[len(v.months)-1])
	}
	d.para("", plain(fmt.Sprintf("%s to %s: %d working %s.", from.Short(), to.Short(), len(v.days), plural(len(v.days), "day", "days")))...)
	if v.long {
		d.heading(1, "Summary, "+p.Start.Month().Label()+" to "+p.End.Month().Label())
		d.para("", plain(v.detailNote())...)
		d.table(summaryHeader, []int{4, 2, 2, 2, 2, 2})
		for _, y := range v.summary() {
			c := y.cells()
			d.row("", lines(c[0]), lines(c[1]), lines(c[2]), lines(c[3]), lines(c[4]), lines(c[5]))
		}
		d.endTable()
	}

	duties := v.duties()
	d.heading(1, "Responsibilities")
	if len(duties) == 0 {
		d.para("", plain("No duties.")...)
	} else {
		owners := v.owners(duties)
		header := []string{"Area"}
		weights := []int{3}
		for _, id := range owners {
			header = append(header, v.shortName(id))
			weights = append(weights, 3)
		}
		d.table(header, weights)
		names, by := areas(duties)
		for _, a := range names {
			cells := [][][]run{lines(a)}
			for _, id := range owners {
				var items []string
				for _, du := range by[a] {
					if du.Owner == id {
						items = append(items, du.Title)
					}
				}
				cells = append(cells, lines(items...))
			}
			d.row("", cells...)
		}
		d.endTable()
	}

	d.heading(1, "Single point of contact (SPOC) rota")
	d.para("", plain("Each month's buddy covers when the SPOC is away.")...)
	for start := 0; start < len(v.months); start += 12 {
		chunk := v.months[start:min(start+12, len(v.months))]
		if len(v.months) > 12 {
			d.heading(2, f.Months[chunk[0]].Label()+" to "+f.Months[chunk[len(chunk)-1]].Label())
		}
		header := []string{""}
		weights := []int{3}
		spoc, buddy, gaps := [][][]run{lines("SPOC")}, [][][]run{lines("Buddy")}, [][][]run{lines("Gap days")}
		for _, i := range chunk {
			header = append(header, f.Months[i].Label())
			weights = append(weights, 2)
			spoc = append(spoc, [][]run{v.docxPerson(r.Assign.SPOC[i])})
			buddy = append(buddy, [][]run{v.docxPerson(r.Assign.Buddy[i])})
			gaps = append(gaps, lines(fmt.Sprint(r.GapDays(i))))
		}
		d.table(header, weights)
		d.row("", spoc...)
		d.row("", buddy...)
		d.row("", gaps...)
		d.endTable()
	}
	if len(p.SPOC.Duties) > 0 {
		d.para("", plain("The SPOC covers: "+strings.Join(p.SPOC.Duties, ", ")+".")...)
	}

	d.heading(1, "Scheme of delegation")
	statutory := 0
	for _, du := range duties {
		if !du.Statutory {
			continue
		}
		if statutory == 0 {
			d.table([]string{"Delegation", "Held by", "Cover", "Uncovered working days"}, []int{5, 3, 3, 2})
		}
		statutory++
		cover := []string{"none"}
		if len(du.Cover) > 0 {
			cover = cover[:0]
			for i, id := range du.Cover {
				s := v.name(id)
				if i > 0 {
					s = "then " + s
				}
				cover = append(cover, s)
			}
		}
		n := len(v.uncovered(du.ID))
		fill := ""
		if n > 0 {
			fill = gapFill
		}
		d.row(fill, lines(du.Title), lines(v.name(du.Owner)), lines(cover...), lines(fmt.Sprint(n)))
	}
	if statutory == 0 {
		d.para("", plain("No statutory delegations.")...)
	} else {
		d.endTable()
	}

	d.heading(1, "Gaps")
	groups := v.gapGroups()
	if len(groups) == 0 {
		d.para("", plain(fmt.Sprintf("No gaps from %s to %s.", from.Short(), to.Short()))...)
	} else {
		d.table([]string{"When", "Working days", "Nobody holds", "Why"}, []int{3, 2, 6, 5})
		for _, g := range groups {
			items := make([][]run, len(g.Items))
			for i, it := range g.Items {
				items[i] = plain(it.Title)
				if it.Critical {
					items[i] = []run{{text: it.Title, bold: true}, {text: " (critical)"}}
				}
			}
			d.row(gapFill, lines(report.DateRange(g.From, g.To)), lines(fmt.Sprint(g.Days)), items, lines(g.Why))
		}
		d.endTable()
	}
	if runs := v.unconfirmed(); len(runs) > 0 {
		d.heading(1, "Unconfirmed cover")
		d.para("", plain("The owner is away and the duty falls to cover that has not been accepted: not a gap, but nobody may act on it until the cover accepts.")...)
		d.table([]string{"When", "Working days", "Duty", "Owner (away)", "Falls to (not accepted)"}, []int{3, 2, 5, 3, 3})
		for _, u := range runs {
			d.row(gapFill, lines(report.DateRange(u.From, u.To)), lines(fmt.Sprint(u.Days)),
				[][]run{{{text: u.Title, bold: true}, {text: " (critical)"}}}, lines(v.name(u.Owner)), lines(v.name(u.Person)))
		}
		d.endTable()
	}
	return d.close()
}

// docxPerson is a person's short name, in bold when the paper is theirs.
func (v *view) docxPerson(id string) []run {
	return []run{{text: v.shortName(id), bold: id != "" && id == v.opt.Person}}
}
