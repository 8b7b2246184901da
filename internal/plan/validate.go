package plan

import (
	"fmt"
	"strings"

	"rota/internal/calendar"
)

// Validate checks the rules that tie a plan together (references, orders,
// the period) and fills in defaults that depend on other entries. Edits made
// outside a file, such as the store's changes, are checked by it too.
func (p *Plan) Validate() error {
	if probs := p.validate("", nil); len(probs) > 0 {
		return probs
	}
	return nil
}

// validate is Validate with the file and its locator, for messages with lines.
func (p *Plan) validate(file string, loc *locator) Problems {
	v := &validator{p: p, file: file, loc: loc}
	v.period()
	v.persons()
	v.orders()
	v.duties()
	v.absences()
	v.events()
	return v.probs
}

type validator struct {
	p     *Plan
	file  string
	loc   *locator
	probs Problems
}

func (v *validator) add(table string, index int, entry, key, format string, args ...any) {
	line := 0
	if key != "" {
		line = v.loc.key(table, index, key)
	} else {
		line = v.loc.header(table, index)
	}
	v.probs = append(v.probs, Problem{File: v.file, Line: line, Entry: entry, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) period() {
	p := v.p
	if p.Name == "" {
		v.add("plan", 0, "[plan]", "name", "missing: give the plan a name")
	}
	if !calendar.KnownRegion(p.Holidays) {
		v.add("plan", 0, "[plan]", "holidays", "unknown holiday calendar %q%s; use one of %s", p.Holidays, suggest(p.Holidays, calendar.Regions()), strings.Join(quoteAll(calendar.Regions()), ", "))
	}
	if len(p.Workdays) == 0 {
		v.add("plan", 0, "[plan]", "workdays", "no working days: list at least one")
	}
	if p.Start > p.End {
		v.add("plan", 0, "[plan]", "end", "the plan ends (%s) before it starts (%s): end must be on or after start", p.End, p.Start)
		return
	}
	y, m, d := p.Start.YMD()
	limit := calendar.NewDate(y+10, m, d)
	if p.End > limit {
		v.add("plan", 0, "[plan]", "end", "the period is over 10 years (%s to %s): end must be on or before %s", p.Start, p.End, limit)
	}
}

func (v *validator) persons() {
	seen := map[string]int{}
	for i, x := range v.p.Persons {
		entry := fmt.Sprintf("person %q", x.ID)
		if !idRE.MatchString(x.ID) {
			v.add("person", i, fmt.Sprintf("person %d", i+1), "id", "%q is not a valid id: use lower-case letters, digits and hyphens (e.g. %q)", x.ID, suggestID(x.ID))
			continue
		}
		if j, dup := seen[x.ID]; dup {
			v.add("person", i, entry, "id", "%q is already the id of person %d; every person needs their own id", x.ID, j+1)
			continue
		}
		seen[x.ID] = i
	}
	if n := len(v.p.RotaPersons()); n < 2 {
		v.add("", 0, "", "", "the plan needs at least two rota persons to share the role, found %d (a person takes part unless rota = false)", n)
	}
}

func (v *validator) personList() string {
	ids := v.p.PersonIDs()
	if len(ids) > 12 {
		ids = append(ids[:12:12], "…")
	}
	return strings.Join(ids, ", ")
}

func (v *validator) rotaList() string { return strings.Join(v.p.RotaPersons(), ", ") }

func (v *validator) orders() {
	p := v.p
	if !p.SPOC.OrderSet {
		p.SPOC.Order = p.RotaPersons()
	}
	v.order("spoc", "[spoc]", p.SPOC.Order, 2)
	if !p.Presence.OrderSet {
		p.Presence.Order = p.SPOC.Order
	}
	v.order("presence", "[presence]", p.Presence.Order, 1)
}

func (v *validator) order(table, entry string, order []string, least int) {
	seen := map[string]bool{}
	for _, id := range order {
		x, ok := v.p.Person(id)
		switch {
		case !ok:
			v.add(table, 0, entry, "order", "%q is not a person%s (rota persons: %s)", id, suggest(id, v.p.PersonIDs()), v.rotaList())
		case !x.Rota:
			v.add(table, 0, entry, "order", "%q has rota = false and cannot be in a rota order (rota persons: %s)", id, v.rotaList())
		case seen[id]:
			v.add(table, 0, entry, "order", "%q is listed twice; name each person once", id)
		}
		seen[id] = true
	}
	if len(order) < least {
		v.add(table, 0, entry, "order", "names %d %s; it needs at least %d", len(order), plural(len(order), "person", "people"), least)
	}
	if len(order) > MaxOrder {
		v.add(table, 0, entry, "order", "names %d people; a rota order can have at most %d", len(order), MaxOrder)
	}
}

func (v *validator) knownPerson(table string, index int, entry, key, id string) bool {
	if _, ok := v.p.Person(id); ok {
		return true
	}
	v.add(table, index, entry, key, "%q is not a person%s (persons: %s)", id, suggest(id, v.p.PersonIDs()), v.personList())
	return false
}

func (v *validator) duties() {
	ids := map[string]string{}
	for i, du := range v.p.Duties {
		entry := fmt.Sprintf("duty %q", du.ID)
		if !idRE.MatchString(du.ID) {
			v.add("duty", i, fmt.Sprintf("duty %d", i+1), "id", "%q is not a valid id: use lower-case letters, digits and hyphens (e.g. %q)", du.ID, suggestID(du.ID))
		} else if du.ID == NeedsSPOC {
			v.add("duty", i, entry, "id", "\"spoc\" is reserved for the SPOC rota; choose another id")
		} else if prev, dup := ids[du.ID]; dup {
			v.add("duty", i, entry, "id", "%q is already the id of %s; duty and event ids must be unique", du.ID, prev)
		} else {
			ids[du.ID] = fmt.Sprintf("duty %d", i+1)
		}
		if du.Title == "" {
			v.add("duty", i, entry, "title", "missing: say what the duty is")
		}
		v.knownPerson("duty", i, entry, "owner", du.Owner)
		seen := map[string]bool{}
		for _, c := range du.Cover {
			switch {
			case c == du.Owner:
				v.add("duty", i, entry, "cover", "%q owns the duty and cannot also cover it; list only other people", c)
			case seen[c]:
				v.add("duty", i, entry, "cover", "%q is listed twice; name each person once, in the order they step in", c)
			default:
				v.knownPerson("duty", i, entry, "cover", c)
			}
			seen[c] = true
		}
	}
	for i, e := range v.p.Events {
		entry := fmt.Sprintf("event %q", e.ID)
		if !idRE.MatchString(e.ID) {
			v.add("event", i, fmt.Sprintf("event %d", i+1), "id", "%q is not a valid id: use lower-case letters, digits and hyphens (e.g. %q)", e.ID, suggestID(e.ID))
		} else if e.ID == NeedsSPOC {
			v.add("event", i, entry, "id", "\"spoc\" is reserved for the SPOC rota; choose another id")
		} else if prev, dup := ids[e.ID]; dup {
			v.add("event", i, entry, "id", "%q is already the id of %s; duty and event ids must be unique", e.ID, prev)
		} else {
			ids[e.ID] = fmt.Sprintf("event %d", i+1)
		}
	}
}

func (v *validator) absences() {
	for i, a := range v.p.Absences {
		entry := fmt.Sprintf("absence %d (%s)", i+1, a.Person)
		v.knownPerson("absence", i, entry, "person", a.Person)
		if a.From > a.To {
			v.add("absence", i, entry, "to", "the absence ends (%s) before it starts (%s): to must be on or after from", a.To, a.From)
		}
	}
}

func (v *validator) events() {
	p := v.p
	for i, e := range p.Events {
		entry := fmt.Sprintf("event %q", e.ID)
		if e.Title == "" {
			v.add("event", i, entry, "title", "missing: say what the event is")
		}
		if e.Needs != NeedsSPOC {
			if _, ok := p.Duty(e.Needs); !ok {
				dutyIDs := make([]string, 0, len(p.Duties)+1)
				dutyIDs = append(dutyIDs, NeedsSPOC)
				for _, du := range p.Duties {
					dutyIDs = append(dutyIDs, du.ID)
				}
				v.add("event", i, entry, "needs", "%q is neither \"spoc\" nor a duty%s; needs names who must be there: \"spoc\" or a duty id", e.Needs, suggest(e.Needs, dutyIDs))
			}
		}
		if len(e.Dates) == 0 && e.Weekly == nil {
			v.add("event", i, entry, "", "has no dates: give dates = [YYYY-MM-DD, …], weekly = \"tue\", or both")
		}
		for _, d := range e.Dates {
			if d < p.Start || d > p.End {
				v.add("event", i, entry, "dates", "%s is outside the plan's period (%s to %s)", d, p.Start, p.End)
			}
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
