package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	ics "github.com/arran4/golang-ical"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// ProdID names rota as the product that wrote a calendar (RFC 5545 PRODID).
const ProdID = "-//rota//rota export 1//EN"

// writeICS writes the rota as an iCalendar of all-day events: each SPOC and
// buddy month over the month's dates, each presence day, each day someone acts
// as SPOC or holds a duty for its owner, each event date with who attends and,
// with Options.Gaps, one event per day that has gaps.
//
// With Options.Person only that person's share is written: the months they
// lead or buddy, their presence days, the days they act for someone, the
// events they attend and the gaps they could fill.
//
// UIDs are made of the plan's name, the kind of entry, its date and its
// duty or event id, never of who is assigned: importing a newer export of the
// same plan then updates each entry in place rather than adding a second one.
//
// The library (github.com/arran4/golang-ical) escapes TEXT values and folds
// lines at 75 octets without splitting UTF-8 sequences; it leaves CR and other
// control characters as they are, which RFC 5545 forbids in TEXT, so every
// value passes through clean first.
func writeICS(w io.Writer, v *view) error {
	cal := ics.NewCalendar()
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	name := clean(v.p.Name)
	if v.opt.Person != "" {
		name += " — " + v.name(v.opt.Person)
	}
	cal.SetXWRCalName(name)
	cal.SetXWRCalDesc(clean(calDesc(v)))

	ns := uidNamespace(v.p.Name)
	add := func(uid string, from, to calendar.Date, summary, desc string) {
		e := cal.AddEvent(uid + "@" + ns + ".rota")
		e.SetDtStampTime(v.stamp)
		e.SetAllDayStartAt(from.Time())
		e.SetAllDayEndAt(to.AddDays(1).Time()) // DTEND of an all-day event is exclusive
		e.SetSummary(clean(summary))
		if desc != "" {
			e.SetDescription(clean(desc))
		}
		e.SetTimeTransparency(ics.TransparencyTransparent) // a rota entry does not make anyone busy
	}
	me := v.opt.Person
	mine := func(id string) bool { return me == "" || me == id }
	r := v.r
	f := r.Frame

	for _, i := range v.months {
		m := f.Months[i]
		from, to := v.monthSpan(i)
		spoc, buddy := r.Assign.SPOC[i], r.Assign.Buddy[i]
		covers := ""
		if len(v.p.SPOC.Duties) > 0 {
			covers = "\nThe SPOC covers: " + strings.Join(v.p.SPOC.Duties, ", ") + "."
		}
		if mine(spoc) {
			add("spoc-"+monthKey(m), from, to, "SPOC: "+v.name(spoc),
				fmt.Sprintf("%s is the single point of contact for %s in %s; buddy %s.%s", v.name(spoc), v.p.Name, m.Label(), v.name(buddy), covers))
		}
		if mine(buddy) {
			add("buddy-"+monthKey(m), from, to, "SPOC buddy: "+v.name(buddy),
				fmt.Sprintf("%s is the buddy of the SPOC %s in %s: covers when %s is away and leads next.", v.name(buddy), v.name(spoc), m.Label(), v.name(spoc)))
		}
	}

	for _, k := range v.days {
		d := f.Days[k]
		if who := r.Assign.Presence[k]; who != "" && mine(who) && v.p.Presence.Enabled {
			add("presence-"+dateKey(d), d, d, "In county: "+v.name(who),
				fmt.Sprintf("%s is physically present in the county (%s).", v.name(who), v.p.Name))
		}
		if spoc, _ := r.SPOC(d); r.Acting[k] != "" && r.Acting[k] != spoc && mine(r.Acting[k]) {
			add("acting-spoc-"+dateKey(d), d, d, "Acting SPOC: "+v.name(r.Acting[k])+" (for "+v.name(spoc)+")",
				fmt.Sprintf("%s is away; %s acts as single point of contact.", v.name(spoc), v.name(r.Acting[k])))
		}
		for _, du := range v.p.Duties {
			holder := v.holder(du, d)
			if holder != "" && holder != du.Owner && mine(holder) {
				add("cover-"+du.ID+"-"+dateKey(d), d, d, "Holds "+du.Title+": "+v.name(holder)+" (for "+v.name(du.Owner)+")",
					fmt.Sprintf("%s is away; %s holds %s%s.", v.name(du.Owner), v.name(holder), du.Title, statutoryNote(du)))
			}
		}
	}

	for _, e := range v.p.Events {
		for _, d := range r.EventDates(e) {
			if !v.inRange(d) {
				continue
			}
			who := r.EventHolder(e, d)
			if me != "" && who != me {
				continue
			}
			add("event-"+e.ID+"-"+dateKey(d), d, d, e.Title+": "+v.name(who), eventDesc(v, e, d, who))
		}
	}

	if v.opt.Gaps {
		scope := "team"
		if me != "" {
			scope = me
		}
		byDay := map[calendar.Date][]coverage.Gap{}
		var days []calendar.Date
		for _, g := range v.gaps() {
			if _, ok := byDay[g.Date]; !ok {
				days = append(days, g.Date)
			}
			byDay[g.Date] = append(byDay[g.Date], g)
		}
		for _, d := range days {
			gs := byDay[d]
			titles := make([]string, len(gs))
			lines := make([]string, len(gs))
			for i, g := range gs {
				titles[i] = r.Title(g)
				lines[i] = fmt.Sprintf("%s: nobody (%s)", r.Title(g), v.why(g))
			}
			summary := fmt.Sprintf("Gap: %s", titles[0])
			if len(gs) > 1 {
				summary = fmt.Sprintf("%d gaps: %s", len(gs), strings.Join(titles[:min(3, len(titles))], ", "))
				if len(gs) > 3 {
					summary += fmt.Sprintf(" and %d more", len(gs)-3)
				}
			}
			add("gaps-"+scope+"-"+dateKey(d), d, d, summary, strings.Join(lines, "\n"))
		}
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

func calDesc(v *view) string {
	s := fmt.Sprintf("Rota of %s, %s to %s", v.p.Name, v.p.Start.Short(), v.p.End.Short())
	if v.p.Organisation != "" {
		s += ", " + v.p.Organisation
	}
	return s + "."
}

func eventDesc(v *view, e plan.Event, d calendar.Date, who string) string {
	var need string
	if e.Needs == plan.NeedsSPOC {
		need = "the acting SPOC"
		if spoc, _ := v.r.SPOC(d); who != "" && who != spoc {
			need += fmt.Sprintf(" (%s is away)", v.name(spoc))
		}
	} else if du, ok := v.p.Duty(e.Needs); ok {
		need = "the holder of " + du.Title
		if who != "" && who != du.Owner {
			need += fmt.Sprintf(" (%s is away)", v.name(du.Owner))
		}
	}
	if who == "" {
		return fmt.Sprintf("Needs %s: nobody is available.", need)
	}
	return fmt.Sprintf("Needs %s: %s.", need, v.name(who))
}

func statutoryNote(du plan.Duty) string {
	if du.Statutory {
		return " (statutory delegation)"
	}
	return ""
}

// uidNamespace turns the plan's name into the domain part of its UIDs: a hash,
// so a name with any characters gives a short, plain UID.
func uidNamespace(name string) string {
	h := sha256.Sum256([]byte(name))
	return hex.EncodeToString(h[:8])
}

func dateKey(d calendar.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

func monthKey(m calendar.Month) string { return strings.ReplaceAll(m.String(), "-", "") }
