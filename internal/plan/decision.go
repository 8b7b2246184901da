package plan

import (
	"bytes"
	"fmt"
	"strings"

	"rota/internal/calendar"
)

// Decision is a decision taken under a delegation, as the Openness of Local
// Government Bodies Regulations 2014 (SI 2014/2095), regulation 7, asks a
// council to record it: the date, the decision, the reasons, alternatives
// considered and rejected, any conflict of interest declared, and the
// officer who took it (Person, by id). Exception is the recorded reason
// when the officer did not hold the duty that day by the plan; By who
// recorded it when not the officer (a PA).
type Decision struct {
	Duty         string
	Date         calendar.Date
	Person       string
	Decision     string
	Reasons      string
	Alternatives string
	Conflicts    string
	Exception    string
	By           string
}

// MaxDecisionText is the longest text of a decision's fields, in characters.
const MaxDecisionText = 8000

var decisionKeys = []string{"duty", "date", "person", "decision", "reasons", "alternatives", "conflicts", "exception", "by"}

func decisionName(i int, duty string) string {
	if duty != "" {
		return fmt.Sprintf("decision %d (%s)", i+1, duty)
	}
	return fmt.Sprintf("decision %d", i+1)
}

func (d *decoder) decision(t map[string]any, i int) Decision {
	duty, _ := t["duty"].(string)
	w := where{table: "decision", index: i, entry: decisionName(i, duty)}
	d.unknownKeys(w, t, decisionKeys)
	return Decision{
		Duty:         d.str(w, t, "duty", true),
		Date:         d.date(w, t, "date", true),
		Person:       d.str(w, t, "person", true),
		Decision:     d.str(w, t, "decision", true),
		Reasons:      d.str(w, t, "reasons", true),
		Alternatives: d.str(w, t, "alternatives", false),
		Conflicts:    d.str(w, t, "conflicts", false),
		Exception:    d.str(w, t, "exception", false),
		By:           d.str(w, t, "by", false),
	}
}

// CheckDecision checks a decision against p: its duty, officer and date,
// and its texts (CheckText).
func (p *Plan) CheckDecision(x Decision) error {
	if _, ok := p.Duty(x.Duty); !ok {
		return fmt.Errorf("%q is not a duty of this plan%s", x.Duty, suggest(x.Duty, p.DutyIDs()))
	}
	if _, ok := p.Person(x.Person); !ok {
		return fmt.Errorf("%q is not a person of this plan (persons: %s)", x.Person, strings.Join(p.PersonIDs(), ", "))
	}
	if x.Date < p.Start || x.Date > p.End {
		return fmt.Errorf("%s is outside the plan (%s to %s)", x.Date, p.Start, p.End)
	}
	for _, f := range []struct{ name, text string }{{"the decision", x.Decision}, {"the reasons", x.Reasons}} {
		if len(f.text) == 0 {
			return fmt.Errorf("%s is missing: regulation 7 asks for it", f.name)
		}
	}
	for _, f := range []struct{ name, text string }{{"the decision", x.Decision}, {"the reasons", x.Reasons},
		{"the alternatives", x.Alternatives}, {"the conflicts", x.Conflicts}, {"the exception", x.Exception}, {"by", x.By}} {
		if err := CheckText(f.name, f.text, MaxDecisionText); err != nil {
			return err
		}
	}
	return nil
}

func (v *validator) decisions() {
	for i, x := range v.p.Decisions {
		if err := v.p.CheckDecision(x); err != nil && !v.isBad("decision", i) {
			v.add("decision", i, decisionName(i, x.Duty), "", "%v", err)
		}
	}
}

func encodeDecisions(b *bytes.Buffer, ds []Decision) {
	for _, x := range ds {
		b.WriteString("\n[[decision]]\n")
		kv(b, "duty", quote(x.Duty))
		kv(b, "date", x.Date.String())
		kv(b, "person", quote(x.Person))
		kv(b, "decision", quote(x.Decision))
		kv(b, "reasons", quote(x.Reasons))
		for _, f := range [][2]string{{"alternatives", x.Alternatives}, {"conflicts", x.Conflicts}, {"exception", x.Exception}, {"by", x.By}} {
			if f[1] != "" {
				kv(b, f[0], quote(f[1]))
			}
		}
	}
}
