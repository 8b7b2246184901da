package export

import (
	"bufio"
	"fmt"
	"html/template"
	"io"

	"rota/internal/report"
)

// WriteHandoverMarkdown writes a month's handover sheet as Markdown, for
// mailing or pasting into a paper: every piece from the plan or a person is
// escaped so it cannot become a heading, a link or a table.
func WriteHandoverMarkdown(w io.Writer, title string, h report.Handover) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# Handover of %s: %s\n", h.Month.Label(), mdText(title))
	for _, s := range h.Lines(mdCell) {
		fmt.Fprintf(bw, "\n## %s\n\n", s.Title)
		if len(s.Lines) == 0 {
			fmt.Fprintf(bw, "None.\n")
		}
		for _, l := range s.Lines {
			fmt.Fprintf(bw, "- %s\n", l)
		}
	}
	return bw.Flush()
}

var handoverPage = template.Must(template.New("handover").Parse(`<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Handover of {{.Month}}: {{.Title}}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 60em; color: #1d2630; }
h1 { font-size: 20px; } h2 { font-size: 15px; border-bottom: 1px solid #d5dbe1; margin-top: 1.5em; }
li.unconfirmed, p.status.not { color: #7b4fb3; font-weight: 600; }
p.status { font-weight: 600; }
@page { size: A4; margin: 15mm; }
</style></head><body>
<h1>Handover of {{.Month}}: {{.Title}}</h1>
{{range .Sections}}<h2>{{.Title}}</h2>
{{if .Lines}}<ul>{{range .Lines}}<li>{{.}}</li>{{end}}</ul>{{else}}<p>None.</p>{{end}}
{{end}}</body></html>
`))

// WriteHandoverHTML writes a month's handover sheet as one self-contained
// printable page; the template escapes every piece.
func WriteHandoverHTML(w io.Writer, title string, h report.Handover) error {
	data := struct {
		Month, Title string
		Sections     []report.Section
	}{h.Month.Label(), clean(title), h.Lines(clean)}
	return handoverPage.Execute(w, data)
}
