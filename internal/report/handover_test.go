package report_test

import (
	"strings"
	"testing"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/report"
)

// TestHandoverSheet: October 2022 on Cumbria with Paul away 3–14 Oct and
// Simon's acceptance of the SIRO delegation's cover for the first week:
// the sheet names the SPOCs, moves the duty to Simon, marks the second
// week unconfirmed, keeps the reason out, and counts the notice in
// working days.
func TestHandoverSheet(t *testing.T) {
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	for i := range p.Duties {
		if p.Duties[i].ID == "siro-delegation" {
			p.Duties[i].Cover = []string{"simon"}
		}
	}
	p.Absences = append(p.Absences, plan.Absence{Person: "paul", From: d(2022, 10, 3), To: d(2022, 10, 14), Reason: "sick"})
	p.Acceptances = []plan.Acceptance{{Duty: "siro-delegation", Person: "simon", From: d(2022, 10, 3), To: d(2022, 10, 7)}}
	p.Handovers = []plan.Handover{{Month: d(2022, 10, 1).Month(), Person: "paul", Note: "ICO deadline"}}
	r := coverage.Compute(p)
	m := d(2022, 10, 1).Month()

	h, ok := report.NewHandover(r, m, []string{"paul-off"}, d(2022, 9, 23), false)
	if !ok {
		t.Fatal("October is in the plan")
	}
	if h.Outgoing != "paul" || h.SPOC != "tracy" || h.Buddy != "simon" || h.WorkingDays != 21 {
		t.Fatalf("who: %+v", h)
	}
	// Five working days before Mon 3 Oct is Mon 26 Sep: on Fri 23 Sep it is
	// not yet due, from the 26th it is not acknowledged.
	if h.NoticeFrom != d(2022, 9, 26) || h.Status != report.HandoverNotYetDue {
		t.Fatalf("notice from %s, status %q", h.NoticeFrom, h.Status)
	}
	if h2, _ := report.NewHandover(r, m, nil, d(2022, 9, 26), false); h2.Status != report.HandoverNotAcknowledged {
		t.Fatalf("on 26 Sep: %q", h2.Status)
	}
	var moves []string
	for _, c := range h.CoverMoves {
		if c.Duty == "siro-delegation" {
			moves = append(moves, report.DateRange(c.From, c.To)+" "+c.Holder+" "+c.Status)
		}
	}
	if got := strings.Join(moves, "; "); got != "3–7 Oct 2022 simon held; 10–14 Oct 2022 simon unconfirmed" {
		t.Fatalf("SIRO delegation moves: %s", got)
	}
	if len(h.Away) != 1 || h.Away[0].Reason != "" {
		t.Fatalf("away %+v: want paul, without the reason", h.Away)
	}
	if len(h.Notes) != 1 || h.Notes[0].Note != "ICO deadline" || h.Ack != nil || len(h.WhatIfs) != 1 {
		t.Fatalf("notes %+v ack %+v what-ifs %v", h.Notes, h.Ack, h.WhatIfs)
	}
	for _, u := range h.Unaccepted {
		if u.Duty == "siro-delegation" {
			t.Fatal("the SIRO delegation has accepted cover this month, yet is listed as without")
		}
	}
	// Every presence day of the month is listed once.
	n := 0
	for _, x := range h.Presence {
		n += len(x.Dates)
	}
	if n != 21 {
		t.Fatalf("%d presence days, want 21", n)
	}
	if _, ok := report.NewHandover(r, calendar.NewDate(2024, 1, 1).Month(), nil, 0, false); ok {
		t.Fatal("a month outside the plan gave a sheet")
	}
	if first, _ := report.NewHandover(r, p.Start.Month(), nil, 0, false); first.Outgoing != "" || first.NoticeFrom != p.Start {
		t.Fatalf("the first month: outgoing %q, notice from %s", first.Outgoing, first.NoticeFrom)
	}
	text := new(strings.Builder)
	report.WriteHandover(text, "t", h, func(s string) string { return s })
	for _, want := range []string{"UNCONFIRMED COVER: Simon Higgins has not accepted", "Paul Robinson: ICO deadline", "Handover: not yet due (shown as not acknowledged from Mon 26 Sep 2022)"} {
		if !strings.Contains(text.String(), want) {
			t.Errorf("the sheet lacks %q", want)
		}
	}
	if strings.Contains(text.String(), "sick") {
		t.Error("the sheet gives the absence's reason unasked")
	}
}

// TestHandoverStatusIsTheSheets: HandoverStatus says for every month and
// day what the month's sheet says, acknowledged (by its SPOC, or by
// someone else, which does not count) or not.
func TestHandoverStatusIsTheSheets(t *testing.T) {
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	r0 := coverage.Compute(p)
	for i, m := range r0.Frame.Months {
		who := r0.Assign.SPOC[i]
		if i%3 == 1 {
			who = r0.Assign.Buddy[i]
		}
		if i%3 != 2 {
			p.Handovers = append(p.Handovers, plan.Handover{Month: m, Person: who, Ack: true})
		}
	}
	r := coverage.Compute(p)
	for _, m := range r.Frame.Months {
		for _, today := range []calendar.Date{p.Start - 30, m.First() - 3, m.First(), m.Last() + 40} {
			h, _ := report.NewHandover(r, m, nil, today, false)
			if got, ok := report.HandoverStatus(r, m, today); !ok || got != h.Status {
				t.Errorf("%s on %s: HandoverStatus %q, the sheet %q", m, today, got, h.Status)
			}
		}
	}
	if _, ok := report.HandoverStatus(r, p.End.Month()+1, p.End); ok {
		t.Error("a month after the plan has a handover status")
	}
}
