package export

import (
	"strings"
	"testing"
	"time"

	"rota/internal/coverage"
	"rota/internal/sample"
)

// twoYears is a generated plan from April 2024 to March 2026, with gaps.
func twoYears(t testing.TB) *coverage.Result {
	t.Helper()
	return coverage.Compute(sample.Plan(sample.Size{People: 4, Others: 1, Duties: 12, Years: 2, Absences: 30, Events: 2, MaxAbsent: 8}, 7))
}

// A page or paper of a plan longer than a year shows every year in a
// summary and one year in detail, and says so; the data formats stay whole.
func TestLongPlanSummaryAndDetail(t *testing.T) {
	r := twoYears(t)
	for _, c := range []struct {
		stamp  time.Time
		detail string
	}{
		{time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC), "the detail below is Apr 2025 to Mar 2026, the current year"},
		{time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), "the detail below is Apr 2024 to Mar 2025, the first year"},
	} {
		opt := Options{Stamp: c.stamp}
		for _, f := range []Format{Markdown, HTML, DOCX} {
			out := exportText(t, f, r, opt)
			if !strings.Contains(out, "Summary, Apr 2024 to Mar 2026") || !strings.Contains(out, c.detail) {
				t.Errorf("%s dated %s: no summary, or not %q", f, c.stamp.Format("Jan 2006"), c.detail)
			}
		}
		md := export(t, Markdown, r, opt)
		first := strings.Fields(c.detail)[4] + " " + strings.Fields(c.detail)[5] // "Apr 2025"
		other := map[string]string{"Apr 2025": "Apr 2024", "Apr 2024": "Apr 2025"}[first]
		rota := md[strings.Index(md, "## Single point"):]
		if !strings.Contains(rota, "| "+first+" |") || strings.Contains(rota, "| "+other+" |") {
			t.Errorf("dated %s: the SPOC rota does not hold just the detail year from %s", c.stamp.Format("Jan 2006"), first)
		}
	}
	// Every gap is in the summary, once.
	v := newView(r, Options{})
	total := 0
	for _, y := range v.summary() {
		total += y.Gaps
	}
	if total != len(r.Gaps) || total == 0 {
		t.Errorf("the summary counts %d gaps, the rota has %d", total, len(r.Gaps))
	}
	// Months asked for are shown as asked, without a summary.
	md := export(t, Markdown, r, Options{From: month("2024-04"), To: month("2026-03")})
	if strings.Contains(md, "Summary") || !strings.Contains(md, "| Apr 2024 |") || !strings.Contains(md, "| Apr 2025 |") {
		t.Errorf("--from/--to over both years: summary shown, or a year missing")
	}
	// The data formats are whole.
	days := readCSV(t, export(t, CSV, r, Options{Stamp: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}))
	if len(days)-1 != len(r.Frame.Days) {
		t.Errorf("the CSV has %d days, the plan %d", len(days)-1, len(r.Frame.Days))
	}
}

// A plan of a year or less has no summary.
func TestShortPlanHasNoSummary(t *testing.T) {
	for _, f := range []Format{Markdown, HTML, DOCX} {
		if out := exportText(t, f, cumbria(t), Options{}); strings.Contains(out, "Summary,") {
			t.Errorf("%s of Cumbria has a summary", f)
		}
	}
	if n := len(planYears(cumbria(t).Frame.Plan)); n != 1 {
		t.Errorf("Cumbria's nine months are %d years", n)
	}
}
