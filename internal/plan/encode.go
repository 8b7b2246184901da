package plan

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"rota/internal/calendar"
)

// Encode writes p as a plan file that Parse reads back to the same plan.
// Saved plans are kept as changes on an imported file; Encode is how such a
// plan becomes a file again (rota export-toml) and how the store keeps its
// checkpoints in the one format that is a public contract. Keys that hold
// their default are left out, as a person would write the file; orders that
// were defaulted stay defaulted, so a later change to the persons moves them.
func Encode(p *Plan) []byte {
	var b bytes.Buffer
	b.WriteString("[plan]\n")
	if p.ID != "" {
		kv(&b, "id", quote(p.ID))
	}
	kv(&b, "name", quote(p.Name))
	if p.Organisation != "" {
		kv(&b, "organisation", quote(p.Organisation))
	}
	if p.Directorate != "" {
		kv(&b, "directorate", quote(p.Directorate))
	}
	kv(&b, "start", p.Start.String())
	kv(&b, "end", p.End.String())
	kv(&b, "holidays", quote(p.Holidays))
	if len(p.Closures) > 0 {
		kv(&b, "closures", dateList(p.Closures))
	}
	if !defaultWorkdays(p.Workdays) {
		names := make([]string, len(p.Workdays))
		for i, w := range p.Workdays {
			names[i] = calendar.WeekdayName(w)
		}
		kv(&b, "workdays", stringList(names))
	}
	if p.AcceptanceOff {
		kv(&b, "cover_acceptance", "false")
	}
	if p.HandoverNotice != 0 {
		kv(&b, "handover_notice", strconv.Itoa(p.HandoverNotice))
	}

	for _, x := range p.Persons {
		b.WriteString("\n[[person]]\n")
		kv(&b, "id", quote(x.ID))
		kv(&b, "name", quote(x.Name))
		if x.Title != "" {
			kv(&b, "title", quote(x.Title))
		}
		if !x.Rota {
			kv(&b, "rota", "false")
		}
		if x.Email != "" {
			kv(&b, "email", quote(x.Email))
		}
	}

	b.WriteString("\n[spoc]\n")
	if p.SPOC.OrderSet {
		kv(&b, "order", stringList(p.SPOC.Order))
	}
	kv(&b, "buddy", quote(p.SPOC.Buddy))
	kv(&b, "mostly_absent", float(p.SPOC.MostlyAbsent))
	if len(p.SPOC.Duties) > 0 {
		kv(&b, "duties", stringList(p.SPOC.Duties))
	}

	b.WriteString("\n[presence]\n")
	kv(&b, "enabled", strconv.FormatBool(p.Presence.Enabled))
	if p.Presence.OrderSet {
		kv(&b, "order", stringList(p.Presence.Order))
	}

	for _, d := range p.Duties {
		b.WriteString("\n[[duty]]\n")
		kv(&b, "id", quote(d.ID))
		kv(&b, "title", quote(d.Title))
		if d.Area != "" {
			kv(&b, "area", quote(d.Area))
		}
		kv(&b, "owner", quote(d.Owner))
		if len(d.Cover) > 0 {
			kv(&b, "cover", stringList(d.Cover))
		}
		if d.Statutory {
			kv(&b, "statutory", "true")
		}
		if d.AcceptedCover {
			kv(&b, "accepted_cover", "true")
		}
	}

	for _, a := range p.Absences {
		b.WriteString("\n[[absence]]\n")
		kv(&b, "person", quote(a.Person))
		kv(&b, "from", a.From.String())
		kv(&b, "to", a.To.String())
		if a.Reason != "" {
			kv(&b, "reason", quote(a.Reason))
		}
	}

	for _, e := range p.Events {
		b.WriteString("\n[[event]]\n")
		kv(&b, "id", quote(e.ID))
		kv(&b, "title", quote(e.Title))
		kv(&b, "needs", quote(e.Needs))
		if len(e.Dates) > 0 {
			kv(&b, "dates", dateList(e.Dates))
		}
		if e.Weekly != nil {
			kv(&b, "weekly", quote(calendar.WeekdayName(*e.Weekly)))
		}
	}

	// A holidays_file's additions are written out as [[holiday]] entries
	// rather than naming the file, so the text reads the same wherever it
	// is kept (a database has no folder for the file to be beside).
	writeHolidays(&b, p.ExtraHolidays)
	encodeAcceptances(&b, p.Acceptances)
	encodeHandovers(&b, p.Handovers)
	encodeDecisions(&b, p.Decisions)
	return b.Bytes()
}

