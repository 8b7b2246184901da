package change

import (
	"fmt"
	"slices"
	"strings"

	"rota/internal/calendar"
	"rota/internal/plan"
)

// Kinds that record what people agreed rather than change the rota:
// accepted cover (configs/plan-format.md section 5) and handovers.
const (
	KindCoverAccept  = "cover-accept"  // a covering person accepts a duty's cover
	KindCoverDecline = "cover-decline" // takes days out of their acceptance
	KindHandoverNote = "handover-note" // a note on a month's handover
	KindHandoverAck  = "handover-ack"  // the incoming SPOC acknowledges it
	KindDecision     = "decision"      // a decision taken under a delegation, for the register
)

// RecordDecision adds a decision to the register. The check that its
// officer held the duty that day needs the plan's history, so it is the
// backend's (see backend.Session.RecordDecision); here only the plan's
// rules are checked.
func RecordDecision(x plan.Decision) Change {
	return Change{Kind: KindDecision, Decision: &x, Person: x.Person, Duty: x.Duty, Date: x.Date, By: x.By}
}

// AcceptCover records who accepting cover of duty, for the duty as a whole
// (from and to zero) or for from..to; by is who recorded it when not who.
func AcceptCover(duty, who string, from, to calendar.Date, by string) Change {
	return Change{Kind: KindCoverAccept, Duty: duty, Person: who, Date: from, To: to, By: by}
}

// DeclineCover takes from..to (everything, when zero) out of who's
// acceptance of duty's cover.
func DeclineCover(duty, who string, from, to calendar.Date, by string) Change {
	return Change{Kind: KindCoverDecline, Duty: duty, Person: who, Date: from, To: to, By: by}
}

// HandoverNote adds who's note to month m's handover.
func HandoverNote(m calendar.Month, who, note, by string) Change {
	return Change{Kind: KindHandoverNote, Month: m, Person: who, Note: note, By: by}
}

// HandoverAck records that who, month m's SPOC, has read its handover.
func HandoverAck(m calendar.Month, who, by string) Change {
	return Change{Kind: KindHandoverAck, Month: m, Person: who, By: by}
}

// Acceptance is the acceptance a cover-accept or cover-decline names.
func (c Change) Acceptance() plan.Acceptance {
	return plan.Acceptance{Duty: c.Duty, Person: c.Person, From: c.Date, To: c.To, By: c.By}
}

var recordKinds = []kind{
	{
		// Not typed as a change: rota decision add takes its fields as flags.
		name: KindDecision,
		apply: func(ed *editor, c Change) error {
			if c.Decision == nil {
				return Refused("a decision without its record")
			}
			x := *c.Decision
			x.By = c.By
			if err := ed.p().CheckDecision(x); err != nil {
				return Refused("%v", err)
			}
			p := ed.p()
			ed.fx.DecAdd = append(ed.fx.DecAdd, decAt{I: len(p.Decisions), Decision: x})
			p.Decisions = append(slices.Clip(p.Decisions), x)
			return nil
		},
		text: func(c Change) string { return fmt.Sprintf("decision %s %s %s%s", c.Duty, c.Date, c.Person, byText(c)) },
		describe: func(c Change) string {
			s := fmt.Sprintf("decision under %s on %s by %s", c.Duty, c.Date, c.Person)
			if c.Decision != nil && c.Decision.Exception != "" {
				s += " (an exception)"
			}
			return s + onBehalf(c)
		},
	},
	{
		name: KindCoverAccept, words: "cover-accept DUTY PERSON [FROM TO]", help: "PERSON accepts to cover DUTY, as a whole or from FROM to TO",
		parse:    dutyPersonDays,
		apply:    func(ed *editor, c Change) error { return ed.acceptCover(c.Acceptance()) },
		text:     acceptanceText,
		describe: func(c Change) string { return c.Acceptance().String() },
	},
	{
		name: KindCoverDecline, words: "cover-decline DUTY PERSON [FROM TO]", help: "PERSON no longer accepts to cover DUTY (those days, or at all)",
		parse: dutyPersonDays,
		apply: func(ed *editor, c Change) error { return ed.declineCover(c.Acceptance()) },
		text:  acceptanceText,
		describe: func(c Change) string {
			return strings.Replace(c.Acceptance().String(), " accepts ", " declines ", 1)
		},
	},
	{
		// Not typed as a change: rota handover note takes the text whole.
		name:  KindHandoverNote,
		apply: func(ed *editor, c Change) error { return ed.handover(c) },
		text: func(c Change) string {
			return fmt.Sprintf("handover-note %s %s %q%s", c.Month, c.Person, c.Note, byText(c))
		},
		describe: func(c Change) string {
			return fmt.Sprintf("handover note for %s by %s%s", c.Month, c.Person, onBehalf(c))
		},
	},
	{
		name: KindHandoverAck, words: "handover-ack MONTH PERSON", help: "PERSON, MONTH's SPOC, acknowledges its handover",
		parse: monthPerson,
		apply: func(ed *editor, c Change) error { return ed.handover(c) },
		text:  func(c Change) string { return fmt.Sprintf("handover-ack %s %s%s", c.Month, c.Person, byText(c)) },
		describe: func(c Change) string {
			return fmt.Sprintf("%s acknowledged the handover of %s%s", c.Person, c.Month, onBehalf(c))
		},
	},
}

