package export

import (
	"strings"
	"testing"
	"time"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// A bare plan: it starts and ends mid-month, has no presence rota, no duties
// and no events. Every format still writes a readable file.
func TestBarePlan(t *testing.T) {
	p := &plan.Plan{
		Name:     "Bare",
		Start:    calendar.NewDate(2024, 1, 15),
		End:      calendar.NewDate(2024, 2, 10),
		Holidays: "none",
		Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Persons:  []plan.Person{{ID: "a", Name: "Ann", Rota: true}, {ID: "b", Name: "Bob", Rota: true}},
		SPOC:     plan.SPOC{Order: []string{"a", "b"}, Buddy: plan.BuddyNext, MostlyAbsent: 0.5},
	}
	r := coverage.Compute(p)
	_, events := mustICS(t, export(t, ICS, r, Options{Gaps: true}))
	uids := byUID(t, events)
	if len(events) != 4 {
		t.Errorf("%d events, want SPOC and buddy for two months only", len(events))
	}
	if e := uids["spoc-202401"]; e["DTSTART"].Value != "20240115" || e["DTEND"].Value != "20240201" {
		t.Errorf("January's SPOC runs %s to %s, want from the plan's start", e["DTSTART"].Value, e["DTEND"].Value)
	}
	if e := uids["spoc-202402"]; e["DTSTART"].Value != "20240201" || e["DTEND"].Value != "20240211" {
		t.Errorf("February's SPOC runs %s to %s, want to the plan's end (exclusive)", e["DTSTART"].Value, e["DTEND"].Value)
	}
	recs := readCSV(t, export(t, CSV, r, Options{}))
	if len(recs) != 1+20 || recs[1][2] != "" || recs[1][3] != "Ann" {
		t.Errorf("%d days; first %q", len(recs)-1, recs[1])
	}
	if recs := readCSV(t, export(t, CSV, r, Options{Table: DutiesTable})); len(recs) != 1 {
		t.Errorf("duties table has %d rows", len(recs))
	}
	md := export(t, Markdown, r, Options{})
	if _, err := mdTables(md); err != nil {
		t.Error(err)
	}
	for _, want := range []string{"No duties.", "No statutory delegations.", "No gaps from Mon 15 Jan 2024 to Sat 10 Feb 2024."} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	page := export(t, HTML, r, Options{Person: "b"})
	if err := checkMarkup(page); err != nil {
		t.Error(err)
	}
	if strings.Contains(page, "Presence in county") || strings.Contains(page, "present in the county") {
		t.Errorf("a plan without presence shows a presence row or legend")
	}
}