func writeHolidays(b *bytes.Buffer, hs []calendar.Holiday) {
	for _, h := range hs {
		b.WriteString("\n[[holiday]]\n")
		kv(b, "date", h.Date.String())
		kv(b, "name", quote(h.Name))
	}
}

// Inline returns a plan file's text made to read the same without its
// holidays_file beside it: the holidays the file adds are written as
// [[holiday]] entries at the end and the holidays_file line is commented out.
// Saving a plan keeps this text, so a saved plan keeps the holidays it was
// imported with; re-importing after downloading a newer file brings in more.
// A text without holidays_file is returned as it is; a plan that does not
// load is Problems, as from Parse.
func Inline(path string, text []byte) ([]byte, error) {
	p, err := Parse(path, text)
	if err != nil || p.HolidaysFile == "" {
		return text, err
	}
	src := string(text)
	line := newLocator(src).key("plan", 0, "holidays_file")
	lines := strings.SplitAfter(src, "\n")
	if line < 1 || line > len(lines) {
		return Encode(p), nil
	}
	lines[line-1] = "# (read on import; its holidays are the [[holiday]] entries at the end) " + lines[line-1]
	without := strings.Join(lines, "")
	bare, err := Parse(path, []byte(without))
	if err != nil {
		return Encode(p), nil
	}
	var b bytes.Buffer
	b.WriteString(without)
	if !strings.HasSuffix(without, "\n") {
		b.WriteByte('\n')
	}
	var added []calendar.Holiday
	for _, h := range p.ExtraHolidays {
		if !slices.ContainsFunc(bare.ExtraHolidays, func(x calendar.Holiday) bool { return x.Date == h.Date }) {
			added = append(added, h)
		}
	}
	if len(added) > 0 {
		fmt.Fprintf(&b, "\n# Holidays read from %s on import, beyond the built-in list.\n", strings.ReplaceAll(p.HolidaysFile, "\n", " "))
		writeHolidays(&b, added)
	}
	out := b.Bytes()
	// A layout the line edit cannot handle (an inline [plan] table, say)
	// falls back to the plan written out whole, which is always right.
	if q, err := Parse(path, out); err != nil || !bytes.Equal(Encode(q), Encode(p)) {
		return Encode(p), nil
	}
	return out, nil
}

func kv(b *bytes.Buffer, key, value string) {
	b.WriteString(key)
	b.WriteString(" = ")
	b.WriteString(value)
	b.WriteByte('\n')
}

func defaultWorkdays(ws []time.Weekday) bool {
	want := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	if len(ws) != len(want) {
		return false
	}
	for i := range ws {
		if ws[i] != want[i] {
			return false
		}
	}
	return true
}

func stringList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func dateList(ds []calendar.Date) string {
	q := make([]string, len(ds))
	for i, d := range ds {
		q[i] = d.String()
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// float writes f so that TOML reads it as a float, never an integer.
func float(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// quote writes s as a TOML basic string. Go's own quoting is not TOML: it
// writes \x escapes, which TOML does not have.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\t':
			b.WriteString(`\t`)
		case '\n':
			b.WriteString(`\n`)
		case '\f':
			b.WriteString(`\f`)
		case '\r':
			b.WriteString(`\r`)
		default:
			if r < 0x20 || r == 0x7f || r == utf8.RuneError {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
