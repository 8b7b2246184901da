package export

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestICSTeamFollowsTheReference(t *testing.T) {
	r := cumbria(t)
	cal, events := mustICS(t, export(t, ICS, r, Options{}))
	if got := cal["X-WR-CALNAME"].Value; got != "CCCS distributed leadership 2022/23" {
		t.Errorf("calendar name %q", got)
	}
	if got := cal["PRODID"].Value; got != ProdID {
		t.Errorf("PRODID %q", got)
	}
	if cal["VERSION"].Value != "2.0" {
		t.Errorf("VERSION %q", cal["VERSION"].Value)
	}
	uids := byUID(t, events)

	months := []string{"202207", "202208", "202209", "202210", "202211", "202212", "202301", "202302", "202303"}
	for i, m := range months {
		spoc, ok := uids["spoc-"+m]
		if !ok {
			t.Fatalf("no SPOC event for %s", m)
		}
		if got, want := spoc["SUMMARY"].Value, "SPOC: "+refSPOC[i]; got != want {
			t.Errorf("%s: %q, want %q", m, got, want)
		}
		if !strings.Contains(spoc["DESCRIPTION"].Value, "buddy "+refBuddy[i]) {
			t.Errorf("%s: description %q does not name the buddy %s", m, spoc["DESCRIPTION"].Value, refBuddy[i])
		}
		first, _ := time.Parse("200601", m)
		wantStart, wantEnd := first.Format("20060102"), first.AddDate(0, 1, 0).Format("20060102")
		for _, kind := range []string{"spoc-", "buddy-"} {
			e := uids[kind+m]
			if e["DTSTART"].Value != wantStart || e["DTSTART"].Params != "VALUE=DATE" {
				t.Errorf("%s%s: DTSTART %v, want %s as a DATE", kind, m, e["DTSTART"], wantStart)
			}
			if e["DTEND"].Value != wantEnd || e["DTEND"].Params != "VALUE=DATE" {
				t.Errorf("%s%s: DTEND %v, want %s (exclusive) as a DATE", kind, m, e["DTEND"], wantEnd)
			}
			if e["DTSTAMP"].Value != "20220601T093000Z" {
				t.Errorf("%s%s: DTSTAMP %q", kind, m, e["DTSTAMP"].Value)
			}
			if e["TRANSP"].Value != "TRANSPARENT" {
				t.Errorf("%s%s: TRANSP %q", kind, m, e["TRANSP"].Value)
			}
		}
		if got, want := uids["buddy-"+m]["SUMMARY"].Value, "SPOC buddy: "+refBuddy[i]; got != want {
			t.Errorf("buddy %s: %q, want %q", m, got, want)
		}
	}
	if n := len(withPrefix(events, "spoc-")); n != 9 {
		t.Errorf("%d SPOC events, want 9", n)
	}

	// Presence: one event per working day, in the plain rotation.
	days := refWorkingDays()
	order := []string{"Simon Higgins", "Jo Atkinson", "Paul Robinson", "Tracy Boustead"}
	if n := len(withPrefix(events, "presence-")); n != len(days) || n != 191 {
		t.Errorf("%d presence events, want %d (191)", n, len(days))
	}
	for k, d := range days {
		key := "presence-" + strings.ReplaceAll(d, "-", "")
		e, ok := uids[key]
		if !ok {
			t.Fatalf("no presence event on %s", d)
		}
		if got, want := e["SUMMARY"].Value, "In county: "+order[k%4]; got != want {
			t.Errorf("%s: %q, want %q", d, got, want)
		}
		next, _ := time.Parse("20060102", e["DTSTART"].Value)
		if e["DTEND"].Value != next.AddDate(0, 0, 1).Format("20060102") {
			t.Errorf("%s: DTEND %s is not the next day", d, e["DTEND"].Value)
		}
	}

	// DMT is weekly on Mondays and chaired by the month's SPOC.
	dmt := withPrefix(events, "event-dmt-")
	mondays := 0
	for _, d := range days {
		day, _ := time.Parse("2006-01-02", d)
		if day.Weekday() == time.Monday {
			mondays++
			e := uids["event-dmt-"+day.Format("20060102")]
			want := "DMT (Directorate Management Team): " + refSPOC[int(day.Month()+5)%12]
			if e["SUMMARY"].Value != want {
				t.Errorf("DMT %s: %q, want %q", d, e["SUMMARY"].Value, want)
			}
		}
	}
	if len(dmt) != mondays {
		t.Errorf("%d DMT events, want %d working Mondays", len(dmt), mondays)
	}
	if want := 9 + 9 + 191 + mondays; len(events) != want {
		t.Errorf("%d events, want %d (no one acts for anyone, no gaps asked for)", len(events), want)
	}
}

