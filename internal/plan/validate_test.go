package plan

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/termtext"

	"rota/internal/calendar"
)

// idPool mixes good ids with every kind of bad one, so random plans hit
// unknown references, duplicates and bad ids often.
var idPool = []string{"a", "b", "c", "d", "", "spoc", "Bad Id", "x-1", "-x", "é", strings.Repeat("long", 30)}

func anyID() *rapid.Generator[string] { return rapid.SampledFrom(idPool) }

func anyDate() *rapid.Generator[calendar.Date] {
	return rapid.OneOf(
		rapid.Map(rapid.Int32(), func(i int32) calendar.Date { return calendar.Date(i) }),
		rapid.Map(rapid.Int32Range(19000, 19400), func(i int32) calendar.Date { return calendar.Date(i) }),
	)
}

func anyIDs(t *rapid.T, label string) []string {
	return rapid.OneOf(rapid.Just[[]string](nil), rapid.SliceOfN(anyID(), 0, 6)).Draw(t, label)
}

// anyPlan draws a plan as code might build one: anything goes, including
// empty slices, unknown references and values no file could hold. Half are
// valid plans with a few things broken, so that the plans Validate accepts
// are many and varied too.
func anyPlan(t *rapid.T) *Plan {
	if rapid.Bool().Draw(t, "wild") {
		return wildPlan(t)
	}
	p := validPlan(t)
	for i := range rapid.IntRange(0, 3).Draw(t, "mutations") {
		mutate(t, p, fmt.Sprint(i))
	}
	return p
}

// mutate breaks, or may break, one thing in p.
func mutate(t *rapid.T, p *Plan, label string) {
	pick := func(n int) int { return rapid.IntRange(0, n-1).Draw(t, label+"pick") }
	if len(p.Persons) == 0 {
		p.Persons = append(p.Persons, Person{ID: anyID().Draw(t, label+"new"), Rota: true})
	}
	switch rapid.IntRange(0, 15).Draw(t, label) {
	case 0:
		p.Persons[pick(len(p.Persons))].ID = anyID().Draw(t, label+"id")
	case 1:
		p.Persons = p.Persons[:pick(len(p.Persons)+1)]
	case 2:
		x := &p.Persons[pick(len(p.Persons))]
		x.Rota = !x.Rota
	case 3:
		p.SPOC.Order, p.SPOC.OrderSet = anyIDs(t, label+"order"), rapid.Bool().Draw(t, label+"set")
	case 4:
		p.Presence.Order, p.Presence.OrderSet = anyIDs(t, label+"order"), rapid.Bool().Draw(t, label+"set")
	case 5:
		if len(p.Duties) > 0 {
			d := &p.Duties[pick(len(p.Duties))]
			d.Owner = anyID().Draw(t, label+"owner")
			d.Cover = append(d.Cover, anyIDs(t, label+"cover")...)
		}
	case 6:
		if len(p.Duties) > 0 {
			p.Duties[pick(len(p.Duties))].ID = anyID().Draw(t, label+"duty")
		}
	case 7:
		if len(p.Events) > 0 {
			e := &p.Events[pick(len(p.Events))]
			e.Needs = anyID().Draw(t, label+"needs")
			e.ID = anyID().Draw(t, label+"event")
		}
	case 8:
		if len(p.Events) > 0 {
			e := &p.Events[pick(len(p.Events))]
			e.Dates = append(e.Dates, anyDate().Draw(t, label+"date"))
		}
	case 9:
		if len(p.Events) > 0 {
			e := &p.Events[pick(len(p.Events))]
			e.Dates, e.Weekly = nil, nil
		}
	case 10:
		if len(p.Absences) > 0 {
			a := &p.Absences[pick(len(p.Absences))]
			a.From, a.To = a.To, a.From
			a.Person = anyID().Draw(t, label+"absent")
		}
	case 11:
		p.Start, p.End = anyDate().Draw(t, label+"start"), anyDate().Draw(t, label+"end")
	case 12:
		p.Holidays = rapid.SampledFrom([]string{"", "wales", "Scotland"}).Draw(t, label+"holidays")
	case 13:
		p.Workdays = nil
	case 14:
		p.Name = ""
	case 15:
		p.Duties, p.Events, p.Absences, p.Persons = p.Duties[:0], p.Events[:0], nil, p.Persons[:0]
	}
}

