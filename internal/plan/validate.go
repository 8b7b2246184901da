package plan

import (
	"fmt"
	"sort"
	"strings"

	"rota/internal/calendar"
)

// Validate checks the rules that tie a plan together (references, orders,
// the period) and fills in defaults that depend on other entries. Edits made
// outside a file, such as the store's changes, are checked by it too.
func (p *Plan) Validate() error {
	if probs := p.validate("", nil, nil); len(probs) > 0 {
		return probs
	}
	return nil
}

// validate is Validate with the file, its locator and the fields the decoder
// already found bad; problems that follow from a bad field are not repeated.
func (p *Plan) validate(file string, loc *locator, bad map[field]bool) Problems {
	v := &validator{p: p, file: file, loc: loc, bad: bad}
	v.period()
	v.persons()
	v.orders()
	v.duties()
	v.absences()
	v.events()
	v.acceptances()
	v.handovers()
	v.decisions()
	return v.probs
}

type validator struct {
	p     *Plan
	file  string
	loc   *locator
	bad   map[field]bool
	probs Problems
}

// isBad reports whether the decoder already reported this field, or its whole table.
func (v *validator) isBad(table string, index int, keys ...string) bool {
	if v.bad[field{table, -1, ""}] {
		return true
	}
	for _, k := range keys {
		if v.bad[field{table, index, k}] {
			return true
		}
	}
	return false
}