func TestICSPersonKeepsTheirShare(t *testing.T) {
	r := cumbria(t)
	_, events := mustICS(t, export(t, ICS, r, Options{Person: "paul"}))
	uids := byUID(t, events)
	for _, key := range []string{"spoc-202209", "spoc-202301", "buddy-202208", "buddy-202212"} {
		if _, ok := uids[key]; !ok {
			t.Errorf("no %s for paul", key)
		}
	}
	if n := len(withPrefix(events, "spoc-")) + len(withPrefix(events, "buddy-")); n != 4 {
		t.Errorf("%d month events, want 4", n)
	}
	wantPresence := 0
	for k := range refWorkingDays() {
		if k%4 == 2 {
			wantPresence++
		}
	}
	if n := len(withPrefix(events, "presence-")); n != wantPresence {
		t.Errorf("%d presence days, want %d", n, wantPresence)
	}
	for _, e := range events {
		s := e["SUMMARY"].Value
		if !strings.Contains(s, "Paul Robinson") {
			t.Errorf("%s: %q is not about Paul", e["UID"].Value, s)
		}
		if strings.HasPrefix(e["UID"].Value, "event-dmt-") {
			if m := e["DTSTART"].Value[:6]; m != "202209" && m != "202301" {
				t.Errorf("DMT on %s: Paul chairs DMT only in his months", e["DTSTART"].Value)
			}
		}
	}
	cal, _ := mustICS(t, export(t, ICS, r, Options{Person: "paul"}))
	if got := cal["X-WR-CALNAME"].Value; got != "CCCS distributed leadership 2022/23 — Paul Robinson" {
		t.Errorf("calendar name %q", got)
	}
}

func TestICSGapsAndActing(t *testing.T) {
	// Paul is away for two weeks of October: his duties have no cover. Tracy,
	// October's SPOC, is away its first week: Simon, her buddy, acts.
	r := cumbria(t, "paul:2022-10-03:2022-10-14", "tracy:2022-10-03:2022-10-07")
	_, plain := mustICS(t, export(t, ICS, r, Options{}))
	if n := len(withPrefix(plain, "gaps-")); n != 0 {
		t.Errorf("%d gap events without --gaps", n)
	}
	_, events := mustICS(t, export(t, ICS, r, Options{Gaps: true}))
	uids := byUID(t, events)
	gaps := withPrefix(events, "gaps-team-")
	if len(gaps) != 10 {
		t.Fatalf("%d gap days, want the 10 working days of 3–14 Oct", len(gaps))
	}
	owned := map[string]int{}
	for _, du := range r.Frame.Plan.Duties {
		owned[du.Owner]++
	}
	first := uids["gaps-team-20221003"]
	if want := fmt.Sprintf("%d gaps: ", owned["paul"]+owned["tracy"]); !strings.HasPrefix(first["SUMMARY"].Value, want) {
		t.Errorf("gap summary %q, want it to start %q", first["SUMMARY"].Value, want)
	}
	if want := fmt.Sprintf("%d gaps: ", owned["paul"]); !strings.HasPrefix(uids["gaps-team-20221010"]["SUMMARY"].Value, want) {
		t.Errorf("gap summary %q, want it to start %q", uids["gaps-team-20221010"]["SUMMARY"].Value, want)
	}
	if !strings.HasSuffix(first["SUMMARY"].Value, fmt.Sprintf(" and %d more", owned["paul"]+owned["tracy"]-3)) {
		t.Errorf("gap summary %q does not say how many more", first["SUMMARY"].Value)
	}
	if !strings.Contains(first["DESCRIPTION"].Value, "Senior Information Risk Owner (SIRO): nobody (Paul Robinson away)") {
		t.Errorf("gap description %q does not explain SIRO", first["DESCRIPTION"].Value)
	}
	acting := withPrefix(events, "acting-spoc-")
	if len(acting) != 5 {
		t.Errorf("%d acting-SPOC days, want 5", len(acting))
	}
	if got := uids["acting-spoc-20221003"]["SUMMARY"].Value; got != "Acting SPOC: Simon Higgins (for Tracy Boustead)" {
		t.Errorf("acting SPOC: %q", got)
	}
	if got := uids["event-dmt-20221003"]["SUMMARY"].Value; got != "DMT (Directorate Management Team): Simon Higgins" {
		t.Errorf("DMT while Tracy is away: %q", got)
	}
	if d := uids["event-dmt-20221003"]["DESCRIPTION"].Value; !strings.Contains(d, "Tracy Boustead is away") {
		t.Errorf("DMT description %q", d)
	}

	// Simon's own calendar shows the days he acts and DMTs he chairs for Tracy.
	_, simon := mustICS(t, export(t, ICS, r, Options{Person: "simon", Gaps: true}))
	su := byUID(t, simon)
	for _, key := range []string{"acting-spoc-20221007", "event-dmt-20221003"} {
		if _, ok := su[key]; !ok {
			t.Errorf("Simon's calendar lacks %s", key)
		}
	}
	if n := len(withPrefix(simon, "gaps-")); n != 0 {
		t.Errorf("Simon's calendar has %d gap days; none are his to fill", n)
	}
	_, paul := mustICS(t, export(t, ICS, r, Options{Person: "paul", Gaps: true}))
	if n := len(withPrefix(paul, "gaps-paul-")); n != 10 {
		t.Errorf("Paul's calendar has %d gap days, want 10", n)
	}
}

