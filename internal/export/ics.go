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
	"rota/internal/report"
)

// ProdID names rota as the product that wrote a calendar (RFC 5545 PRODID).
const ProdID = "-//rota//rota export 1//EN"

// Event is one all-day entry of a calendar export, before it is written.
type Event struct {
	// Key is the UID before its "@": the kind of entry, its date and its
	// duty or event id ("presence-20221003", "cover-siro-20221003"), never
	// who is assigned, so an entry keeps its UID when the plan changes.
	Key      string
	From, To calendar.Date // inclusive
	Summary  string
	Desc     string
}

// content is what SEQUENCE follows: an event whose content changes is a
// new revision of it (RFC 5545 section 3.8.7.4).
func (e Event) content() string {
	return e.From.String() + "\x00" + e.To.String() + "\x00" + e.Summary + "\x00" + e.Desc
}

// CalendarEvents returns the events an iCalendar export of r with opt
// holds, in the order it writes them; Options.Sequence and Options.Since do
// not change them. History walks use it to number revisions (Sequences) and
// to find what a newer export must cancel.
func CalendarEvents(r *coverage.Result, opt Options) ([]Event, error) {
	if err := opt.Check(r); err != nil {
		return nil, err
	}
	var out []Event
	newView(r, opt).eachEvent(func(e Event) { out = append(out, e) })
	return out, nil
}

// writeICS writes the rota as an iCalendar of all-day events: each SPOC and
// buddy month over the month's dates, each presence day, each day someone acts
// as SPOC or holds a duty for its owner, each event date with who attends and,
// with Options.Gaps, one event per day that has gaps.
//
// With Options.Person only that person's share is written: the months they
// lead or buddy, their presence days, the days they act for someone, the
// events they attend and the gaps they could fill.
//
// UIDs are Event.Key at a domain made of the plan's identity
// (Options.Identity) and, for a what-if or an earlier version, its
// Options.Draft: importing a newer export of the same plan updates each
// entry in place, and a what-if never overwrites the plan's entries. Every
// event carries SEQUENCE (Options.Sequence), and the events of
// Options.Since that this export no longer has come again with
// STATUS:CANCELLED, so that re-publishing takes them away (RFC 5546
// section 3.2.5).
//
// The library (github.com/arran4/golang-ical) escapes TEXT values and folds
// lines at 75 octets without splitting UTF-8 sequences; it leaves CR and other
// control characters as they are, which RFC 5545 forbids in TEXT, so every
// value passes through clean first.
//
// Each event is written as it is made, not gathered into one calendar
// first: a council's decade is half a million events, and the calendar
// costs no more memory than one of them.
func writeICS(w io.Writer, v *view) error {
	cfg := &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: "\r\n"}
	cal := ics.NewCalendar()
	cal.SetProductId(ProdID)
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	name := clean(v.p.Name)
	if v.opt.Person != "" {
		name += " — " + v.name(v.opt.Person)
	}
	if v.opt.Draft != "" {
		name += " " + v.draftTag()
	}
	cal.SetXWRCalName(name)
	cal.SetXWRCalDesc(clean(calDesc(v)))
	if m := int(v.opt.Refresh.Minutes()); m > 0 {
		cal.SetRefreshInterval(fmt.Sprintf("PT%dM", m))
		cal.SetXPublishedTTL(fmt.Sprintf("PT%dM", m))
	}

	domain := "@" + uidDomain(v.identity(), v.opt.Draft) + ".rota"
	seq := func(key string) int {
		if v.opt.Sequence == nil {
			return 0
		}
		return v.opt.Sequence(key)
	}
	if _, err := io.WriteString(w, "BEGIN:VCALENDAR\r\n"); err != nil {
		return err
	}
	for _, p := range cal.CalendarProperties {
		if err := p.SerializeTo(w, cfg); err != nil {
			return err
		}
	}
	var err error
	add := func(e Event, status ics.ObjectStatus) {
		if err != nil {
			return
		}
		ve := ics.NewEvent(e.Key + domain)
		ve.SetDtStampTime(v.stamp)
		ve.SetSequence(seq(e.Key))
		ve.SetAllDayStartAt(e.From.Time())
		ve.SetAllDayEndAt(e.To.AddDays(1).Time()) // DTEND of an all-day event is exclusive
		ve.SetSummary(clean(e.Summary))
		if e.Desc != "" {
			ve.SetDescription(clean(e.Desc))
		}
		ve.SetTimeTransparency(ics.TransparencyTransparent) // a rota entry does not make anyone busy
		ve.SetStatus(status)
		err = ve.SerializeTo(w, cfg)
	}
	// Only the keys of Since are remembered, to cancel those this export
	// no longer has.
	gone := make(map[string]bool, len(v.opt.Since))
	for _, e := range v.opt.Since {
		gone[e.Key] = true
	}
	v.eachEvent(func(e Event) {
		delete(gone, e.Key)
		if v.opt.Keep == nil || v.opt.Keep(e) {
			add(e, ics.ObjectStatusConfirmed)
		}
	})
	for _, e := range v.opt.Since {
		if gone[e.Key] {
			delete(gone, e.Key) // once, should Since repeat a key
			add(e, ics.ObjectStatusCancelled)
		}
	}
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, "END:VCALENDAR\r\n")
	return err
}

