package export

import (
	"bufio"
	"fmt"
	"html/template"
	"io"

	"rota/internal/plan"
)

// RegisterHeader is the register's columns: what the Openness of Local
// Government Bodies Regulations 2014, regulation 7(2), asks to be recorded
// (the date, the decision, the reasons, alternatives considered and
// rejected, conflicts of interest declared, the officer), the delegation it
// was taken under, and whether it was taken under the delegation as the
// plan gave it or recorded as an exception. No other personal data: who
// typed the record, absences and exception reasons stay out.
var RegisterHeader = []string{"date", "delegation", "officer", "decision", "reasons", "alternatives considered and rejected", "conflicts of interest declared", "basis"}

func registerRows(p *plan.Plan) [][]string {
	var rows [][]string
	for _, x := range p.Decisions {
		duty := x.Duty
		if du, ok := p.Duty(x.Duty); ok {
			duty = du.Title
		}
		officer := p.PersonName(x.Person)
		if pe, ok := p.Person(x.Person); ok && pe.Title != "" {
			officer += ", " + pe.Title
		}
		basis := "under the delegation"
		if x.Exception != "" {
			basis = "recorded as an exception"
		}
		conflicts := x.Conflicts
		if conflicts == "" {
			conflicts = "none declared"
		}
		alternatives := x.Alternatives
		if alternatives == "" {
			alternatives = "none recorded"
		}
		rows = append(rows, []string{x.Date.String(), clean(duty), clean(officer), clean(x.Decision), clean(x.Reasons), clean(alternatives), clean(conflicts), basis})
	}
	return rows
}

// WriteRegister writes the plan's register of decisions taken under
// delegation, for publication, as CSV (Excel's UTF-8, formulas guarded),
// Markdown or one printable HTML page; title heads the Markdown and HTML.
func WriteRegister(w io.Writer, format Format, title string, p *plan.Plan) error {
	rows := registerRows(p)
	switch format {
	case CSV:
		cw := newCSV(w)
		cw.row(RegisterHeader...)
		for _, r := range rows {
			cw.row(r...)
		}
		return cw.flush()
	case Markdown:
		bw := bufio.NewWriter(w)
		fmt.Fprintf(bw, "# Decisions taken under delegation: %s\n\n", mdText(title))
		fmt.Fprintf(bw, "Recorded under the Openness of Local Government Bodies Regulations 2014, regulation 7.\n\n")
		if len(rows) == 0 {
			fmt.Fprintf(bw, "No decisions recorded.\n")
			return bw.Flush()
		}
		table := [][]string{{"Date", "Delegation", "Officer", "Decision", "Reasons", "Alternatives considered and rejected", "Conflicts of interest declared", "Basis"}}
		for _, r := range rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = mdCell(c)
			}
			table = append(table, cells)
		}
		mdTable(bw, table)
		return bw.Flush()
	case HTML:
		return registerPage.Execute(w, struct {
			Title  string
			Header []string
			Rows   [][]string
		}{clean(title), RegisterHeader, rows})
	}
	return fmt.Errorf("the register is written as csv, md or html, not %s", format)
}

var registerPage = template.Must(template.New("register").Parse(`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Decisions taken under delegation: {{.Title}}</title>
<style>
body { font: 13px/1.4 system-ui, sans-serif; margin: 2em; color: #1d2630; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #d5dbe1; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f4; } thead { display: table-header-group; }
@page { size: A4 landscape; margin: 12mm; }
</style></head><body>
<h1>Decisions taken under delegation: {{.Title}}</h1>
<p>Recorded under the Openness of Local Government Bodies Regulations 2014, regulation 7.</p>
{{if .Rows}}<table><thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody></table>{{else}}<p>No decisions recorded.</p>{{end}}
</body></html>
`))