func TestICSCoverDays(t *testing.T) {
	r := load(t, "testdata/hostile.toml")
	_, events := mustICS(t, export(t, ICS, r, Options{}))
	uids := byUID(t, events)
	// zoe owns "sum" with cover "formula"; she is away 8–12 Jan 2024.
	e, ok := uids["cover-sum-20240110"]
	if !ok {
		t.Fatal("no cover event on 10 Jan 2024")
	}
	if got, want := e["SUMMARY"].Value, `Holds =SUM(1,2): =1+2 (for Zoë "Zed" O'Brien, Jr.; \ <script>alert(1)</script>)`; got != want {
		t.Errorf("cover summary\n got %q\nwant %q", got, want)
	}
	if n := len(withPrefix(events, "cover-sum-")); n != 5 {
		t.Errorf("%d cover days, want 5", n)
	}
	if got, want := uids["event-sums-20240110"]["SUMMARY"].Value, "@Board <script>: =1+2"; got != want {
		t.Errorf("event held by the cover: %q, want %q", got, want)
	}
}

// UIDs come from the plan, the kind, the date and the id, never from who is
// assigned, so re-importing an export made after a change updates events.
func TestICSUIDsAreStable(t *testing.T) {
	before := cumbria(t)
	after := cumbria(t, "simon:2022-07-01:2022-07-31") // July's SPOC must change
	_, a := mustICS(t, export(t, ICS, before, Options{}))
	_, b := mustICS(t, export(t, ICS, after, Options{Stamp: stamp.Add(48 * time.Hour)}))
	ua, ub := byUID(t, a), byUID(t, b)
	if ua["spoc-202207"]["SUMMARY"].Value == ub["spoc-202207"]["SUMMARY"].Value {
		t.Fatalf("July's SPOC did not change: %q", ua["spoc-202207"]["SUMMARY"].Value)
	}
	if ua["spoc-202207"]["UID"] != ub["spoc-202207"]["UID"] {
		t.Errorf("July's UID changed: %q, %q", ua["spoc-202207"]["UID"].Value, ub["spoc-202207"]["UID"].Value)
	}
	for key := range ua {
		if _, ok := ub[key]; !ok && !strings.HasPrefix(key, "acting-") {
			t.Errorf("UID %s is gone after the change", key)
		}
	}
	// Another plan's UIDs never collide with these.
	_, other := mustICS(t, export(t, ICS, load(t, "testdata/hostile.toml"), Options{}))
	for _, e := range other {
		for _, f := range a {
			if e["UID"].Value == f["UID"].Value {
				t.Fatalf("UID %s in two plans", e["UID"].Value)
			}
		}
	}
}

