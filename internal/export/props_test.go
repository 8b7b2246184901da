package export

import (
	"bytes"
	"encoding/csv"
	"html"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// hostile draws text made to break exports: the characters each format must
// escape, markup, formula starts, line breaks of every kind, control
// characters, invalid UTF-8 and long multi-byte runs that must be folded.
func hostile() *rapid.Generator[string] {
	piece := rapid.OneOf(
		rapid.SampledFrom([]string{
			",", ";", ":", "\\", "\"", "'", "\n", "\r", "\r\n", "\t", "\x00", "\x07", "\x1b", "\x7f", "\u0085",
			"<script>", "</script>", "<img src=x onerror=alert(1)>", "&amp;", "&lt;", "|", "\\|", "**", "_", "`",
			"[", "]", "#", "- ", "1. ", ">", "=", "+", "-", "@", "=SUM(A1)", "\\n", "\\,", "é", "🎉", "Ŵĩľľ",
			"\u2028", "\ufeff", "\xff", "\xe2\x82", " ", "  ", "a", "Jo", "x",
		}),
		rapid.StringMatching(`[a-zA-Zé€🎉 ]{1,90}`),
	)
	return rapid.Custom(func(t *rapid.T) string {
		parts := rapid.SliceOfN(piece, 0, 12).Draw(t, "parts")
		return strings.Join(parts, "")
	})
}

// hostilePlan is a small valid plan whose every free text is hostile, with an
// absence so that cover, acting and gaps appear.
func hostilePlan(t *rapid.T) *plan.Plan {
	text := hostile()
	mon := time.Monday
	p := &plan.Plan{
		Name:         text.Draw(t, "name"),
		Organisation: text.Draw(t, "organisation"),
		Directorate:  text.Draw(t, "directorate"),
		Start:        calendar.NewDate(2024, 1, 1),
		End:          calendar.NewDate(2024, 2, 29),
		Holidays:     "england-and-wales",
		Workdays:     []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Persons: []plan.Person{
			{ID: "a", Name: text.Draw(t, "person a"), Title: text.Draw(t, "title a"), Rota: true},
			{ID: "b", Name: text.Draw(t, "person b"), Rota: true},
			{ID: "c", Name: text.Draw(t, "person c"), Rota: true},
			{ID: "d", Name: text.Draw(t, "person d")},
		},
		SPOC:     plan.SPOC{Order: []string{"a", "b", "c"}, Buddy: plan.BuddyNext, MostlyAbsent: 0.5, Duties: []string{text.Draw(t, "spoc duty")}},
		Presence: plan.Presence{Enabled: true, Order: []string{"a", "b", "c"}},
		Duties: []plan.Duty{
			{ID: "one", Title: text.Draw(t, "duty one"), Area: text.Draw(t, "area one"), Owner: "a", Cover: []string{"b"}, Statutory: true},
			{ID: "two", Title: text.Draw(t, "duty two"), Area: text.Draw(t, "area two"), Owner: "d"},
		},
		Absences: []plan.Absence{
			{Person: "a", From: calendar.NewDate(2024, 1, 8), To: calendar.NewDate(2024, 1, 12), Reason: text.Draw(t, "reason a")},
			{Person: "d", From: calendar.NewDate(2024, 2, 5), To: calendar.NewDate(2024, 2, 6), Reason: text.Draw(t, "reason d")},
		},
		Acceptances: []plan.Acceptance{{Duty: "one", Person: "b"}},
		Events: []plan.Event{
			{ID: "meet", Title: text.Draw(t, "event"), Needs: plan.NeedsSPOC, Weekly: &mon},
			{ID: "board", Title: text.Draw(t, "event two"), Needs: "two", Dates: []calendar.Date{calendar.NewDate(2024, 2, 5)}},
		},
	}
	return p
}

func drawOptions(t *rapid.T) Options {
	return Options{
		Person: rapid.SampledFrom([]string{"", "a", "b", "d"}).Draw(t, "person"),
		Gaps:   rapid.Bool().Draw(t, "gaps"),
		Stamp:  stamp,
	}
}

func write(t *rapid.T, f Format, r *coverage.Result, opt Options) string {
	var b bytes.Buffer
	if err := Write(&b, f, r, opt); err != nil {
		t.Fatalf("Write %s: %v", f, err)
	}
	return b.String()
}

func TestPropICSReadsBack(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := hostilePlan(t)
		r := coverage.Compute(p)
		opt := drawOptions(t)
		cal, events, err := parseICS(write(t, ICS, r, opt))
		if err != nil {
			t.Fatal(err)
		}
		want := clean(p.Name)
		if opt.Person != "" {
			want += " — " + clean(p.PersonName(opt.Person))
		}
		if got := cal["X-WR-CALNAME"].Value; got != want {
			t.Fatalf("calendar name %q, want %q", got, want)
		}
		seen := map[string]bool{}
		for _, e := range events {
			uid := e["UID"].Value
			if seen[uid] {
				t.Fatalf("UID %q twice", uid)
			}
			seen[uid] = true
			key, _, _ := strings.Cut(uid, "@")
			switch {
			case key == "spoc-202401":
				// a is away in January: the month's entry says when.
				if got := e["SUMMARY"].Value; got != "SPOC: "+clean(p.PersonName("a"))+" (away 8–12 Jan 2024)" {
					t.Fatalf("SPOC summary %q", got)
				}
			case strings.HasPrefix(key, "event-meet-"):
				if got := e["SUMMARY"].Value; !strings.HasPrefix(got, clean(p.Events[0].Title)+": ") {
					t.Fatalf("event summary %q does not start with the title %q", got, clean(p.Events[0].Title))
				}
			case strings.HasPrefix(key, "cover-one-"):
				if got, want := e["SUMMARY"].Value, "Holds "+clean(p.Duties[0].Title)+": "+clean(p.PersonName("b"))+" (for "+clean(p.PersonName("a"))+")"; got != want {
					t.Fatalf("cover summary %q, want %q", got, want)
				}
			}
		}
		if opt.Person == "" && !seen["spoc-202401@"+uidDomain(plan.Identity(p), "")+".rota"] {
			t.Fatalf("no SPOC event for January in %v", seen)
		}
	})
}

