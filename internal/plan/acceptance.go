package plan

import (
	"bytes"
	"fmt"

	"rota/internal/calendar"
)

// Acceptance is a covering person's agreement to hold a duty for its owner:
// for the duty as a whole (From and To zero) or for the days From..To,
// inclusive. A scheme of delegation only works when the person covering a
// statutory power knows and agrees, so cover on a duty that needs it
// (Duty.NeedsAcceptance) counts as holding the duty only on accepted days.
// By is who recorded it when that was not Person (a PA on their behalf):
// an author's name, as history records it.
type Acceptance struct {
	Duty     string
	Person   string
	From, To calendar.Date
	By       string
}

// Whole reports whether the acceptance covers the duty on every day.
func (a Acceptance) Whole() bool { return a.From == 0 && a.To == 0 }

// Covers reports whether a holds on day d.
func (a Acceptance) Covers(d calendar.Date) bool {
	return a.Whole() || (a.From <= d && d <= a.To)
}

// String writes the acceptance for logs and messages, e.g.
// "simon accepts cover of siro 2022-10-03 to 2022-10-14 (recorded by pa)".
func (a Acceptance) String() string {
	s := fmt.Sprintf("%s accepts cover of %s", a.Person, a.Duty)
	switch {
	case a.Whole():
	case a.From == a.To:
		s += " on " + a.From.String()
	default:
		s += fmt.Sprintf(" %s to %s", a.From, a.To)
	}
	if a.By != "" && a.By != a.Person {
		s += " (recorded by " + a.By + ")"
	}
	return s
}

// NeedsAcceptance reports whether cover holds d only once accepted:
// statutory duties always, others when the plan says accepted_cover = true,
// and none when [plan] cover_acceptance = false keeps the behaviour of
// plans written before acceptance existed.
func (p *Plan) NeedsAcceptance(d Duty) bool {
	return !p.AcceptanceOff && (d.Statutory || d.AcceptedCover)
}

// Accepted reports whether who has accepted cover of the duty on day d.
func (p *Plan) Accepted(duty, who string, d calendar.Date) bool {
	for _, a := range p.Acceptances {
		if a.Duty == duty && a.Person == who && a.Covers(d) {
			return true
		}
	}
	return false
}

var acceptanceKeys = []string{"duty", "person", "from", "to", "by"}

func (d *decoder) acceptance(t map[string]any, i int) Acceptance {
	who, _ := t["person"].(string)
	w := where{table: "acceptance", index: i, entry: acceptanceName(i, who)}
	d.unknownKeys(w, t, acceptanceKeys)
	return Acceptance{
		Duty:   d.str(w, t, "duty", true),
		Person: d.str(w, t, "person", true),
		From:   d.date(w, t, "from", false),
		To:     d.date(w, t, "to", false),
		By:     d.str(w, t, "by", false),
	}
}

func acceptanceName(i int, person string) string {
	if person != "" {
		return fmt.Sprintf("acceptance %d (%s)", i+1, person)
	}
	return fmt.Sprintf("acceptance %d", i+1)
}

func (v *validator) acceptances() {
	for i, a := range v.p.Acceptances {
		entry := acceptanceName(i, a.Person)
		du, ok := v.p.Duty(a.Duty)
		if !ok {
			v.add("acceptance", i, entry, "duty", "%q is not a duty of this plan%s", a.Duty, suggest(a.Duty, v.p.DutyIDs()))
			continue
		}
		if v.knownPerson("acceptance", i, entry, "person", a.Person) && a.Person == du.Owner {
			v.add("acceptance", i, entry, "person", "%q owns %q and holds it without accepting; an acceptance is for a person who covers it", a.Person, a.Duty)
		}
		switch {
		case (a.From == 0) != (a.To == 0) && !v.isBad("acceptance", i, "from", "to"):
			v.add("acceptance", i, entry, "to", "write both from and to (the days accepted), or neither (the duty as a whole)")
		case a.From > a.To:
			v.add("acceptance", i, entry, "to", "the acceptance ends (%s) before it starts (%s): to must be on or after from", a.To, a.From)
		}
	}
}

// DutyIDs returns the duties' ids in file order.
func (p *Plan) DutyIDs() []string {
	out := make([]string, len(p.Duties))
	for i, du := range p.Duties {
		out[i] = du.ID
	}
	return out
}

// integer reads a whole number key in lo..hi, def when absent.
func (d *decoder) integer(w where, t map[string]any, key string, def, lo, hi int) int {
	v, ok := t[key]
	if !ok {
		return def
	}
	n, ok := v.(int64)
	if !ok {
		d.keyErr(w, key, "want a whole number without quotes, e.g. %s = %d; got %s", key, DefaultHandoverNotice, typeName(v))
		return def
	}
	if n < int64(lo) || n > int64(hi) {
		d.keyErr(w, key, "%d is out of range: give a number of working days from %d to %d, e.g. %s = %d", n, lo, hi, key, DefaultHandoverNotice)
		return def
	}
	return int(n)
}

// encodeAcceptances writes the [[acceptance]] entries as Parse reads them.
func encodeAcceptances(b *bytes.Buffer, as []Acceptance) {
	for _, a := range as {
		b.WriteString("\n[[acceptance]]\n")
		kv(b, "duty", quote(a.Duty))
		kv(b, "person", quote(a.Person))
		if !a.Whole() {
			kv(b, "from", a.From.String())
			kv(b, "to", a.To.String())
		}
		if a.By != "" {
			kv(b, "by", quote(a.By))
		}
	}
}
