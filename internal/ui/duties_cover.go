package ui

import (
	"fmt"
	"slices"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/backend"
	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/plan"
)

// actorSource is a Source that knows for whom it acts (FromBackend's
// does), so the planner offers only what that actor's role may do; the
// backend refuses the rest anyway (backend.ActOwnRecord).
type actorSource interface{ Actor() backend.Actor }

// Actor is the backend session's actor.
func (x *storeSource) Actor() backend.Actor { return x.s.Actor() }

// coverDeciders is who the planner's user may accept or decline du's cover
// for: its covering people, or only themselves when their role may not
// change the plan (an AD: backend.ActOwnRecord); refused says why when
// nobody. Whether the role may answer at all the key already asked
// (common.refusal).
func (c *common) coverDeciders(du plan.Duty) (ids []string, refused string) {
	if len(du.Cover) == 0 {
		return nil, du.Title + " has no cover to accept (c sets it)"
	}
	a, known := c.src.(actorSource)
	if !known || c.snap.Scenario != "" {
		return du.Cover, ""
	}
	act := a.Actor()
	if act.May(backend.ActEdit, c.snap.Plan) == nil {
		return du.Cover, ""
	}
	if !slices.Contains(du.Cover, act.Person) {
		return nil, "only the covering person accepts or declines the cover of " + du.Title + ", and you are not in it"
	}
	return []string{act.Person}, ""
}

// coverAnswer asks who (when more than one may) and for which days, then
// records accept's answer on du's cover: the duty as a whole when no
// dates are typed (the issue's `rota cover accept PLAN DUTY [FROM TO]`).
func (v *dutiesView) coverAnswer(du plan.Duty, accept bool) tea.Cmd {
	c := v.c
	ids, refused := c.coverDeciders(du)
	if refused != "" {
		return failure(fmt.Errorf("%s", refused))
	}
	verb := "Decline"
	if accept {
		verb = "Accept"
	}
	ask := func(who string) tea.Cmd {
		check := func(s string) (string, error) {
			from, to, err := parseRange(s)
			if err != nil {
				return "", err
			}
			days := "the whole duty"
			if from != 0 {
				days = from.String() + " to " + to.String()
			}
			return c.name(who) + ", " + days, nil
		}
		title := fmt.Sprintf("%s the cover of %s for %s: FROM TO (YYYY-MM-DD), empty for the whole duty", verb, du.Title, c.name(who))
		return openModal(newPrompt(c, title, "", check, func(s string) tea.Cmd {
			from, to, _ := parseRange(s)
			if accept {
				return apply(change.AcceptCover(du.ID, who, from, to, ""))
			}
			return apply(change.DeclineCover(du.ID, who, from, to, ""))
		}))
	}
	if len(ids) == 1 {
		return ask(ids[0])
	}
	var items []choice
	for _, id := range ids {
		items = append(items, choice{label: c.name(id), value: id})
	}
	return openModal(newPicker(c, verb+" the cover of "+du.Title+" for", items, ids[0], func(ch choice) tea.Cmd {
		return ask(ch.value)
	}))
}

// parseRange reads "FROM TO" or nothing (zero dates: the whole duty).
func parseRange(s string) (from, to calendar.Date, err error) {
	f := strings.Fields(s)
	switch len(f) {
	case 0:
		return 0, 0, nil
	case 2:
		if from, err = calendar.ParseDate(f[0]); err == nil {
			to, err = calendar.ParseDate(f[1])
		}
		if err == nil && to < from {
			err = fmt.Errorf("%s is before %s: write FROM then TO", to, from)
		}
		return from, to, err
	}
	return 0, 0, fmt.Errorf("write two dates, FROM TO, as 2022-10-03 2022-10-14, or nothing for the whole duty")
}
