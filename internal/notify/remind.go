package notify

import (
	"fmt"
	"strings"
	"time"

	"rota/internal/calendar"
	"rota/internal/engine"
	"rota/internal/report"
)

// Reminders returns the reminders due on today: to the SPOC and the buddy of
// each month from Settings.RemindDays working days before it (default 5,
// counted on the plan's working days, plan-format.md section 5) until it
// starts. The body is the month's handover sheet without
// reasons, as `rota handover` prints it, after what the person does.
func Reminders(p Plan, today calendar.Date, set Settings, stamp time.Time) []Message {
	var out []Message
	r := p.Result
	f := r.Frame
	for _, m := range f.Months {
		h, ok := report.NewHandover(r, m, nil, today, false)
		if !ok || today < remindFrom(f, m, set.remindDays()) || today >= m.First() {
			continue
		}
		for _, role := range []struct{ who, what string }{{h.SPOC, "SPOC"}, {h.Buddy, "SPOC buddy"}} {
			if role.who == "" {
				continue
			}
			var b strings.Builder
			name := f.Plan.PersonName(role.who)
			fmt.Fprintf(&b, "%s,\n\nyou are the %s for %s from %s", name, role.what, m.Label(), m.First().Short())
			if role.what == "SPOC" {
				fmt.Fprintf(&b, ", with %s as your buddy.\n", f.Plan.PersonName(h.Buddy))
			} else {
				fmt.Fprintf(&b, ", for %s.\n", f.Plan.PersonName(h.SPOC))
			}
			from, to := m.First(), m.Last()
			if lines := eventLines(share(p, r, role.who, from, to)); len(lines) > 0 {
				fmt.Fprintf(&b, "\nWhat you do in %s:\n%s\n", m.Label(), strings.Join(lines, "\n"))
			}
			b.WriteString("\n")
			report.WriteHandover(&b, f.Plan.Name, h, func(s string) string { return s })
			b.WriteString(footer(p, true))
			out = append(out, Message{
				Key:      key(KindReminder, p.Identity, role.who, m.String()),
				Kind:     KindReminder,
				Person:   role.who,
				Name:     name,
				Subject:  fmt.Sprintf("%s: you are %s for %s", f.Plan.Name, role.what, m.Label()),
				Text:     b.String(),
				calendar: attachment(p, role.who, from, to, stamp),
				seqAt:    p.Version,
			})
		}
	}
	return out
}

// remindFrom is the day a reminder of month m is due from: days working
// days before the month's first working day. Before the plan's first day
// the plan has no working days, so those are counted as Monday to Friday:
// the first month's SPOC is reminded as every other month's is.
func remindFrom(f *engine.Frame, m calendar.Month, days int) calendar.Date {
	i, ok := f.MonthIndex(m)
	if !ok || len(f.Days) == 0 {
		return m.First()
	}
	k := 0
	if wd := f.MonthDays(i); len(wd) > 0 {
		k, _ = f.DayIndex(wd[0])
	}
	if k >= days {
		return f.Days[k-days]
	}
	d := f.Days[0]
	for left := days - k; left > 0; {
		d = d.AddDays(-1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			left--
		}
	}
	return d
}

// Digests returns the weekly digests due on today, to each person of the
// plan: what they have in the week (Monday to Sunday), presence days, days
// acting for someone, events, cover held, gaps they could fill; or, with
// nothing, a short digest saying so (none with Settings.QuietDigest). The
// digest of a week is due from the settings' digest day (Friday) before it
// until its Monday, so that a run on the Monday (a cron job or a server
// that missed the weekend) still sends it; and only for a week that
// overlaps the plan's period ([plan] start to end, plan-format.md section
// 1), so that a plan that has ended, or not yet begun, mails nobody.
func Digests(p Plan, today calendar.Date, s Settings, stamp time.Time) []Message {
	monday, ok := digestWeek(today, s.digestDay())
	pl := p.Result.Frame.Plan
	if !ok || monday > pl.End || monday.AddDays(6) < pl.Start {
		return nil
	}
	sunday := monday.AddDays(6)
	r := p.Result
	var out []Message
	for _, person := range r.Frame.Plan.PersonIDs() {
		evs := share(p, r, person, monday, sunday)
		if len(evs) == 0 && s.QuietDigest {
			continue
		}
		name := r.Frame.Plan.PersonName(person)
		var b strings.Builder
		if len(evs) == 0 {
			fmt.Fprintf(&b, "%s,\n\nnothing on the rota for you in the week from %s: no SPOC or buddy days, presence, acting, events, cover or gaps you could fill.\n", name, monday.Short())
		} else {
			fmt.Fprintf(&b, "%s,\n\nyour week from %s:\n%s\n", name, monday.Short(), strings.Join(eventLines(evs), "\n"))
		}
		b.WriteString(footer(p, len(evs) > 0))
		var ics func(func(string) int) []byte // a calendar of nothing would only puzzle a mail program
		if len(evs) > 0 {
			ics = attachment(p, person, monday, sunday, stamp)
		}
		out = append(out, Message{
			Key:      key(KindDigest, p.Identity, person, monday.String()),
			Kind:     KindDigest,
			Person:   person,
			Name:     name,
			Subject:  fmt.Sprintf("%s: your week from %s", r.Frame.Plan.Name, monday.Short()),
			Text:     b.String(),
			calendar: ics,
			seqAt:    p.Version,
		})
	}
	return out
}

// digestWeek returns the Monday of the week whose digest is due on today,
// when one is: the week that starts today, on a Monday, or else the next
// week from day (its digest day) on. With day Monday, a week's digest goes
// out on its own Monday.
func digestWeek(today calendar.Date, day time.Weekday) (calendar.Date, bool) {
	if today.Weekday() == time.Monday {
		return today, true
	}
	monday := today.AddDays(int(8-today.Weekday()) % 7)
	lead := (int(time.Monday) - int(day) + 7) % 7 // days from the digest day to the Monday
	if lead == 0 || today < monday.AddDays(-lead) {
		return 0, false
	}
	return monday, true
}