// eachEvent makes the calendar's entries (see writeICS) in the order they
// are written, and hands each to emit.
func (v *view) eachEvent(emit func(Event)) {
	tag := ""
	if v.opt.Draft != "" {
		tag = v.draftTag() + " "
	}
	add := func(key string, from, to calendar.Date, summary, desc string) {
		if v.opt.Draft != "" {
			desc = "This is " + v.opt.Draft + ", not the agreed plan.\n" + desc
		}
		emit(Event{Key: key, From: from, To: to, Summary: tag + summary, Desc: desc})
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
			add("spoc-"+monthKey(m), from, to, "SPOC: "+v.name(spoc)+v.awayNote(spoc, from, to),
				fmt.Sprintf("%s is the single point of contact for %s in %s; buddy %s.%s", v.name(spoc), v.p.Name, m.Label(), v.name(buddy), covers))
		}
		if mine(buddy) {
			add("buddy-"+monthKey(m), from, to, "SPOC buddy: "+v.name(buddy)+v.awayNote(buddy, from, to),
				fmt.Sprintf("%s is the buddy of the SPOC %s in %s: covers when %s is away and leads next.", v.name(buddy), v.name(spoc), m.Label(), v.name(spoc)))
		}
	}

	for _, k := range v.days {
		d := f.Days[k]
		if who, away, suggested := v.presence(k); who != "" && v.p.Presence.Enabled {
			switch {
			case !away && mine(who):
				add("presence-"+dateKey(d), d, d, "In county: "+v.name(who),
					fmt.Sprintf("%s is physically present in the county (%s).", v.name(who), v.p.Name))
			case away && (mine(who) || mine(suggested)):
				// The same key as the presence day it replaces: a calendar
				// that had "In county" for this day gets the gap instead.
				add("presence-"+dateKey(d), d, d, "Presence gap: "+v.name(who)+" is away"+suggestNote(v, suggested),
					fmt.Sprintf("Nobody is physically present in the county (%s): %s is assigned but recorded away.%s", v.p.Name, v.name(who), suggestNote(v, suggested)))
			}
		}
		if spoc, _ := r.SPOC(d); r.Acting[k] != "" && r.Acting[k] != spoc && mine(r.Acting[k]) {
			add("acting-spoc-"+dateKey(d), d, d, "Acting SPOC: "+v.name(r.Acting[k])+" (for "+v.name(spoc)+")",
				fmt.Sprintf("%s is away; %s acts as single point of contact.", v.name(spoc), v.name(r.Acting[k])))
		}
		for _, du := range v.p.Duties {
			holder, st := v.holderStatus(du, d)
			if holder == "" || holder == du.Owner || !mine(holder) {
				continue
			}
			// Unconfirmed cover keeps the key of the cover it would be, so
			// the event is updated in place once the cover is accepted.
			if st == coverage.Unconfirmed {
				add("cover-"+du.ID+"-"+dateKey(d), d, d, "Unconfirmed cover: "+du.Title+" falls to "+v.name(holder)+" (not accepted)",
					fmt.Sprintf("%s is away; %s would hold %s%s but has not accepted this cover, so nobody may act on it yet (rota cover accept).", v.name(du.Owner), v.name(holder), du.Title, statutoryNote(du)))
				continue
			}
			add("cover-"+du.ID+"-"+dateKey(d), d, d, "Holds "+du.Title+": "+v.name(holder)+" (for "+v.name(du.Owner)+")",
				fmt.Sprintf("%s is away; %s holds %s%s.", v.name(du.Owner), v.name(holder), du.Title, statutoryNote(du)))
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
		// The gaps come in date order: a day's are together.
		gaps := v.gaps()
		for len(gaps) > 0 {
			d := gaps[0].Date
			n := 1
			for n < len(gaps) && gaps[n].Date == d {
				n++
			}
			gs := gaps[:n]
			gaps = gaps[n:]
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
}

// awayNote says on which of from..to a person given a month's role is
// away, " (away 3–14 Oct 2022)", or "" when they are not: the month's entry
// must not read as though they were there every day.
func (v *view) awayNote(id string, from, to calendar.Date) string {
	if id == "" {
		return ""
	}
	var runs []string
	for _, a := range v.r.Frame.Absences(id) {
		a0, a1 := max(a.From, from), min(a.To, to)
		if a0 <= a1 {
			runs = append(runs, report.DateRange(a0, a1))
		}
	}
	if len(runs) == 0 {
		return ""
	}
	if len(runs) > 2 {
		runs = append(runs[:2], "…")
	}
	return " (away " + strings.Join(runs, ", ") + ")"
}

func suggestNote(v *view, suggested string) string {
	if suggested == "" {
		return "; nobody else is available"
	}
	return "; suggested: " + v.name(suggested)
}

func calDesc(v *view) string {
	s := fmt.Sprintf("Rota of %s, %s to %s", v.p.Name, v.p.Start.Short(), v.p.End.Short())
	if v.p.Organisation != "" {
		s += ", " + v.p.Organisation
	}
	s += "."
	// A calendar of some months says so: a subscriber who finds earlier
	// months gone learns why from the calendar's own description.
	if ms := v.r.Frame.Months; len(v.months) > 0 && len(v.months) < len(ms) {
		from, to := ms[v.months[0]], ms[v.months[len(v.months)-1]]
		if from == to {
			s += fmt.Sprintf(" This calendar holds %s only.", from.Label())
		} else {
			s += fmt.Sprintf(" This calendar holds %s to %s only.", from.Label(), to.Label())
		}
	}
	if t := report.Count(v.r, v.gaps()); t.Gaps > 0 {
		s += " " + strings.ToUpper(t.String()[:1]) + t.String()[1:] + "."
	}
	if v.opt.Draft != "" {
		s = "This is " + v.opt.Draft + ", not the agreed plan. " + s
	}
	return s
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

// uidDomain is the domain part of the UIDs of a plan's calendar: a hash of
// its identity and, for a what-if or an earlier version, of what it is, so
// such a calendar can never overwrite the plan's events. Hashed so that an
// identity with any characters gives a short, plain UID.
func uidDomain(identity, draft string) string {
	s := identity
	if draft != "" {
		s += "\x00" + draft
	}
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:8])
}

func dateKey(d calendar.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

func monthKey(m calendar.Month) string { return strings.ReplaceAll(m.String(), "-", "") }
