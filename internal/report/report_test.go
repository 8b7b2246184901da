package report_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/report"
)

func d(y, m, day int) calendar.Date { return calendar.NewDate(y, timeMonth(m), day) }

func cumbria(t *testing.T, absences ...plan.Absence) *coverage.Result {
	t.Helper()
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	p.Absences = append(p.Absences, absences...)
	return coverage.Compute(p)
}

func TestDateRange(t *testing.T) {
	for _, c := range []struct {
		from, to calendar.Date
		want     string
	}{
		{d(2022, 10, 3), d(2022, 10, 3), "3 Oct 2022"},
		{d(2022, 10, 10), d(2022, 10, 11), "10–11 Oct 2022"},
		{d(2022, 9, 28), d(2022, 10, 3), "28 Sep – 3 Oct 2022"},
		{d(2022, 12, 30), d(2023, 1, 3), "30 Dec 2022 – 3 Jan 2023"},
	} {
		if got := report.DateRange(c.from, c.to); got != c.want {
			t.Errorf("DateRange(%s, %s) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}

func TestRangesJoinWorkingDaysAcrossWeekendsNotSplitByReason(t *testing.T) {
	r := cumbria(t,
		// Thu 6 Oct to Tue 11 Oct, across a weekend: one run.
		plan.Absence{Person: "paul", From: d(2022, 10, 6), To: d(2022, 10, 11), Reason: "sick"},
		// Then leave from Wed 12 Oct: the reason changes, the run goes on,
		// so runs count the same with reasons shown or not.
		plan.Absence{Person: "paul", From: d(2022, 10, 12), To: d(2022, 10, 13), Reason: "annual leave"},
		// Simon away too on the 13th: who is away changes, so a new run.
		plan.Absence{Person: "simon", From: d(2022, 10, 13), To: d(2022, 10, 13)},
	)
	siro := func(reasons bool) []string {
		var out []string
		for _, g := range report.RangesWith(r, r.Gaps, reasons) {
			if g.ID == "siro" {
				out = append(out, g.String())
			}
		}
		return out
	}
	want := []string{"Senior Information Risk Owner (SIRO): nobody 6–13 Oct 2022 (6 days) — paul away (sick), then paul away (annual leave)"}
	if got := siro(true); !slices.Equal(got, want) {
		t.Errorf("with reasons: %q", got)
	}
	if got := siro(false); !slices.Equal(got, []string{"Senior Information Risk Owner (SIRO): nobody 6–13 Oct 2022 (6 days) — paul away"}) {
		t.Errorf("without reasons: %q", got)
	}
	if a, b := len(report.RangesWith(r, r.Gaps, true)), len(report.RangesWith(r, r.Gaps, false)); a != b {
		t.Errorf("%d runs with reasons, %d without", a, b)
	}
}

func TestWriteCheckListsCriticalGapsAndWarnings(t *testing.T) {
	r := cumbria(t, plan.Absence{Person: "simon", From: d(2022, 10, 10), To: d(2022, 10, 11)})
	var b bytes.Buffer
	report.WriteCheck(&b, r, report.Options{})
	out := b.String()
	for _, want := range []string{
		"CCCS distributed leadership 2022/23: 26 gaps on 2 days, in 13 runs:",
		"HRO1s: nobody 10–11 Oct 2022 (2 days) — simon away [critical]",
		"critical 12 statutory delegations have no cover: Contract procedure rules, exemptions and modifications (Jo Atkinson); ",
		"warning  46 other duties have no cover (single points of failure): Jo Atkinson 11, Paul Robinson 13, Simon Higgins 9, Tracy Boustead 13",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	b.Reset()
	report.WriteCheck(&b, cumbria(t), report.Options{})
	if !strings.HasPrefix(b.String(), "CCCS distributed leadership 2022/23: no gaps from Fri 1 Jul 2022 to Fri 31 Mar 2023.") {
		t.Errorf("no-gap summary: %q", b.String())
	}
}

func TestWritePlanShowsThePapersTable(t *testing.T) {
	var b bytes.Buffer
	report.WritePlan(&b, cumbria(t), report.Options{})
	out := b.String()
	for _, want := range []string{
		"SPOC               Simon   Jo      Paul    Tracy   Simon   Jo      Paul    Tracy   Simon",
		"buddy              Jo      Paul    Tracy   Simon   Jo      Paul    Tracy   Simon   Jo",
		"August 2022: SPOC Jo, buddy Paul, 22 working days",
		"29 holiday", // the summer bank holiday
		"Gaps: none.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	oct := calendar.MonthOf(2022, 10)
	b.Reset()
	report.WritePlan(&b, cumbria(t), report.Options{Month: &oct})
	if out := b.String(); strings.Contains(out, "August 2022") || !strings.Contains(out, "October 2022: SPOC Tracy, buddy Simon") {
		t.Errorf("--month 2022-10 shows the wrong months:\n%s", out)
	}
}

func TestWritePersonShowsActingDays(t *testing.T) {
	// Tracy leads October; away 10-14 Oct, so her buddy Simon acts.
	r := cumbria(t, plan.Absence{Person: "tracy", From: d(2022, 10, 10), To: d(2022, 10, 14), Reason: "leave"})
	var b bytes.Buffer
	report.WritePerson(&b, r, "simon", report.Options{})
	out := b.String()
	for _, want := range []string{
		"Simon Higgins, Assistant Director",
		"SPOC (you lead):   Jul 2022, Nov 2022, Mar 2023",
		"Buddy (you cover): Oct 2022, Feb 2023",
		"SPOC for Tracy Boustead: 10–14 Oct 2022",
		"HRO1s (no cover) [statutory]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestJSONHasTheSpecFields(t *testing.T) {
	r := cumbria(t, plan.Absence{Person: "tracy", From: d(2022, 10, 10), To: d(2022, 10, 10)},
		plan.Absence{Person: "simon", From: d(2022, 10, 10), To: d(2022, 10, 10)})
	b, err := report.JSON(report.NewPlan(r))
	if err != nil {
		t.Fatal(err)
	}
	var out struct {
		Name   string
		Start  string
		Months []map[string]any
		Days   []map[string]any
		Gaps   []map[string]any
	}
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	if out.Start != "2022-07-01" || out.Months[0]["month"] != "2022-07" || out.Months[0]["working_days"] != 21.0 {
		t.Fatalf("start %q, first month %v", out.Start, out.Months[0])
	}
	found := false
	for _, day := range out.Days {
		if day["date"] == "2022-10-10" {
			found = true
			if v, ok := day["acting_spoc"]; !ok || v != nil {
				t.Errorf("10 Oct: acting_spoc %v, want null", v)
			}
		}
	}
	if !found || out.Gaps[0]["date"] != "2022-10-10" || out.Gaps[0]["kind"] != "spoc" || out.Gaps[0]["id"] != "" {
		t.Fatalf("gaps %v", out.Gaps[:1])
	}
}

// Reasons are personal data: every printed report says "away" only, unless
// asked for them.
func TestPrintedReportsHideReasonsUnlessAsked(t *testing.T) {
	r := cumbria(t, plan.Absence{Person: "paul", From: d(2022, 10, 3), To: d(2022, 10, 14), Reason: "sick"})
	for _, c := range []struct {
		name  string
		write func(w *bytes.Buffer, opt report.Options)
	}{
		{"check", func(w *bytes.Buffer, opt report.Options) { report.WriteCheck(w, r, opt) }},
		{"plan", func(w *bytes.Buffer, opt report.Options) { report.WritePlan(w, r, opt) }},
		{"person", func(w *bytes.Buffer, opt report.Options) { report.WritePerson(w, r, "paul", opt) }},
	} {
		var b bytes.Buffer
		c.write(&b, report.Options{})
		if strings.Contains(b.String(), "sick") {
			t.Errorf("%s prints the reason without --reasons:\n%s", c.name, b.String())
		}
		if c.name != "person" && !strings.Contains(b.String(), "paul away") {
			t.Errorf("%s does not say paul is away:\n%s", c.name, b.String())
		}
		b.Reset()
		c.write(&b, report.Options{Reasons: true})
		if !strings.Contains(b.String(), "sick") {
			t.Errorf("%s leaves the reason out with --reasons:\n%s", c.name, b.String())
		}
	}
}
