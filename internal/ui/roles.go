package ui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"rota/internal/backend"
)

// The planner offers only what the actor's role may do (issue #11): each
// key that changes something names the backend action it asks for, and
// backend.Actor.May, the backend's one decision, says whether the role
// may. The backend still refuses whatever a front end lets through.

// keyAction is the backend action a key of the planner asks for, on the
// plan or in a what-if (where every change is backend.ActScenario).
type keyAction struct {
	b      *key.Binding
	onPlan backend.Action
}

func (c *common) keyActions() []keyAction {
	k := c.keys
	return []keyAction{
		{&k.Undo, backend.ActUndo},
		{&k.Scenario, backend.ActScenario},
		{&k.Absent, backend.ActOwnAbsence},
		{&k.Unabsent, backend.ActOwnAbsence},
		{&k.SPOC, backend.ActEdit},
		{&k.Buddy, backend.ActEdit},
		{&k.Swap, backend.ActEdit},
		{&k.Present, backend.ActEdit},
		{&k.Accept, backend.ActEdit},
		{&k.Owner, backend.ActEdit},
		{&k.Cover, backend.ActEdit},
		{&k.HandoverNote, backend.ActOwnRecord},
		{&k.HandoverAck, backend.ActOwnRecord},
		{&k.CoverAccept, backend.ActOwnRecord},
		{&k.CoverDecline, backend.ActOwnRecord},
		{&k.WhatIf.Adopt, backend.ActAdopt},
		{&k.WhatIf.Rebase, backend.ActScenario},
		{&k.WhatIf.Keep, backend.ActScenario},
		{&k.WhatIf.Drop, backend.ActScenario},
	}
}

// refusal says why the actor may not use b here, or nil when they may (or
// when the source does not say who acts: a local planner may do all).
func (c *common) refusal(b key.Binding) error {
	a, known := c.src.(actorSource)
	if !known || c.snap == nil {
		return nil
	}
	for _, ka := range c.keyActions() {
		if ka.b.Help() != b.Help() {
			continue
		}
		act := ka.onPlan
		if c.snap.Scenario != "" && act != backend.ActAdopt {
			act = backend.ActScenario
		}
		return a.Actor().May(act, c.snap.Plan)
	}
	return nil
}

// offered drops from bs the keys the actor's role may not use, for the
// help bar and the full help.
func (c *common) offered(bs []key.Binding) []key.Binding {
	var out []key.Binding
	for _, b := range bs {
		if c.refusal(b) == nil {
			out = append(out, b)
		}
	}
	return out
}

// offeredGroups is offered for the full help's columns.
func (c *common) offeredGroups(groups [][]key.Binding) [][]key.Binding {
	var out [][]key.Binding
	for _, g := range groups {
		if g = c.offered(g); len(g) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// refuseKey says, in one line, why msg does nothing when it matches only
// keys of help (what the view or dialog offers there) that the actor's
// role may not use; nil lets the key through.
func (c *common) refuseKey(msg tea.KeyMsg, help []key.Binding) tea.Cmd {
	var refused error
	for _, b := range help {
		if !key.Matches(msg, b) {
			continue
		}
		err := c.refusal(b)
		if err == nil {
			return nil
		}
		refused = err
	}
	if refused == nil {
		return nil
	}
	return failure(notForRole{refused})
}

// notForRole is the one-line status of a key the role may not use.
type notForRole struct{ err error }

func (e notForRole) Error() string { return "not for your role: " + e.err.Error() }

// recordRefusal says why the actor may not make a record that is
// person's own (acknowledge a handover, as its month's SPOC; person "" for
// the user themselves), "" when they may or the source does not know its
// actor. Roles refused outright are refusal's; the backend refuses both
// anyway.
func (c *common) recordRefusal(person, what string) string {
	if c.mayRecordFor(person) {
		return ""
	}
	return "only " + c.name(person) + " may " + what
}

// mayRecordFor says whether the actor may make a record that is person's
// own, by the backend's rule (backend.ActOwnRecord, Actor.May): a role
// that may change the plan records for anyone, one that may make only its
// own records (an AD) for itself; in a what-if, a role that may change
// what-ifs. The planner offers K (acknowledge a handover) only then.
func (c *common) mayRecordFor(person string) bool {
	a, known := c.src.(actorSource)
	if !known || c.snap == nil {
		return true
	}
	act, plan := a.Actor(), c.snap.Plan
	switch {
	case c.snap.Scenario != "":
		return act.May(backend.ActScenario, plan) == nil
	case act.May(backend.ActEdit, plan) == nil:
		return true
	}
	own := person == "" || person == act.Person
	return act.Person != "" && own && act.May(backend.ActOwnRecord, plan) == nil
}

// ownAbsencesOnly says whether the actor may record and remove only their
// own absences (an AD on the plan: backend.ActOwnAbsence without
// ActEdit), and who they are in the plan ("" when their user names no
// person, so that every absence would be refused). The absence form and
// the remove-absence picker then offer nobody else.
func (c *common) ownAbsencesOnly() (person string, only bool) {
	a, known := c.src.(actorSource)
	if !known || c.snap == nil || c.snap.Scenario != "" {
		return "", false
	}
	act := a.Actor()
	if act.May(backend.ActEdit, c.snap.Plan) == nil || act.May(backend.ActOwnAbsence, c.snap.Plan) != nil {
		return "", false
	}
	return act.Person, true
}

// whatIfEnds says what s offers at the end of a what-if, in the actor's
// words: a role that may not adopt (a manager, an AD) is not told it may.
// verbs picks the form: "adopt, keep or drop" or, for the help's sentence,
// "adopts, rebases, keeps or drops".
func (c *common) whatIfEnds(verbs bool) string {
	adopt := c.refusal(c.keys.WhatIf.Adopt) == nil
	switch {
	case verbs && adopt:
		return "adopts, rebases, keeps or drops"
	case verbs:
		return "rebases, keeps or drops"
	case adopt:
		return "adopt, keep or drop"
	}
	return "keep or drop"
}
