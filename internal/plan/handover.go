package plan

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"rota/internal/calendar"
	"rota/internal/termtext"
)

// Handover is one entry of a month's handover from its outgoing SPOC to its
// incoming one: a note (open issues, decisions pending, contacts) written by
// Person (a person's id, or the name of a PA who is not one), or, with Ack,
// Person's acknowledgement that they have read the
// handover and take the month on. By is who recorded it when that was not
// Person (a PA on their behalf).
type Handover struct {
	Month  calendar.Month
	Person string
	Note   string
	Ack    bool
	By     string
}

// MaxNote is the longest handover note, in characters.
const MaxNote = 4000

// CheckText refuses text typed by a person (a note, a decision's reasons)
// that is longer than max characters or holds a character a terminal would
// obey rather than show (termtext.Bad: control characters, line breaks,
// bidirectional overrides) or bytes that are not UTF-8; what is refused is
// said by its position, never echoed.
func CheckText(what, s string, max int) error {
	if bad := termtext.Check(s); bad != "" {
		return fmt.Errorf("%s has %s: %s", what, bad, termtext.Refusal)
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Errorf("%s is %d characters long; at most %d", what, n, max)
	}
	return nil
}

var handoverKeys = []string{"month", "person", "note", "ack", "by"}

func handoverName(i int, m string) string {
	if m != "" {
		return fmt.Sprintf("handover %d (%s)", i+1, m)
	}
	return fmt.Sprintf("handover %d", i+1)
}

func (d *decoder) handover(t map[string]any, i int) Handover {
	ms, _ := t["month"].(string)
	w := where{table: "handover", index: i, entry: handoverName(i, ms)}
	d.unknownKeys(w, t, handoverKeys)
	h := Handover{
		Person: d.str(w, t, "person", true),
		Note:   d.str(w, t, "note", false),
		Ack:    d.boolean(w, t, "ack", false),
		By:     d.str(w, t, "by", false),
	}
	if s := d.str(w, t, "month", true); s != "" {
		m, err := calendar.ParseMonth(s)
		if err != nil {
			d.keyErr(w, "month", "%v; write it month = \"2022-10\"", err)
		}
		h.Month = m
	}
	return h
}

func (v *validator) handovers() {
	p := v.p
	for i, h := range p.Handovers {
		entry := handoverName(i, h.Month.String())
		if h.Month != 0 && (h.Month < p.Start.Month() || h.Month > p.End.Month()) && !v.isBad("plan", -1, "start", "end") {
			v.add("handover", i, entry, "month", "%s is outside the plan (%s to %s)", h.Month, p.Start.Month(), p.End.Month())
		}
		if h.Ack {
			v.knownPerson("handover", i, entry, "person", h.Person)
		} else if err := CheckText("person", h.Person, 200); err != nil {
			v.add("handover", i, entry, "person", "%v", err)
		}
		switch {
		case h.Ack && h.Note != "":
			v.add("handover", i, entry, "note", "an entry is a note or an acknowledgement (ack = true), not both: split it in two")
		case !h.Ack && h.Note == "":
			v.add("handover", i, entry, "note", "missing; give note = \"…\", or ack = true for the incoming SPOC's acknowledgement")
		case h.Note != "":
			if err := CheckText("the note", h.Note, MaxNote); err != nil {
				v.add("handover", i, entry, "note", "%v", err)
			}
		}
		if err := CheckText("by", h.By, 200); err != nil {
			v.add("handover", i, entry, "by", "%v", err)
		}
	}
	for i, a := range p.Acceptances {
		if err := CheckText("by", a.By, 200); err != nil {
			v.add("acceptance", i, acceptanceName(i, a.Person), "by", "%v", err)
		}
	}
}

// HandoversOf returns the handover entries of month m, in the order written.
func (p *Plan) HandoversOf(m calendar.Month) []Handover {
	var out []Handover
	for _, h := range p.Handovers {
		if h.Month == m {
			out = append(out, h)
		}
	}
	return out
}

func encodeHandovers(b *bytes.Buffer, hs []Handover) {
	for _, h := range hs {
		b.WriteString("\n[[handover]]\n")
		kv(b, "month", quote(h.Month.String()))
		kv(b, "person", quote(h.Person))
		if h.Ack {
			kv(b, "ack", "true")
		} else {
			kv(b, "note", quote(h.Note))
		}
		if h.By != "" {
			kv(b, "by", quote(h.By))
		}
	}
}