func byText(c Change) string {
	if c.By == "" {
		return ""
	}
	return fmt.Sprintf(" --by %q", c.By)
}

func onBehalf(c Change) string {
	if c.By == "" || c.By == c.Person {
		return ""
	}
	return " (recorded by " + c.By + ")"
}

func acceptanceText(c Change) string {
	s := fmt.Sprintf("%s %s %s", c.Kind, c.Duty, c.Person)
	if c.Date != 0 {
		s += fmt.Sprintf(" %s %s", c.Date, c.To)
	}
	return s + byText(c)
}

func dutyPersonDays(kind string, args []string, _ string) (Change, error) {
	usage := fmt.Sprintf("%s DUTY PERSON [FROM TO], e.g. %s siro-delegation simon 2022-10-03 2022-10-14", kind, kind)
	if len(args) != 2 && len(args) != 4 {
		return Change{}, &usageError{kind, usage}
	}
	c := Change{Kind: kind, Duty: args[0], Person: args[1]}
	if len(args) == 4 {
		var err error
		if c.Date, err = date(kind, args[2]); err != nil {
			return Change{}, err
		}
		if c.To, err = date(kind, args[3]); err != nil {
			return Change{}, err
		}
	}
	return c, nil
}

// coverOf checks that who is in the cover of a duty that needs acceptance.
func (ed *editor) coverOf(a plan.Acceptance) (plan.Duty, error) {
	du, ok := ed.p().Duty(a.Duty)
	if !ok {
		return du, Refused("%q is not a duty of this plan", a.Duty)
	}
	if err := ed.person(a.Person); err != nil {
		return du, err
	}
	if !slices.Contains(du.Cover, a.Person) {
		if a.Person == du.Owner {
			return du, Refused("%s owns %s and holds it without accepting", a.Person, a.Duty)
		}
		cover := "nobody"
		if len(du.Cover) > 0 {
			cover = strings.Join(du.Cover, ", ")
		}
		return du, Refused("%s is not in the cover of %s (cover: %s); set the cover first (cover %s …)", a.Person, a.Duty, cover, a.Duty)
	}
	if (a.From == 0) != (a.To == 0) || a.From > a.To {
		return du, Refused("give the days as FROM TO, FROM on or before TO, or neither for the duty as a whole")
	}
	if !a.Whole() && (a.To < ed.p().Start || a.From > ed.p().End) {
		return du, Refused("%s to %s is outside the plan (%s to %s)", a.From, a.To, ed.p().Start, ed.p().End)
	}
	return du, nil
}