// wildPlan draws a plan at random, nearly always an invalid one.
func wildPlan(t *rapid.T) *Plan {
	p := &Plan{
		Name:     rapid.SampledFrom([]string{"", " ", "Plan"}).Draw(t, "name"),
		Start:    anyDate().Draw(t, "start"),
		End:      anyDate().Draw(t, "end"),
		Holidays: rapid.SampledFrom(append(calendar.Regions(), "", "wales")).Draw(t, "holidays"),
		Workdays: rapid.SliceOfN(rapid.Map(rapid.IntRange(0, 6), func(i int) time.Weekday { return time.Weekday(i) }), 0, 8).Draw(t, "workdays"),
	}
	for i := range rapid.IntRange(0, 6).Draw(t, "persons") {
		p.Persons = append(p.Persons, Person{ID: anyID().Draw(t, fmt.Sprint("person", i)), Rota: rapid.Bool().Draw(t, fmt.Sprint("rota", i))})
	}
	p.SPOC = SPOC{Order: anyIDs(t, "spoc.order"), OrderSet: rapid.Bool().Draw(t, "spoc.set"),
		Buddy: BuddyNext, MostlyAbsent: rapid.Float64().Draw(t, "mostly")}
	p.Presence = Presence{Enabled: rapid.Bool().Draw(t, "presence"), Order: anyIDs(t, "presence.order"), OrderSet: rapid.Bool().Draw(t, "presence.set")}
	for i := range rapid.IntRange(0, 4).Draw(t, "duties") {
		p.Duties = append(p.Duties, Duty{
			ID: anyID().Draw(t, fmt.Sprint("duty", i)), Title: rapid.SampledFrom([]string{"", "T"}).Draw(t, fmt.Sprint("title", i)),
			Owner: anyID().Draw(t, fmt.Sprint("owner", i)), Cover: anyIDs(t, fmt.Sprint("cover", i)),
		})
	}
	for i := range rapid.IntRange(0, 3).Draw(t, "absences") {
		p.Absences = append(p.Absences, Absence{Person: anyID().Draw(t, fmt.Sprint("absent", i)), From: anyDate().Draw(t, fmt.Sprint("from", i)), To: anyDate().Draw(t, fmt.Sprint("to", i))})
	}
	for i := range rapid.IntRange(0, 3).Draw(t, "events") {
		e := Event{ID: anyID().Draw(t, fmt.Sprint("event", i)), Title: "E", Needs: anyID().Draw(t, fmt.Sprint("needs", i)),
			Dates: rapid.SliceOfN(anyDate(), 0, 3).Draw(t, fmt.Sprint("dates", i))}
		if rapid.Bool().Draw(t, fmt.Sprint("weekly", i)) {
			w := time.Weekday(rapid.IntRange(0, 6).Draw(t, fmt.Sprint("weekday", i)))
			e.Weekly = &w
		}
		p.Events = append(p.Events, e)
	}
	return p
}

