package export

import (
	"strings"
	"testing"

	"rota/internal/coverage"
	"rota/internal/engine"
)

// unaccepted is the hostile plan with formula's acceptance of "sum" taken
// away: while zoe is away (8–12 Jan 2024) "sum" falls to formula, who has
// not accepted, so those five days are unconfirmed cover.
func unaccepted(t *testing.T) *coverage.Result {
	r := load(t, "testdata/hostile.toml")
	p := r.Frame.Plan.Clone()
	p.Acceptances = nil
	f := engine.NewFrame(p)
	return coverage.Evaluate(f, engine.Assign(f, engine.Fixed{}))
}

// TestUnconfirmedCoverInEveryFormat: unconfirmed cover is named as such in
// every export, neither dropped like a gap nor shown as held.
func TestUnconfirmedCoverInEveryFormat(t *testing.T) {
	r := unaccepted(t)
	if len(r.Unconfirmed) != 5 {
		t.Fatalf("%d days of unconfirmed cover, want 5", len(r.Unconfirmed))
	}

	_, events := mustICS(t, export(t, ICS, r, Options{}))
	uids := byUID(t, events)
	e, ok := uids["cover-sum-20240110"]
	if !ok {
		t.Fatal("no event for 10 Jan 2024's cover")
	}
	if got := e["SUMMARY"].Value; !strings.HasPrefix(got, "Unconfirmed cover: =SUM(1,2) falls to =1+2 (not accepted)") {
		t.Errorf("calendar summary %q", got)
	}

	recs := readCSV(t, export(t, CSV, r, Options{Table: DaysTable}))
	found := false
	for _, rec := range recs {
		if rec[0] == "2024-01-10" {
			found = true
			if got, want := rec[len(rec)-1], "=SUM(1,2): =1+2 has not accepted"; got != "'"+want && got != want {
				t.Errorf("CSV days: unconfirmed cover %q, want %q", got, want)
			}
		}
	}
	if !found {
		t.Error("CSV days: no row for 10 Jan 2024")
	}
	for _, rec := range readCSV(t, export(t, CSV, r, Options{Table: DutiesTable})) {
		if rec[0] == "sum" && (rec[8] != "5" || rec[9] != "8–12 Jan 2024") {
			t.Errorf("CSV duties: sum's unconfirmed cover %q %q, want 5, 8–12 Jan 2024", rec[8], rec[9])
		}
	}

	md := export(t, Markdown, r, Options{})
	if !strings.Contains(md, "## Unconfirmed cover") || !strings.Contains(md, "8–12 Jan 2024 | 5 |") {
		t.Errorf("Markdown has no unconfirmed cover section:\n%s", md[max(0, len(md)-800):])
	}

	html := export(t, HTML, r, Options{})
	if !strings.Contains(html, `class="unconfirmed"`) || !strings.Contains(html, "unconfirmed cover, =1&#43;2 has not accepted") {
		t.Error("HTML heat-map marks no unconfirmed cover")
	}

	if x := exportText(t, XLSX, r, Options{}); !strings.Contains(x, "UNCONFIRMED COVER: =SUM(1,2): =1+2 has not accepted") || !strings.Contains(x, "UNCONFIRMED: 8–12 Jan 2024") {
		t.Error("the workbook's Days and Duties sheets do not mark the unconfirmed cover")
	}
	if x := exportText(t, DOCX, r, Options{}); !strings.Contains(x, "Unconfirmed cover") || !strings.Contains(x, "8–12 Jan 2024") {
		t.Error("the Word paper has no unconfirmed cover section")
	}

	// Accepted, the same days are held and nothing says unconfirmed.
	held := load(t, "testdata/hostile.toml")
	for _, f := range Formats {
		if out := exportText(t, f, held, Options{}); strings.Contains(strings.ToLower(out), "unconfirmed cover:") || strings.Contains(out, `class="unconfirmed"`) || strings.Contains(out, "UNCONFIRMED") {
			t.Errorf("%s of a plan with every cover accepted mentions unconfirmed cover", f)
		}
	}
}