func (ed *editor) acceptCover(a plan.Acceptance) error {
	du, err := ed.coverOf(a)
	if err != nil {
		return err
	}
	if !ed.p().NeedsAcceptance(du) {
		why := "it is not statutory and has no accepted_cover = true"
		if ed.p().AcceptanceOff {
			why = "the plan sets cover_acceptance = false"
		}
		return Refused("%s does not need accepted cover (%s): its cover holds it as it is", a.Duty, why)
	}
	if err := plan.CheckText("by", a.By, 200); err != nil {
		return Refused("%v", err)
	}
	covered := true
	p := ed.p()
	if a.Whole() {
		covered = slices.ContainsFunc(p.Acceptances, func(x plan.Acceptance) bool {
			return x.Duty == a.Duty && x.Person == a.Person && x.Whole()
		})
	} else {
		for d := a.From; d <= a.To && covered; d++ {
			covered = p.Accepted(a.Duty, a.Person, d)
		}
	}
	if covered {
		return &UnchangedError{Msg: fmt.Sprintf("%s has already accepted that cover of %s", a.Person, a.Duty)}
	}
	ed.fx.AccAdd = append(ed.fx.AccAdd, accAt{I: len(p.Acceptances), Acceptance: a})
	p.Acceptances = append(slices.Clip(p.Acceptances), a)
	return nil
}

// declineCover takes a's days (all, when whole) out of the person's
// acceptances of the duty, shortening or splitting those that reach
// beyond them, as unabsent does for absences.
func (ed *editor) declineCover(a plan.Acceptance) error {
	if _, err := ed.coverOf(a); err != nil {
		return err
	}
	p := ed.p()
	from, to := a.From, a.To
	if a.Whole() {
		from, to = calendar.Date(-1<<31), calendar.Date(1<<31-1)
	}
	var out []plan.Acceptance
	for i, x := range p.Acceptances {
		if x.Duty != a.Duty || x.Person != a.Person {
			out = append(out, x)
			continue
		}
		xf, xt := x.From, x.To
		if x.Whole() {
			xf, xt = p.Start, p.End
		}
		if xt < from || xf > to {
			out = append(out, x)
			continue
		}
		ed.fx.AccDel = append(ed.fx.AccDel, accAt{I: i, Acceptance: x})
		for _, piece := range [][2]calendar.Date{{xf, from - 1}, {to + 1, xt}} {
			if piece[0] <= piece[1] {
				y := x
				y.From, y.To = piece[0], piece[1]
				ed.fx.AccAdd = append(ed.fx.AccAdd, accAt{I: len(out), Acceptance: y})
				out = append(out, y)
			}
		}
	}
	if len(ed.fx.AccDel) == 0 {
		return Refused("%s has not accepted cover of %s on those days; nothing to decline", a.Person, a.Duty)
	}
	p.Acceptances = out
	return nil
}

// handover adds a note or an acknowledgement to a month's handover. Only
// the month's SPOC acknowledges, once.
func (ed *editor) handover(c Change) error {
	i, err := ed.month(c.Month)
	if err != nil {
		return err
	}
	if c.Kind == KindHandoverAck {
		if err := ed.person(c.Person); err != nil {
			return err
		}
	} else if err := plan.CheckText("the author", c.Person, 200); err != nil || c.Person == "" {
		return Refused("a note needs its author's name, one line of text")
	}
	h := plan.Handover{Month: c.Month, Person: c.Person, Note: c.Note, By: c.By, Ack: c.Kind == KindHandoverAck}
	if err := plan.CheckText("by", c.By, 200); err != nil {
		return Refused("%v", err)
	}
	p := ed.p()
	if h.Ack {
		if spoc := ed.st.Assignment(ed.f).SPOC[i]; spoc != c.Person {
			return Refused("%s is not the SPOC of %s (%s is): only the incoming SPOC acknowledges its handover", c.Person, c.Month, spoc)
		}
		if slices.ContainsFunc(p.Handovers, func(x plan.Handover) bool { return x.Ack && x.Month == c.Month && x.Person == c.Person }) {
			return &UnchangedError{Msg: fmt.Sprintf("%s has already acknowledged the handover of %s", c.Person, c.Month)}
		}
	} else {
		if strings.TrimSpace(c.Note) == "" {
			return Refused("the note is empty: write what the incoming SPOC needs to know")
		}
		if err := plan.CheckText("the note", c.Note, plan.MaxNote); err != nil {
			return Refused("%v", err)
		}
	}
	ed.fx.HandAdd = append(ed.fx.HandAdd, handAt{I: len(p.Handovers), Handover: h})
	p.Handovers = append(slices.Clip(p.Handovers), h)
	return nil
}