// TestValidateAnyPlan: Validate never panics, and a plan it accepts keeps
// every rule of the spec, stated here directly rather than through the
// validator's code.
func TestValidateAnyPlan(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := anyPlan(t)
		err := p.Validate()
		if err != nil {
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error %T %v, want Problems", err, err)
			}
			for _, pr := range ps {
				if strings.TrimSpace(pr.Msg) == "" || pr.File != "" || pr.Line != 0 {
					t.Fatalf("problem %+v: want a message, and no file or line for a plan built in code", pr)
				}
			}
			return
		}
		persons := map[string]Person{}
		for _, x := range p.Persons {
			if !validID(x.ID) {
				t.Fatalf("accepted person id %q", x.ID)
			}
			if _, dup := persons[x.ID]; dup {
				t.Fatalf("accepted person %q twice", x.ID)
			}
			persons[x.ID] = x
		}
		if len(p.RotaPersons()) < 2 {
			t.Fatalf("accepted %d rota persons", len(p.RotaPersons()))
		}
		checkOrder := func(name string, order []string, least int) {
			seen := map[string]bool{}
			for _, id := range order {
				if !persons[id].Rota || seen[id] {
					t.Fatalf("%s: accepted %q (not a rota person, or twice) in %v", name, id, order)
				}
				seen[id] = true
			}
			if len(order) < least || len(order) > MaxOrder {
				t.Fatalf("%s: accepted %d people", name, len(order))
			}
		}
		checkOrder("spoc.order", p.SPOC.Order, 2)
		checkOrder("presence.order", p.Presence.Order, 1)
		if p.Start > p.End || p.End > calendar.NewDate(p.Start.Year()+10, 1, 1).AddDays(366) {
			t.Fatalf("accepted period %s to %s", p.Start, p.End)
		}
		if !calendar.KnownRegion(p.Holidays) || len(p.Workdays) == 0 || p.Name == "" {
			t.Fatalf("accepted holidays %q, workdays %v, name %q", p.Holidays, p.Workdays, p.Name)
		}
		ids := map[string]bool{}
		for _, d := range p.Duties {
			if !validID(d.ID) || d.ID == NeedsSPOC || ids[d.ID] {
				t.Fatalf("accepted duty id %q", d.ID)
			}
			ids[d.ID] = true
			if _, ok := persons[d.Owner]; !ok {
				t.Fatalf("accepted owner %q", d.Owner)
			}
			seen := map[string]bool{d.Owner: true}
			for _, c := range d.Cover {
				if _, ok := persons[c]; !ok || seen[c] {
					t.Fatalf("accepted cover %v for owner %q", d.Cover, d.Owner)
				}
				seen[c] = true
			}
		}
		for _, e := range p.Events {
			if !validID(e.ID) || e.ID == NeedsSPOC || ids[e.ID] {
				t.Fatalf("accepted event id %q", e.ID)
			}
			ids[e.ID] = true
			if _, ok := p.Duty(e.Needs); !ok && e.Needs != NeedsSPOC {
				t.Fatalf("accepted needs %q", e.Needs)
			}
			if len(e.Dates) == 0 && e.Weekly == nil {
				t.Fatal("accepted an event with no dates")
			}
			for _, d := range e.Dates {
				if d < p.Start || d > p.End {
					t.Fatalf("accepted event date %s outside %s to %s", d, p.Start, p.End)
				}
			}
		}
		for _, a := range p.Absences {
			if _, ok := persons[a.Person]; !ok || a.From > a.To {
				t.Fatalf("accepted absence %+v", a)
			}
		}
	})
}