func (v *validator) add(table string, index int, entry, key, format string, args ...any) {
	if v.isBad(table, index, key) {
		return
	}
	var line int
	switch {
	case index < 0:
		line = v.loc.header(table, 0)
	case key != "":
		line = v.loc.key(table, index, key)
	default:
		line = v.loc.header(table, index)
	}
	v.probs = append(v.probs, Problem{File: v.file, Line: line, Entry: entry, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// atLine says where an earlier entry is, when the file is known.
func (v *validator) atLine(table string, index int) string {
	if l := v.loc.header(table, index); l > 0 {
		return fmt.Sprintf(" (line %d)", l)
	}
	return ""
}

func (v *validator) period() {
	p := v.p
	if strings.TrimSpace(p.Name) == "" {
		v.add("plan", 0, "[plan]", "name", "missing; add name = \"…\", the plan's title")
	}
	if p.ID != "" && (!validID(p.ID) || len(p.ID) > maxPlanID) {
		v.add("plan", 0, "[plan]", "id", "%q is not a usable plan id: use at most %d lower-case letters, digits and hyphens, starting with a letter or digit, e.g. %q", p.ID, maxPlanID, suggestID(p.ID))
	}
	if !calendar.KnownRegion(p.Holidays) {
		v.add("plan", 0, "[plan]", "holidays", "unknown holiday calendar %q; use one of %s%s", p.Holidays, strings.Join(quoteAll(calendar.Regions()), ", "), suggest(p.Holidays, calendar.Regions()))
	}
	if len(p.Workdays) == 0 {
		v.add("plan", 0, "[plan]", "workdays", "no working days: list at least one, e.g. workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
	}
	if v.isBad("plan", 0, "start", "end") {
		return
	}
	if p.Start > p.End {
		v.add("plan", 0, "[plan]", "end", "the plan ends (%s) before it starts (%s): end must be on or after start", p.End, p.Start)
		return
	}
	y, m, d := p.Start.YMD()
	limit := calendar.NewDate(y+10, m, d)
	if _, _, d2 := limit.YMD(); d2 != d {
		limit = calendar.NewDate(y+10, m+1, 0) // 29 February + 10 years: the last day of February
	}
	if p.End > limit {
		v.add("plan", 0, "[plan]", "end", "the period is over 10 years (%s to %s): end must be on or before %s", p.Start, p.End, limit)
	}
}

func (v *validator) persons() {
	seen := map[string]int{}
	for i, x := range v.p.Persons {
		if !validID(x.ID) {
			v.add("person", i, entryName("person", i, x.ID), "id", "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. %q", x.ID, suggestID(x.ID))
			continue
		}
		if j, dup := seen[x.ID]; dup {
			v.add("person", i, entryName("person", i, x.ID), "id", "%q is already the id of person %d%s; every person needs their own id", x.ID, j+1, v.atLine("person", j))
			continue
		}
		seen[x.ID] = i
	}
	if rota := v.p.RotaPersons(); len(rota) < 2 {
		found := fmt.Sprintf("found %d", len(rota))
		if len(rota) == 1 {
			found += " (" + rota[0] + ")"
		}
		v.add("person", -1, "[[person]]", "", "the plan needs at least two rota persons to share the role, %s: add [[person]] entries, or take rota = false off someone", found)
	}
}

// validIDs keeps the ids that are valid: one that is not is reported on its
// own and would only muddle a list.
func validIDs(ids []string) []string {
	out := ids[:0:0]
	for _, id := range ids {
		if validID(id) {
			out = append(out, id)
		}
	}
	sort.Strings(out)
	return out
}

// personList lists person ids for messages, sorted so a PA can scan for a name.
func (v *validator) personList() string {
	ids := validIDs(v.p.PersonIDs())
	if len(ids) == 0 {
		return "none yet"
	}
	if len(ids) > 12 {
		ids = append(ids[:12:12], "…")
	}
	return strings.Join(ids, ", ")
}

func (v *validator) rotaList() string {
	ids := validIDs(v.p.RotaPersons())
	if len(ids) == 0 {
		return "none yet"
	}
	return strings.Join(ids, ", ")
}

func (v *validator) orders() {
	p := v.p
	if !p.SPOC.OrderSet {
		p.SPOC.Order = p.RotaPersons()
	}
	v.order("spoc", "[spoc]", p.SPOC.Order, 2, p.SPOC.OrderSet)
	if !p.Presence.OrderSet {
		p.Presence.Order = p.SPOC.Order
		return // what is wrong with it was said of spoc.order
	}
	v.order("presence", "[presence]", p.Presence.Order, 1, true)
}

// order checks a rota order; written says it was set in the file rather than
// taken from the rota persons, whose own problems are reported on them.
func (v *validator) order(table, entry string, order []string, least int, written bool) {
	if len(order) > MaxOrder {
		what := ""
		if !written {
			what = " (every rota person, as no order is given)"
		}
		v.add(table, 0, entry, "order", "names %d people%s; a rota order can have at most %d", len(order), what, MaxOrder)
	}
	if !written || v.personsUnread() {
		return
	}
	seen := map[string]bool{}
	for _, id := range order {
		x, ok := v.p.Person(id)
		switch {
		case !ok:
			v.add(table, 0, entry, "order", "%q is not a person (rota persons: %s)%s", id, v.rotaList(), suggest(id, validIDs(v.p.RotaPersons())))
		case !x.Rota:
			v.add(table, 0, entry, "order", "%q has rota = false, so cannot be in a rota order (rota persons: %s)", id, v.rotaList())
		case seen[id]:
			v.add(table, 0, entry, "order", "%q is listed twice; name each person once", id)
		}
		seen[id] = true
	}
	if len(seen) < least {
		v.add(table, 0, entry, "order", "names %d %s; it needs at least %d different rota persons (rota persons: %s)", len(seen), plural(len(seen), "person", "people"), least, v.rotaList())
	}
}

// personsUnread says the persons could not be read, so references to them
// cannot be checked.
func (v *validator) personsUnread() bool { return v.bad[field{"person", -1, ""}] }

func (v *validator) knownPerson(table string, index int, entry, key, id string) bool {
	if _, ok := v.p.Person(id); ok || v.personsUnread() {
		return true
	}
	v.add(table, index, entry, key, "%q is not a person (persons: %s)%s", id, v.personList(), suggest(id, validIDs(v.p.PersonIDs())))
	return false
}

func (v *validator) duties() {
	ids := map[string]field{} // id -> the entry that has it
	claim := func(table string, i int, id string) {
		entry := entryName(table, i, id)
		switch {
		case !validID(id):
			v.add(table, i, entry, "id", "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. %q", id, suggestID(id))
		case id == NeedsSPOC:
			v.add(table, i, entry, "id", "\"spoc\" is kept for the SPOC rota (needs = \"spoc\"); choose another id")
		default:
			if prev, dup := ids[id]; dup {
				v.add(table, i, entry, "id", "%q is already the id of %s %d%s; duty and event ids must be unique, so choose another", id, prev.table, prev.index+1, v.atLine(prev.table, prev.index))
			} else {
				ids[id] = field{table: table, index: i}
			}
		}
	}
	for i, du := range v.p.Duties {
		claim("duty", i, du.ID)
	}
	for i, e := range v.p.Events {
		claim("event", i, e.ID)
	}
	for i, du := range v.p.Duties {
		entry := entryName("duty", i, du.ID)
		if strings.TrimSpace(du.Title) == "" {
			v.add("duty", i, entry, "title", "missing; add title = \"…\", what the duty is")
		}
		v.knownPerson("duty", i, entry, "owner", du.Owner)
		seen := map[string]bool{}
		for _, c := range du.Cover {
			switch {
			case c == du.Owner:
				v.add("duty", i, entry, "cover", "%q owns the duty and cannot also cover it; list only the other people who step in", c)
			case seen[c]:
				v.add("duty", i, entry, "cover", "%q is listed twice; name each person once, in the order they step in", c)
			default:
				v.knownPerson("duty", i, entry, "cover", c)
			}
			seen[c] = true
		}
	}
}

func (v *validator) absences() {
	for i, a := range v.p.Absences {
		entry := absenceName(i, a.Person)
		v.knownPerson("absence", i, entry, "person", a.Person)
		if a.From > a.To && !v.isBad("absence", i, "from", "to") {
			v.add("absence", i, entry, "to", "the absence ends (%s) before it starts (%s): to must be on or after from", a.To, a.From)
		}
	}
}

func (v *validator) events() {
	p := v.p
	periodKnown := !v.isBad("plan", 0, "start", "end")
	for i, e := range p.Events {
		entry := entryName("event", i, e.ID)
		if strings.TrimSpace(e.Title) == "" {
			v.add("event", i, entry, "title", "missing; add title = \"…\", what the event is")
		}
		if e.Needs != NeedsSPOC && !v.isBad("duty", -1) {
			if _, ok := p.Duty(e.Needs); !ok {
				dutyIDs := make([]string, 0, len(p.Duties)+1)
				dutyIDs = append(dutyIDs, NeedsSPOC)
				for _, du := range p.Duties {
					dutyIDs = append(dutyIDs, du.ID)
				}
				v.add("event", i, entry, "needs", "%q is neither \"spoc\" nor a duty; needs says who must be there: \"spoc\" (the acting SPOC) or a duty id%s", e.Needs, suggest(e.Needs, dutyIDs))
			}
		}
		if len(e.Dates) == 0 && e.Weekly == nil && !v.isBad("event", i, "dates", "weekly") {
			v.add("event", i, entry, "dates", "the event has no dates: give dates = [YYYY-MM-DD, …], weekly = \"tue\", or both")
		}
		if !periodKnown {
			continue
		}
		for _, d := range e.Dates {
			if d < p.Start || d > p.End {
				v.add("event", i, entry, "dates", "%s is outside the plan's period, %s to %s; give dates inside it", d, p.Start, p.End)
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
