package main

import (
	"fmt"
	"strings"

	"rota/internal/backend"
	"rota/internal/change"
)

// recordOptions are the flags of the commands that record what a person
// agreed (cover accept and decline, handover note and ack): like any change,
// plus --for, the person it is for.
type recordOptions struct {
	changeOptions
	forWhom string
}

// whom returns the person a record is for: --for, else the author when the
// author is one of the plan's persons. A PA records for someone with --for,
// and the record says the PA made it (see backend).
func (o *recordOptions) whom(snap *backend.Snapshot, what string) (string, error) {
	if o.forWhom != "" {
		return o.forWhom, nil
	}
	who := author(o.e, o.who)
	if _, ok := snap.Plan.Person(who); ok {
		return who, nil
	}
	return "", badInput(fmt.Errorf("say whose %s this is with --for PERSON: you (%s) are not one of the plan's persons (%s)", what, who, strings.Join(snap.Plan.PersonIDs(), ", ")))
}

// applyLatest writes a record on the latest version of the target (or the
// version named), as rota edit writes a change.
func (o *recordOptions) applyLatest(s *backend.Session, t target, snap *backend.Snapshot, c change.Change) error {
	if t.version == 0 {
		t.version = snap.Version
	}
	return applyAndReport(o.e, seen(s, o.showReasons), t, []change.Change{c}, author(o.e, o.who), o.note, o.asJSON)
}
