package backend

import (
	"fmt"
	"slices"

	"rota/internal/change"
)

// Role says what an actor may do to the plans they are allowed.
type Role string

// The roles, from the issue that introduced them (#10): the people of the
// project's brief (PAs, ADs, managers) and an administrator.
const (
	// RoleAdmin may do everything, including recording changes under
	// another name; a local command-line user is the admin of their own
	// database.
	RoleAdmin Role = "admin"
	// RolePA edits plans: imports, changes, undoes, re-plans and adopts
	// what-ifs.
	RolePA Role = "pa"
	// RoleManager reads plans and makes, edits, keeps and drops what-ifs,
	// but cannot adopt one or change the plan itself.
	RoleManager Role = "manager"
	// RoleAD reads plans and records and removes their own absences.
	RoleAD Role = "ad"
)

// Actor is who acts, with a role.
type Actor struct {
	Name   string   // recorded as the author of their changes
	Role   Role     //
	Person string   // their person id in the plans (an AD's own absences)
	Plans  []string // the plans they may see; nil for every plan
}

// Local is the actor of a command-line user on their own database: its
// admin, so that nothing changes for today's single user.
func Local(name string) Actor { return Actor{Name: name, Role: RoleAdmin} }

// Action names what an actor asks to do, for role checks and refusals.
type Action string

// The actions that roles allow or refuse.
const (
	ActRead          Action = "read plans"
	ActImport        Action = "import a plan"
	ActEdit          Action = "change the plan"
	ActOwnAbsence    Action = "record or remove absences"
	ActUndo          Action = "undo a change to the plan"
	ActScenario      Action = "make, change, keep or drop a what-if"
	ActAdopt         Action = "adopt a what-if"
	ActRecordAsOther Action = "record a change under another name"
	ActManageUsers   Action = "manage users and calendar feeds"
	ActNotify        Action = "send the notification emails"
	// ActOwnRecord is what an AD does for themselves only: accept or
	// decline cover, acknowledge a handover, write a handover note. Its
	// text, like ActOwnAbsence's, names no owner: it is said to a role
	// refused it outright (a manager), and an AD refused one for someone
	// else is told whose it is (mayChange's Detail).
	ActOwnRecord Action = "accept cover, acknowledge a handover or write a handover note"
)

// ownRecord reports whether a change is one an AD may make for themselves
// only (ActOwnRecord); anyone else needs ActEdit, and the record then says
// who made it for them (change.Change.By).
func ownRecord(c change.Change) bool {
	switch c.Kind {
	case change.KindCoverAccept, change.KindCoverDecline, change.KindHandoverAck, change.KindHandoverNote, change.KindDecision:
		return true
	}
	return false
}

// onBehalf fills in By on the records an author makes for someone else,
// so the record says who made it.
func onBehalf(changes []change.Change, author string, a Actor) {
	for i, c := range changes {
		if ownRecord(c) && c.By == "" && c.Person != a.Person && c.Person != author {
			changes[i].By = author
			if c.Decision != nil {
				x := *c.Decision
				x.By = author
				changes[i].Decision = &x
			}
		}
	}
}

// ForbiddenError refuses an action the actor's role does not allow, or a
// plan they are not allowed. Nothing was done.
type ForbiddenError struct {
	Role   Role
	Action Action
	Plan   string // the plan asked for, when the plan is what is refused
	Detail string // more on why, e.g. whose absence it is
}

func (e *ForbiddenError) Error() string {
	if e.Plan != "" && e.Action == ActRead {
		return fmt.Sprintf("role %s may not see plan %s", e.Role, e.Plan)
	}
	s := fmt.Sprintf("role %s may not %s", e.Role, e.Action)
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	return s
}

// allowed is the table of roles and actions.
var allowed = map[Role][]Action{
	RoleAdmin:   {ActRead, ActImport, ActEdit, ActOwnAbsence, ActOwnRecord, ActUndo, ActScenario, ActAdopt, ActRecordAsOther, ActManageUsers, ActNotify},
	RolePA:      {ActRead, ActImport, ActEdit, ActOwnAbsence, ActOwnRecord, ActUndo, ActScenario, ActAdopt},
	RoleManager: {ActRead, ActScenario},
	RoleAD:      {ActRead, ActOwnAbsence, ActOwnRecord},
}

// May is may for the front ends, so a planner offers only what the
// backend would allow (issue #11: what a role may not do is not offered).
// It returns nil or a *ForbiddenError.
func (a Actor) May(act Action, plan string) error { return a.may(act, plan) }

// SeesReasonOf reports whether the actor may read why person is away (an
// absence's recorded reason, such as "sick"): a PA and an admin, who
// record absences, and the person themselves (an AD whose Person it is).
// A manager and the other ADs see that the person is away and when, not
// why. This is data minimisation (UK GDPR Art. 5(1)(c)): the rota needs
// the dates only, and a reason is often health data, a special category
// (Art. 9). Every read that hands reasons to an actor leaves out those this
// refuses (Session.Load, History, NextUndo, Watch, Walk, Diff, conflicts,
// a refused Rebase).
func (a Actor) SeesReasonOf(person string) bool {
	return a.seesEveryReason() || (a.Role == RoleAD && a.Person != "" && a.Person == person)
}

// seesEveryReason reports whether the actor records absences, and so may
// read anyone's reason (see SeesReasonOf).
func (a Actor) seesEveryReason() bool { return a.Role == RoleAdmin || a.Role == RolePA }

// may checks that the actor may do act to plan ("" for no plan in
// particular).
func (a Actor) may(act Action, plan string) error {
	if plan != "" && a.Plans != nil && !slices.Contains(a.Plans, plan) {
		return &ForbiddenError{Role: a.Role, Action: ActRead, Plan: plan}
	}
	if !slices.Contains(allowed[a.Role], act) {
		return &ForbiddenError{Role: a.Role, Action: act}
	}
	return nil
}

// mayChange checks changes to a line: on a scenario, making what-ifs; on
// the plan itself, editing, except that an AD may record and remove their
// own absences.
func (a Actor) mayChange(ref Ref, changes []change.Change) error {
	if ref.Scenario != "" {
		return a.may(ActScenario, ref.Plan)
	}
	if err := a.may(ActRead, ref.Plan); err != nil {
		return err
	}
	if a.may(ActEdit, ref.Plan) == nil {
		return nil
	}
	ownOnly := a.Person != "" && a.may(ActOwnAbsence, ref.Plan) == nil
	ownRecords := a.Person != "" && a.may(ActOwnRecord, ref.Plan) == nil
	for _, c := range changes {
		absence := c.Kind == change.KindAbsent || c.Kind == change.KindUnabsent
		if ownOnly && absence && c.Person == a.Person {
			continue
		}
		if ownRecords && ownRecord(c) && c.Person == a.Person && (c.By == "" || c.By == a.Name) {
			continue
		}
		f := &ForbiddenError{Role: a.Role, Action: ActEdit}
		switch {
		case ownOnly && absence:
			f.Detail = fmt.Sprintf("only their own absences, and %s is not %s", c.Person, a.Person)
		case ownRecords && ownRecord(c):
			f.Action = ActOwnRecord
			f.Detail = fmt.Sprintf("%s is not %s", c.Person, a.Person)
		}
		return f
	}
	return nil
}

// author returns the name to record a change under: the actor's own, or
// another name for an admin (a PA's assistant typing in their changes).
func (a Actor) author(name string) (string, error) {
	if name == "" || name == a.Name {
		return a.Name, nil
	}
	if err := a.may(ActRecordAsOther, ""); err != nil {
		return "", err
	}
	return name, nil
}
