package export_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"pgregory.net/rapid"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/export"
	"rota/internal/plan"
	"rota/internal/plan/plantest"
	"rota/internal/report"
)

// names are given to the generated plan's people: plain, distinct, and
// made of letters the generator's titles never use, so that a name found in
// an export is a statement about that person.
var names = []string{"Ann Mole", "Ben Moss", "Cleo Nunn", "Dev Pitt", "Eli Rook", "Fen Tull"}

// truthPlan saves a random plan in a real SQLite database, then records
// absences afterwards, as a PA does once the rota is published: the saved
// presence days stay with people now away (plan-format.md section 9).
func truthPlan(t *rapid.T, dir string) *backend.Snapshot {
	p := plantest.Plan(t)
	for i := range p.Persons {
		p.Persons[i].Name = names[i]
	}
	b, err := backend.Open(filepath.Join(dir, fmt.Sprintf("truth-%d.db", time.Now().UnixNano())))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx, s := context.Background(), b.As(backend.Local("pa"))
	ref := backend.Ref{Plan: "p"}
	if _, err := s.Import(ctx, "p", "p.toml", plan.Encode(p), "pa", ""); err != nil {
		t.Fatal(err)
	}
	v := 1
	for i, n := 0, rapid.IntRange(1, 4).Draw(t, "later"); i < n; i++ {
		from := p.Start.AddDays(rapid.IntRange(0, int(p.End-p.Start)).Draw(t, "from"))
		a := plan.Absence{Person: rapid.SampledFrom(p.PersonIDs()).Draw(t, "who"), From: from, To: from.AddDays(rapid.IntRange(0, 25).Draw(t, "days")), Reason: "sick"}
		if nv, err := s.Apply(ctx, ref, v, change.AddAbsence(a), "pa", ""); err == nil {
			v = nv
		}
	}
	snap, err := s.Load(ctx, ref, 0)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// truth checks statements that person (by full name) is present, acts or
// holds something on date d.
type truth struct {
	t    *rapid.T
	snap *backend.Snapshot
	full map[string]string // full name: id
	ids  map[string]string // short name (first word): id
}

func (c truth) check(where, name string, d calendar.Date) {
	id, ok := c.full[name]
	if !ok {
		id, ok = c.ids[name]
	}
	if ok && c.snap.Frame.Absent(id, d) {
		c.t.Fatalf("%s says %s is there on %s, when they are recorded away", where, name, d)
	}
}

// No export, report or JSON says that someone is present, acting or
// holding a duty on a date they are recorded away.
func TestPropNothingUntrueAboutPeopleAway(t *testing.T) {
	dir := t.TempDir()
	rapid.Check(t, func(t *rapid.T) {
		snap := truthPlan(t, dir)
		r := snap.Result
		c := truth{t: t, snap: snap, full: map[string]string{}, ids: map[string]string{}}
		for _, x := range snap.Plan.Persons {
			c.full[x.Name] = x.ID
			c.ids[strings.Fields(x.Name)[0]] = x.ID
		}
		opt := export.Options{Identity: snap.Identity, Gaps: true, Stamp: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
		write := func(f export.Format, o export.Options) string {
			var b bytes.Buffer
			if err := export.Write(&b, f, r, o); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}

		// iCalendar: the team's and each person's.
		for _, who := range append([]string{""}, snap.Plan.PersonIDs()...) {
			o := opt
			o.Person = who
			events, err := export.CalendarEvents(r, o)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range events {
				for name := range c.full {
					s := e.Summary
					says := (strings.HasPrefix(e.Key, "presence-") && s == "In county: "+name) ||
						(strings.HasPrefix(e.Key, "acting-spoc-") && strings.HasPrefix(s, "Acting SPOC: "+name+" (")) ||
						(strings.HasPrefix(e.Key, "cover-") && strings.Contains(s, ": "+name+" (for ")) ||
						(strings.HasPrefix(e.Key, "event-") && strings.HasSuffix(s, ": "+name))
					if says {
						c.check("calendar event "+e.Key, name, e.From)
					}
				}
			}
			if ics := write(export.ICS, o); !strings.HasPrefix(ics, "BEGIN:VCALENDAR") {
				t.Fatal("no calendar")
			}
		}

		// CSV: presence and acting SPOC of each day.
		for _, line := range strings.Split(write(export.CSV, opt), "\r\n")[1:] {
			cells := strings.Split(line, ",")
			if len(cells) < 6 {
				continue
			}
			d, err := calendar.ParseDate(cells[0])
			if err != nil {
				continue
			}
			c.check("CSV presence", cells[2], d)
			c.check("CSV acting SPOC", cells[5], d)
		}

		// Excel: the Days sheet's presence and acting SPOC, as a PA reads them.
		book, err := excelize.OpenReader(strings.NewReader(write(export.XLSX, opt)))
		if err != nil {
			t.Fatal(err)
		}
		days, err := book.GetRows(export.DaysSheet)
		if err != nil || len(days) < 1 {
			t.Fatalf("xlsx Days sheet: %d rows, %v", len(days), err)
		}
		for _, row := range days {
			if len(row) < 6 {
				continue
			}
			d, err := time.Parse("02/01/2006", row[0])
			if err != nil {
				continue
			}
			date := calendar.NewDate(d.Year(), d.Month(), d.Day())
			c.check("xlsx presence", row[2], date)
			c.check("xlsx acting SPOC", row[5], date)
		}

		// HTML: each calendar day's details.
		page := write(export.HTML, opt)
		for _, m := range tdTitle.FindAllStringSubmatch(page, -1) {
			title := html.UnescapeString(m[1])
			day, rest, ok := strings.Cut(title, " — ")
			if !ok {
				continue
			}
			d, err := time.Parse("Mon 2 Jan 2006", day)
			if err != nil {
				t.Fatalf("calendar day %q", day)
			}
			date := calendar.NewDate(d.Year(), d.Month(), d.Day())
			for _, part := range strings.Split(rest, "; ") {
				if name, ok := strings.CutPrefix(part, "present: "); ok {
					c.check("HTML calendar", name, date)
				}
				if name, ok := strings.CutPrefix(part, "acting SPOC: "); ok {
					c.check("HTML calendar acting", strings.SplitN(name, " (for ", 2)[0], date)
				}
			}
		}

		// Text: rota plan / rota show's month grids, and each person's plan.
		var b bytes.Buffer
		report.WritePlan(&b, r, report.Options{})
		checkGrids(c, b.String())
		for _, id := range snap.Plan.PersonIDs() {
			b.Reset()
			report.WritePerson(&b, r, id, report.Options{})
			checkPerson(c, b.String(), snap.Plan.PersonName(id))
		}

		// JSON: a presence whose person is away is flagged as the gap it is.
		for _, day := range snap.Report().Days {
			if day.Presence != nil && snap.Frame.Absent(*day.Presence, day.Date) && !day.PresenceAway {
				t.Fatalf("JSON: presence %s on %s without presence_away", *day.Presence, day.Date)
			}
			if day.ActingSPOC != nil {
				c.check("JSON acting_spoc", snap.Plan.PersonName(*day.ActingSPOC), day.Date)
			}
		}
	})
}

var (
	tdTitle   = regexp.MustCompile(`<td[^>]* title="([^"]*)"><span class="d">`)
	gridMonth = regexp.MustCompile(`^([A-Z][a-z]+ \d{4}): SPOC`)
	gridCell  = regexp.MustCompile(`(\d+) (\S+)(?: away→\S+)?[*!]*`)
	monthDays = regexp.MustCompile(`^  ([A-Z][a-z]{2} \d{4}): (.*)$`)
)

// checkGrids reads the month grids of WritePlan: each cell "5 Ann" says Ann
// is present on the 5th; "5 Ann away→Ben" is a presence gap.
func checkGrids(c truth, text string) {
	var month time.Time
	for _, line := range strings.Split(text, "\n") {
		if m := gridMonth.FindStringSubmatch(line); m != nil {
			month, _ = time.Parse("January 2006", m[1])
			continue
		}
		if !strings.HasPrefix(line, "w/c ") || month.IsZero() {
			continue
		}
		for _, cell := range regexp.MustCompile(`\s{2,}`).Split(line, -1)[1:] {
			m := gridCell.FindStringSubmatch(cell)
			if m == nil || strings.Contains(cell, " away→") {
				continue
			}
			day, _ := strconv.Atoi(m[1])
			c.check("text month grid", m[2], calendar.NewDate(month.Year(), month.Month(), day))
		}
	}
}

// checkPerson reads a person's plan: the days listed "In the county".
func checkPerson(c truth, text, name string) {
	in := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case strings.HasPrefix(line, "In the county on "):
			in = true
			continue
		case !strings.HasPrefix(line, "  "):
			in = false
		}
		m := monthDays.FindStringSubmatch(line)
		if !in || m == nil {
			continue
		}
		month, err := time.Parse("Jan 2006", m[1])
		if err != nil {
			c.t.Fatalf("person's plan: month %q", m[1])
		}
		for _, day := range strings.Split(m[2], ", ") {
			n, _ := strconv.Atoi(strings.Fields(day)[1])
			c.check("person's plan", name, calendar.NewDate(month.Year(), month.Month(), n))
		}
	}
}