// validPlan draws a plan that keeps every rule, with every optional key
// either left out (and so defaulted) or set.
func validPlan(t *rapid.T) *Plan {
	text := rapid.StringN(1, 12, -1).Filter(func(s string) bool { return strings.TrimSpace(s) != "" && termtext.Check(s) == "" })
	optText := rapid.OneOf(rapid.Just(""), text)
	start := calendar.Date(rapid.Int32Range(int32(calendar.NewDate(2000, 1, 1)), int32(calendar.NewDate(2040, 1, 1))).Draw(t, "start"))
	p := &Plan{
		ID:   rapid.SampledFrom([]string{"", "cccs", "a-1"}).Draw(t, "id"),
		Name: text.Draw(t, "name"), Organisation: optText.Draw(t, "org"), Directorate: optText.Draw(t, "dir"),
		Start:    start,
		End:      start.AddDays(rapid.IntRange(0, 3650).Draw(t, "days")),
		Holidays: rapid.SampledFrom(calendar.Regions()).Draw(t, "holidays"),
		Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
	}
	if rapid.Bool().Draw(t, "closures?") {
		p.Closures = rapid.SliceOfN(rapid.Map(rapid.IntRange(-400, 4000), start.AddDays), 1, 4).Draw(t, "closures")
	}
	if rapid.Bool().Draw(t, "workdays?") {
		all := []time.Weekday{0, 1, 2, 3, 4, 5, 6}
		p.Workdays = rapid.Permutation(all).Draw(t, "workdays")[:rapid.IntRange(1, 7).Draw(t, "nworkdays")]
	}
	ids := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z0-9][a-z0-9-]{0,8}`), 2, 8, rapid.ID[string]).Draw(t, "ids")
	for i, id := range ids {
		p.Persons = append(p.Persons, Person{ID: id, Name: text.Draw(t, "pname"), Title: optText.Draw(t, "ptitle"),
			Rota: i < 2 || rapid.Bool().Draw(t, "rota")})
	}
	rota := p.RotaPersons()
	p.SPOC = SPOC{Buddy: rapid.SampledFrom([]string{BuddyNext, BuddyPrevious}).Draw(t, "buddy"),
		MostlyAbsent: rapid.Float64Range(0.001, 1).Draw(t, "mostly")}
	if rapid.Bool().Draw(t, "spoc.order?") {
		p.SPOC.Order = rapid.Permutation(rota).Draw(t, "spoc.order")[:rapid.IntRange(2, len(rota)).Draw(t, "nspoc")]
		p.SPOC.OrderSet = true
	}
	if rapid.Bool().Draw(t, "spoc.duties?") {
		p.SPOC.Duties = rapid.SliceOfN(text, 1, 3).Draw(t, "spoc.duties")
	}
	p.Presence.Enabled = rapid.Bool().Draw(t, "presence")
	if rapid.Bool().Draw(t, "presence.order?") {
		p.Presence.Order = rapid.Permutation(rota).Draw(t, "presence.order")[:rapid.IntRange(1, len(rota)).Draw(t, "npresence")]
		p.Presence.OrderSet = true
	}
	tasks := rapid.SliceOfNDistinct(rapid.StringMatching(`[a-z0-9][a-z0-9-]{0,12}`).Filter(func(s string) bool { return s != NeedsSPOC }), 0, 10, rapid.ID[string]).Draw(t, "task ids")
	nduties := rapid.IntRange(0, len(tasks)).Draw(t, "nduties")
	for _, id := range tasks[:nduties] {
		d := Duty{ID: id, Title: text.Draw(t, "dtitle"), Area: optText.Draw(t, "area"),
			Owner: rapid.SampledFrom(ids).Draw(t, "owner"), Statutory: rapid.Bool().Draw(t, "statutory")}
		others := slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == d.Owner })
		if n := rapid.IntRange(0, len(others)).Draw(t, "ncover"); n > 0 {
			d.Cover = rapid.Permutation(others).Draw(t, "cover")[:n]
		}
		p.Duties = append(p.Duties, d)
	}
	for range rapid.IntRange(0, 4).Draw(t, "absences") {
		from := start.AddDays(rapid.IntRange(-60, 4000).Draw(t, "from"))
		p.Absences = append(p.Absences, Absence{Person: rapid.SampledFrom(ids).Draw(t, "absent"),
			From: from, To: from.AddDays(rapid.IntRange(0, 40).Draw(t, "length")), Reason: optText.Draw(t, "reason")})
	}
	needs := []string{NeedsSPOC}
	for _, d := range p.Duties {
		needs = append(needs, d.ID)
	}
	for _, id := range tasks[nduties:] {
		e := Event{ID: id, Title: text.Draw(t, "etitle"), Needs: rapid.SampledFrom(needs).Draw(t, "needs")}
		span := int(p.End - p.Start)
		if rapid.Bool().Draw(t, "dates?") {
			e.Dates = rapid.SliceOfN(rapid.Map(rapid.IntRange(0, span), start.AddDays), 1, 4).Draw(t, "dates")
		}
		if e.Dates == nil || rapid.Bool().Draw(t, "weekly?") {
			w := time.Weekday(rapid.IntRange(0, 6).Draw(t, "weekday"))
			e.Weekly = &w
		}
		p.Events = append(p.Events, e)
	}
	if err := p.Validate(); err != nil {
		t.Fatalf("drew an invalid plan: %v", err)
	}
	return p
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func tomlStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func tomlDates(ds []calendar.Date) string {
	q := make([]string, len(ds))
	for i, d := range ds {
		q[i] = d.String()
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// render writes p as a plan file, leaving out what is at its default. The
// tables come in a drawn order: the format allows any.
func render(t *rapid.T, p *Plan) string {
	var parts []string
	var b strings.Builder
	opt := func(key, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%s = %s\n", key, tomlString(value))
		}
	}
	flush := func() { parts = append(parts, b.String()); b.Reset() }

	fmt.Fprintf(&b, "[plan]\nname = %s\nstart = %s\nend = %s\nholidays = %s\n", tomlString(p.Name), p.Start, p.End, tomlString(p.Holidays))
	opt("id", p.ID)
	opt("organisation", p.Organisation)
	opt("directorate", p.Directorate)
	if p.Closures != nil {
		fmt.Fprintf(&b, "closures = %s\n", tomlDates(p.Closures))
	}
	fmt.Fprintf(&b, "workdays = [%s]\n", `"`+strings.ReplaceAll(calendar.JoinWeekdays(p.Workdays), ", ", `", "`)+`"`)
	flush()
	for _, x := range p.Persons {
		fmt.Fprintf(&b, "[[person]]\nid = %s\nname = %s\n", tomlString(x.ID), tomlString(x.Name))
		opt("title", x.Title)
		if !x.Rota {
			b.WriteString("rota = false\n")
		}
		flush()
	}
	fmt.Fprintf(&b, "[spoc]\nbuddy = %s\nmostly_absent = %s\n", tomlString(p.SPOC.Buddy), strconv.FormatFloat(p.SPOC.MostlyAbsent, 'g', -1, 64))
	if p.SPOC.OrderSet {
		fmt.Fprintf(&b, "order = %s\n", tomlStrings(p.SPOC.Order))
	}
	if p.SPOC.Duties != nil {
		fmt.Fprintf(&b, "duties = %s\n", tomlStrings(p.SPOC.Duties))
	}
	flush()
	fmt.Fprintf(&b, "[presence]\nenabled = %v\n", p.Presence.Enabled)
	if p.Presence.OrderSet {
		fmt.Fprintf(&b, "order = %s\n", tomlStrings(p.Presence.Order))
	}
	flush()
	for _, d := range p.Duties {
		fmt.Fprintf(&b, "[[duty]]\nid = %s\ntitle = %s\nowner = %s\nstatutory = %v\n", tomlString(d.ID), tomlString(d.Title), tomlString(d.Owner), d.Statutory)
		opt("area", d.Area)
		if d.Cover != nil {
			fmt.Fprintf(&b, "cover = %s\n", tomlStrings(d.Cover))
		}
		flush()
	}
	for _, a := range p.Absences {
		fmt.Fprintf(&b, "[[absence]]\nperson = %s\nfrom = %s\nto = %s\n", tomlString(a.Person), a.From, a.To)
		opt("reason", a.Reason)
		flush()
	}
	for _, e := range p.Events {
		fmt.Fprintf(&b, "[[event]]\nid = %s\ntitle = %s\nneeds = %s\n", tomlString(e.ID), tomlString(e.Title), tomlString(e.Needs))
		if e.Dates != nil {
			fmt.Fprintf(&b, "dates = %s\n", tomlDates(e.Dates))
		}
		if e.Weekly != nil {
			fmt.Fprintf(&b, "weekly = %q\n", calendar.WeekdayName(*e.Weekly))
		}
		flush()
	}
	// Shuffle the tables, keeping each kind's entries in order: only the
	// relative order of entries of one kind means anything.
	kind := func(s string) string { return s[:strings.IndexByte(s, '\n')] }
	order := rapid.Permutation(parts).Draw(t, "table order")
	byKind := map[string][]string{}
	for _, s := range parts {
		byKind[kind(s)] = append(byKind[kind(s)], s)
	}
	var out strings.Builder
	for _, s := range order {
		k := kind(s)
		out.WriteString(byKind[k][0])
		byKind[k] = byKind[k][1:]
		out.WriteString("\n")
	}
	return out.String()
}

// TestRoundTrip: any valid plan, written as a file, reads back as itself.
func TestRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		want := validPlan(t)
		src := render(t, want)
		got, err := Parse("drawn.toml", []byte(src))
		if err != nil {
			t.Fatalf("%v\nfile:\n%s", err, src)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read back\n%+v\nwant\n%+v\nfile:\n%s", got, want, src)
		}
	})
}

func TestNumber(t *testing.T) {
	for f, want := range map[float64]string{math.NaN(): "nan", math.Inf(1): "inf", math.Inf(-1): "-inf", 0.25: "0.25", -1: "-1"} {
		if got := number(f); got != want {
			t.Errorf("number(%v) = %q, want %q", f, got, want)
		}
	}
}