func TestPropCSVReadsBack(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := hostilePlan(t)
		r := coverage.Compute(p)
		opt := drawOptions(t)
		for _, table := range []Table{DaysTable, DutiesTable} {
			opt.Table = table
			out := write(t, CSV, r, opt)
			if !strings.HasPrefix(out, bom) {
				t.Fatal("no BOM")
			}
			rd := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, bom)))
			recs, err := rd.ReadAll() // also checks every row has as many cells as the header
			if err != nil {
				t.Fatalf("%s: %v", table, err)
			}
			for _, rec := range recs {
				for _, c := range rec {
					if c != "" && strings.ContainsRune("=+-@\t\r\n", rune(c[0])) {
						t.Fatalf("%s: cell %q would run as a formula", table, c)
					}
				}
			}
			if table == DutiesTable && opt.Person == "" {
				row := recs[1]
				if got := unformula(row[1], clean(p.Duties[0].Title)); got != clean(p.Duties[0].Title) {
					t.Fatalf("duty title %q, want %q", got, clean(p.Duties[0].Title))
				}
				if got := unformula(row[3], clean(p.PersonName("a"))); got != clean(p.PersonName("a")) {
					t.Fatalf("owner %q, want %q", got, clean(p.PersonName("a")))
				}
			}
			if table == DaysTable && opt.Person == "" {
				if got := unformula(recs[1][3], clean(p.PersonName("a"))); got != clean(p.PersonName("a")) {
					t.Fatalf("SPOC %q, want %q", got, clean(p.PersonName("a")))
				}
			}
		}
	})
}

// unformula undoes Cell's quote before a formula character, given the
// text the PA typed: a typed leading quote is kept as typed, never doubled.
func unformula(c, typed string) string {
	if strings.HasPrefix(typed, "'") {
		return c
	}
	if len(c) > 1 && c[0] == '\'' && strings.ContainsRune(formulaStarts, rune(c[1])) {
		return c[1:]
	}
	return c
}

func TestPropHTMLHasNoInjectedMarkup(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := hostilePlan(t)
		r := coverage.Compute(p)
		page := write(t, HTML, r, drawOptions(t))
		if err := checkMarkup(page); err != nil {
			t.Fatal(err)
		}
		h1 := between(page, "<h1>", "</h1>")
		if len(h1) != 1 || html.UnescapeString(h1[0]) != clean(p.Name) {
			t.Fatalf("h1 %q, want %q", h1, clean(p.Name))
		}
	})
}

func TestPropMarkdownTablesKeepTheirColumns(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := hostilePlan(t)
		r := coverage.Compute(p)
		opt := drawOptions(t)
		md := write(t, Markdown, r, opt)
		tables, err := mdTables(md)
		if err != nil {
			t.Fatal(err)
		}
		if len(tables) < 3 {
			t.Fatalf("%d tables", len(tables))
		}
		if err := rawMarkup(md); err != nil {
			t.Fatal(err)
		}
		if len(tables[0][0]) < 2 {
			t.Fatalf("responsibilities table without a person: %q", tables[0][0])
		}
		if got, want := mdUnescape(tables[0][2][0]), strings.TrimSpace(oneLine(p.Duties[0].Area)); opt.Person != "d" && got != want && want != "" {
			t.Fatalf("area cell %q, want %q", got, want)
		}
		first, _, _ := strings.Cut(md, "\n")
		want := p.Name
		if opt.Person != "" {
			want += " — " + clean(p.PersonName(opt.Person))
		}
		want = oneLine(want)
		if got := mdUnescape(strings.TrimPrefix(first, "# ")); got != strings.TrimSpace(want) {
			t.Fatalf("title %q, want %q", got, strings.TrimSpace(want))
		}
	})
}