func TestICSEscapesAndFoldsHostileText(t *testing.T) {
	r := load(t, "testdata/hostile.toml")
	for _, opt := range []Options{{}, {Gaps: true}, {Person: "zoe", Gaps: true}, {Person: "minus", Gaps: true}} {
		out := export(t, ICS, r, opt)
		cal, events := mustICS(t, out)
		want := "Rota, \"Quotes\"; semi\\colon\nline two <script>alert('x')</script> & co | pipe"
		if opt.Person != "" {
			want += " — " + clean(r.Frame.Plan.PersonName(opt.Person))
		}
		if got := cal["X-WR-CALNAME"].Value; got != want {
			t.Errorf("%+v: calendar name\n got %q\nwant %q", opt, got, want)
		}
		if len(events) == 0 {
			t.Errorf("%+v: no events", opt)
		}
	}
	_, events := mustICS(t, export(t, ICS, r, Options{Gaps: true, Reasons: true}))
	uids := byUID(t, events)
	if got, want := uids["buddy-202403"]["SUMMARY"].Value, "SPOC buddy: Ŝàḿüéł Ĉħàŕľëš-Ŵĩľľïàḿš 🎉🎉🎉 | pipe *star* _under_ [link](x) `code` \ufeff and a long tail to fold"; got != want {
		t.Errorf("long name\n got %q\nwant %q", got, want)
	}
	// The CRLF typed into a name arrives as one line break.
	g := uids["gaps-team-20240205"]
	if want := "\tTabbed; title, with \"quotes\": nobody (-Minus\nCRLF Person away (leave, \"sick\"; <i>really</i>))"; g["DESCRIPTION"].Value != want {
		t.Errorf("gap description %q", g["DESCRIPTION"].Value)
	}
	if got, want := g["SUMMARY"].Value, "Gap: \tTabbed; title, with \"quotes\""; got != want {
		t.Errorf("gap summary\n got %q\nwant %q", got, want)
	}
}

func TestICSFromTo(t *testing.T) {
	r := cumbria(t)
	_, events := mustICS(t, export(t, ICS, r, Options{From: month("2022-10"), To: month("2022-12")}))
	for _, e := range events {
		if d := e["DTSTART"].Value; d < "20221001" || d > "20221231" {
			t.Errorf("%s starts %s, outside Oct–Dec", e["UID"].Value, d)
		}
	}
	if n := len(withPrefix(events, "presence-")); n != 21+22+20 {
		t.Errorf("%d presence days, want 63", n)
	}
}

// A calendar of some of the plan's months says which in its description
// (a feed's window, an export's --from/--to); one of the whole plan does
// not.
func TestICSSaysWhichMonthsItHolds(t *testing.T) {
	r := cumbria(t)
	for _, c := range []struct {
		opt  Options
		want string
	}{
		{Options{From: month("2022-10"), To: month("2022-12")}, "This calendar holds Oct 2022 to Dec 2022 only."},
		{Options{From: month("2023-03")}, "This calendar holds Mar 2023 only."},
	} {
		cal, _ := mustICS(t, export(t, ICS, r, c.opt))
		if got := cal["X-WR-CALDESC"].Value; !strings.Contains(got, c.want) {
			t.Errorf("%+v: description %q, want it to say %q", c.opt, got, c.want)
		}
	}
	cal, _ := mustICS(t, export(t, ICS, r, Options{From: month("2022-07"), To: month("2023-03")}))
	if got := cal["X-WR-CALDESC"].Value; strings.Contains(got, "This calendar holds") {
		t.Errorf("the whole plan's calendar says %q", got)
	}
}

// A subscribed calendar says how often to fetch it again, in the two
// properties calendar programs read (RFC 7986 REFRESH-INTERVAL; Outlook's
// X-PUBLISHED-TTL); a file exported once says nothing of it.
func TestICSRefresh(t *testing.T) {
	r := cumbria(t)
	var b strings.Builder
	if err := Write(&b, ICS, r, Options{Refresh: time.Hour}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT60M\r\n", "\r\nX-PUBLISHED-TTL:PT60M\r\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q", strings.TrimSpace(want))
		}
	}
	b.Reset()
	if err := Write(&b, ICS, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "REFRESH-INTERVAL") {
		t.Error("an export without Refresh asks to be refreshed")
	}
}
