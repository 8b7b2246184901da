package change

// The changes to a plan's rules rather than its assignment: absences,
// duties' owners and cover, event dates. They never move an assignment;
// the plan then shows who acts instead and the new gaps (spec §9).

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"rota/internal/calendar"
	"rota/internal/diff"
	"rota/internal/plan"
)

func (ed *editor) absent(a plan.Absence) error {
	if err := ed.person(a.Person); err != nil {
		return err
	}
	if a.From > a.To {
		return Refused("the absence ends (%s) before it starts (%s)", a.To, a.From)
	}
	if !utf8.ValidString(a.Reason) || strings.ContainsAny(a.Reason, "\n\r") {
		return Refused("the reason must be one line of text")
	}
	if slices.Contains(ed.p().Absences, a) {
		return &UnchangedError{Msg: "that absence is already recorded: " + diff.AbsenceText(a)}
	}
	i := len(ed.p().Absences)
	ed.fx.AbsAdd = append(ed.fx.AbsAdd, absAt{I: i, Person: a.Person, From: a.From, To: a.To, Reason: a.Reason})
	ed.p().Absences = append(slices.Clip(ed.p().Absences), a)
	return nil
}

func (ed *editor) unabsent(who string, from, to calendar.Date) error {
	if err := ed.person(who); err != nil {
		return err
	}
	if from > to {
		return Refused("the days end (%s) before they start (%s)", to, from)
	}
	old := ed.p().Absences
	var out []plan.Absence
	var theirs []string
	for i, a := range old {
		if a.Person != who {
			out = append(out, a)
			continue
		}
		theirs = append(theirs, diff.AbsenceText(a))
		if a.To < from || a.From > to {
			out = append(out, a)
			continue
		}
		ed.fx.AbsDel = append(ed.fx.AbsDel, absAt{I: i, Person: a.Person, From: a.From, To: a.To, Reason: a.Reason})
		for _, piece := range []plan.Absence{{Person: who, From: a.From, To: from - 1, Reason: a.Reason}, {Person: who, From: to + 1, To: a.To, Reason: a.Reason}} {
			if piece.From <= piece.To {
				ed.fx.AbsAdd = append(ed.fx.AbsAdd, absAt{I: len(out), Person: who, From: piece.From, To: piece.To, Reason: piece.Reason})
				out = append(out, piece)
			}
		}
	}
	if len(ed.fx.AbsDel) == 0 {
		if len(theirs) == 0 {
			return Refused("%s has no absence recorded", who)
		}
		return Refused("%s has no absence between %s and %s (their absences: %s)", who, from, to, strings.Join(theirs, "; "))
	}
	ed.p().Absences = out
	return nil
}

func (ed *editor) duty(id string) (*plan.Duty, error) {
	p := ed.p()
	for i := range p.Duties {
		if p.Duties[i].ID == id {
			return &p.Duties[i], nil
		}
	}
	ids := make([]string, len(p.Duties))
	for i, d := range p.Duties {
		ids[i] = d.ID
	}
	if len(ids) > 12 {
		ids = append(ids[:12], "…")
	}
	return nil, Refused("%q is not a duty of this plan (duties: %s)", id, strings.Join(ids, ", "))
}

func (ed *editor) setDuty(d *plan.Duty, owner string, cover []string) {
	ed.fx.Duty = &dutyFx{ID: d.ID, Owner: owner, WasOwner: d.Owner, Cover: cover, WasCover: d.Cover}
	d.Owner, d.Cover = owner, cover
}

func (ed *editor) owner(id, who string) error {
	d, err := ed.duty(id)
	if err != nil {
		return err
	}
	if err := ed.person(who); err != nil {
		return err
	}
	if d.Owner == who {
		return &UnchangedError{Msg: fmt.Sprintf("%s already owns %s", who, id)}
	}
	// The new owner leaves the cover: nobody covers for themselves.
	var cover []string
	for _, c := range d.Cover {
		if c != who {
			cover = append(cover, c)
		}
	}
	ed.setDuty(d, who, cover)
	return nil
}

func (ed *editor) cover(id string, cover []string) error {
	d, err := ed.duty(id)
	if err != nil {
		return err
	}
	for i, c := range cover {
		if err := ed.person(c); err != nil {
			return err
		}
		if c == d.Owner {
			return Refused("%s owns %s and cannot also cover it; list only other people", c, id)
		}
		if slices.Contains(cover[:i], c) {
			return Refused("%s is listed twice; name each person once, in the order they step in", c)
		}
	}
	if slices.Equal(d.Cover, cover) {
		return &UnchangedError{Msg: fmt.Sprintf("%s already has that cover", id)}
	}
	ed.setDuty(d, d.Owner, slices.Clone(cover))
	return nil
}

func (ed *editor) event(id string) (*plan.Event, error) {
	if e := event(ed.p(), id); e != nil {
		return e, nil
	}
	var ids []string
	for _, e := range ed.p().Events {
		ids = append(ids, e.ID)
	}
	if len(ids) == 0 {
		return nil, Refused("%q is not an event: this plan has no events", id)
	}
	return nil, Refused("%q is not an event of this plan (events: %s)", id, strings.Join(ids, ", "))
}

func (ed *editor) eventDate(id string, d calendar.Date) error {
	e, err := ed.event(id)
	if err != nil {
		return err
	}
	p := ed.p()
	if d < p.Start || d > p.End {
		return Refused("%s is outside the plan (%s to %s)", d, p.Start, p.End)
	}
	if slices.Contains(e.Dates, d) {
		return &UnchangedError{Msg: fmt.Sprintf("%s is already a date of %s", d, id)}
	}
	i := len(e.Dates)
	for k, x := range e.Dates {
		if x > d {
			i = k
			break
		}
	}
	ed.fx.DateAdd = append(ed.fx.DateAdd, dateAt{Event: id, I: i, Date: d})
	e.Dates = slices.Insert(slices.Clone(e.Dates), i, d)
	return nil
}

func (ed *editor) noEventDate(id string, d calendar.Date) error {
	e, err := ed.event(id)
	if err != nil {
		return err
	}
	i := slices.Index(e.Dates, d)
	if i < 0 {
		if e.Weekly != nil && d.Weekday() == *e.Weekly {
			return Refused("%s meets every %s; a weekly date cannot be taken out one by one (edit the plan file and re-import it)", id, calendar.WeekdayName(*e.Weekly))
		}
		return Refused("%s is not a date of %s", d, id)
	}
	if len(e.Dates) == 1 && e.Weekly == nil {
		return Refused("%s is the only date of %s; an event needs at least one (edit the plan file to remove the event)", d, id)
	}
	ed.fx.DateDel = append(ed.fx.DateDel, dateAt{Event: id, I: i, Date: d})
	e.Dates = slices.Delete(slices.Clone(e.Dates), i, i+1)
	return nil
}
