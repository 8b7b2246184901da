package plan

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"rota/internal/calendar"
	"rota/internal/termtext"
)

// MaxOrder caps the people in one rota order. It keeps the engine's sets of
// people in one machine word; no directorate shares a role among more.
const MaxOrder = 64

// validID reports whether s is an id as the spec writes it, [a-z0-9][a-z0-9-]*.
func validID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' && i > 0) {
			return false
		}
	}
	return s != ""
}

// Load reads and validates the plan file at path. It refuses, as Problems,
// anything that is not a regular file and files larger than MaxFileSize.
func Load(path string) (*Plan, error) {
	data, err := ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// Parse reads and validates a plan file's text; path is used in messages only.
// On failure the error is Problems, listing everything found, so a PA can fix
// a file in one pass rather than one error per run.
func Parse(path string, data []byte) (*Plan, error) {
	if msg := encodingProblem(data); msg != "" {
		return nil, Problems{{File: path, Msg: msg}}
	}
	src := string(data)
	if line, msg := shapeProblem(src); line > 0 {
		return nil, Problems{{File: path, Line: line, Msg: msg}}
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		return nil, Problems{syntaxProblem(path, src, err)}
	}
	d := &decoder{file: path, loc: newLocator(src), bad: map[field]bool{}, misspelt: map[field]bool{}}
	p := d.plan(raw)
	d.holidaysFile(p)
	probs := append(d.probs, p.validate(d.file, d.loc, d.bad)...)
	if len(probs) > 0 {
		return nil, probs.sorted().first(MaxProblems)
	}
	return p, nil
}

// syntaxProblem turns the TOML decoder's error into a Problem on the line
// that holds the mistake.
func syntaxProblem(path, src string, err error) Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.Usage != "" {
			msg += " (" + strings.Join(strings.Fields(pe.Usage), " ") + ")"
		}
		line := pe.Position.Line
		// The decoder counts the line break it stopped at as the next
		// line ("[plan" on line 1 was reported on line 2): the line is
		// the one holding the offset of the mistake.
		if at := pe.Position.Start; line > 0 && at >= 0 && at <= len(src) {
			if at == len(src) && at > 0 {
				at-- // the end of the file: its last line
			}
			line = strings.Count(src[:at], "\n") + 1
		}
		if why := calendar.Nonexistent(datetimeValue(pe.Message)); why != "" {
			return Problem{File: path, Line: line, Msg: why}
		}
		return Problem{File: path, Line: line, Msg: "TOML syntax: " + msg}
	}
	return Problem{File: path, Msg: "TOML syntax: " + err.Error()}
}

// datetimeValue returns the value the decoder quotes in its message on a
// date it cannot read, or "".
func datetimeValue(msg string) string {
	v, ok := strings.CutPrefix(msg, "invalid datetime: ")
	if !ok {
		return ""
	}
	return strings.Trim(v, `"`)
}

// field names one key of one table or entry. index -1 with key "" stands for
// a whole table or array that could not be read.
type field struct {
	table string
	index int
	key   string
}

// decoder turns the decoded TOML into a Plan, collecting every problem of
// shape (unknown keys, missing keys, wrong types) as it goes. It remembers
// which fields were bad so that validation, which runs on the rest, does not
// pile consequences of the same mistake on top of it.
type decoder struct {
	file     string
	loc      *locator
	probs    Problems
	bad      map[field]bool
	misspelt map[field]bool // keys an unknown key is a typo of
}

// where names one table or entry of the file for messages.
type where struct {
	table string // TOML table name: "plan", "duty", …
	index int    // entry index for arrays of tables
	entry string // how messages name it
}

func (d *decoder) add(w where, key string, line int, format string, args ...any) {
	d.bad[field{w.table, w.index, key}] = true
	d.probs = append(d.probs, Problem{File: d.file, Line: line, Entry: w.entry, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) keyErr(w where, key, format string, args ...any) {
	d.add(w, key, d.loc.key(w.table, w.index, key), format, args...)
}

// whole reports a table or array of tables that cannot be read at all.
func (d *decoder) whole(name, format string, args ...any) {
	d.bad[field{name, -1, ""}] = true
	d.probs = append(d.probs, Problem{File: d.file, Line: d.loc.header(name, 0), Msg: fmt.Sprintf(format, args...)})
}

// Schema is the plan format's tables in file order, each with the keys the
// loader accepts in it: the one list the decoder, the template's and the
// reference's tests all read, so none can miss a key another knows.
var Schema = []Table{
	{"plan", false, planKeys},
	{"person", true, personKeys},
	{"spoc", false, spocKeys},
	{"presence", false, presenceKeys},
	{"duty", true, dutyKeys},
	{"absence", true, absenceKeys},
	{"event", true, eventKeys},
	{"holiday", true, holidayKeys},
	{"acceptance", true, acceptanceKeys},
	{"handover", true, handoverKeys},
	{"decision", true, decisionKeys},
}

// Table is one table of the plan format.
type Table struct {
	Name string
	Many bool // written [[name]], repeated; else [name], once
	Keys []string
}

var topKeys = func() []string {
	out := make([]string, len(Schema))
	for i, t := range Schema {
		out[i] = t.Name
	}
	return out
}()

func (d *decoder) plan(raw map[string]any) *Plan {
	p := &Plan{}
	for _, k := range sortedKeys(raw) {
		if contains(topKeys, k) {
			continue
		}
		line := d.loc.header(k, 0)
		switch raw[k].(type) {
		case map[string]any:
			d.add(where{}, "", line, "unknown table [%s]; a plan file has [plan], [[person]], [spoc], [presence], [[duty]], [[absence]], [[event]], [[holiday]], [[acceptance]], [[handover]] and [[decision]]%s", k, suggest(k, topKeys))
		case []map[string]any:
			d.add(where{}, "", line, "unknown table [[%s]]; a plan file has [plan], [[person]], [spoc], [presence], [[duty]], [[absence]], [[event]], [[holiday]], [[acceptance]], [[handover]] and [[decision]]%s", k, suggest(k, topKeys))
		default:
			hint := suggest(k, topKeys)
			if contains(planKeys, k) {
				hint = "; did you mean to put it under [plan]?"
			}
			d.add(where{}, k, line, "unknown key at the top of the file: every key belongs to a table such as [plan] or [[person]]%s", hint)
		}
	}
	d.planTable(p, raw)
	for i, t := range d.tables(raw, "person") {
		p.Persons = append(p.Persons, d.person(t, i))
	}
	d.spoc(p, raw)
	d.presence(p, raw)
	for i, t := range d.tables(raw, "duty") {
		p.Duties = append(p.Duties, d.duty(t, i))
	}
	for i, t := range d.tables(raw, "absence") {
		p.Absences = append(p.Absences, d.absence(t, i))
	}
	for i, t := range d.tables(raw, "event") {
		p.Events = append(p.Events, d.event(t, i))
	}
	for i, t := range d.tables(raw, "holiday") {
		p.ExtraHolidays = append(p.ExtraHolidays, d.holiday(t, i))
	}
	for i, t := range d.tables(raw, "acceptance") {
		p.Acceptances = append(p.Acceptances, d.acceptance(t, i))
	}
	for i, t := range d.tables(raw, "handover") {
		p.Handovers = append(p.Handovers, d.handover(t, i))
	}
	for i, t := range d.tables(raw, "decision") {
		p.Decisions = append(p.Decisions, d.decision(t, i))
	}
	return p
}

// tables returns an array of tables, reporting a wrong shape.
func (d *decoder) tables(raw map[string]any, name string) []map[string]any {
	v, ok := raw[name]
	if !ok {
		return nil
	}
	switch t := v.(type) {
	case []map[string]any:
		return t
	case []any:
		out := make([]map[string]any, 0, len(t))
		for _, x := range t {
			m, ok := x.(map[string]any)
			if !ok {
				d.whole(name, "%s: want a list of tables, each written [[%s]], got a list holding %s", name, name, typeName(x))
				return nil
			}
			out = append(out, m)
		}
		return out
	case map[string]any:
		d.whole(name, "[%s] must be written [[%s]], with two brackets: a plan may have many of them", name, name)
	default:
		d.whole(name, "%s: want tables written [[%s]], got %s", name, name, typeName(v))
	}
	return nil
}

// table returns a single table, reporting a wrong shape.
func (d *decoder) table(raw map[string]any, name string) (map[string]any, bool) {
	v, ok := raw[name]
	if !ok {
		return nil, false
	}
	t, ok := v.(map[string]any)
	if !ok {
		if _, many := v.([]map[string]any); many {
			d.whole(name, "[[%s]] must be written [%s], with one bracket: a plan has one of it", name, name)
		} else {
			d.whole(name, "%s: want one table written [%s], got %s", name, name, typeName(v))
		}
		return nil, false
	}
	return t, true
}

func (d *decoder) unknownKeys(w where, t map[string]any, known []string) {
	for _, k := range sortedKeys(t) {
		if !contains(known, k) {
			d.keyErr(w, k, "unknown key; %s takes %s%s", w.entry, strings.Join(known, ", "), suggest(k, known))
			if near := nearest(k, known); near != "" {
				// The typo's message already says which key was meant: a
				// second one calling that key missing would suggest the PA
				// add it, with an example value that is not theirs.
				d.misspelt[field{w.table, w.index, near}] = true
			}
		}
	}
}

// examples show, for the keys that are easy to get wrong, what a right line
// looks like; messages about those keys quote them.
var examples = map[string]string{
	"plan.name":           `name = "Corporate Services rota 2024/25"`,
	"plan.start":          `start = 2024-04-01 (a date, without quotes)`,
	"plan.end":            `end = 2025-03-31 (the last day, a date without quotes)`,
	"plan.holidays":       `holidays = "england-and-wales"`,
	"plan.holidays_file":  `holidays_file = "bank-holidays.json" (gov.uk's file, next to the plan file)`,
	"holiday.date":        `date = 2022-09-19 (a date, without quotes)`,
	"holiday.name":        `name = "Bank Holiday for the State Funeral of Queen Elizabeth II"`,
	"person.id":           `id = "jo" (lower-case letters, digits and hyphens)`,
	"person.name":         `name = "Jo Atkinson"`,
	"person.rota":         `rota = false`,
	"person.email":        `email = "jo.atkinson@example.gov.uk"`,
	"spoc.buddy":          `buddy = "next"`,
	"presence.enabled":    `enabled = false`,
	"duty.id":             `id = "siro" (lower-case letters, digits and hyphens)`,
	"duty.title":          `title = "Senior Information Risk Owner"`,
	"duty.owner":          `owner = "jo" (the id of the person who holds the duty)`,
	"duty.statutory":      `statutory = true`,
	"duty.accepted_cover": `accepted_cover = true`,
	"acceptance.duty":     `duty = "siro-delegation" (the id of the duty whose cover is accepted)`,
	"acceptance.person":   `person = "simon" (the id of the person who covers and accepts)`,
	"acceptance.from":     `from = 2022-10-03 (the first day accepted, without quotes)`,
	"acceptance.to":       `to = 2022-10-14 (the last day accepted, without quotes)`,
	"absence.person":      `person = "jo" (the id of the person who is away)`,
	"absence.from":        `from = 2022-08-15 (the first day away, without quotes)`,
	"absence.to":          `to = 2022-08-26 (the last day away, without quotes)`,
	"event.id":            `id = "full-council" (lower-case letters, digits and hyphens)`,
	"event.title":         `title = "Full Council"`,
	"event.needs":         `needs = "spoc" (or the id of a duty whose holder must be there)`,
	"event.weekly":        `weekly = "tue"`,
}

func example(w where, key, fallback string) string {
	if e, ok := examples[w.table+"."+key]; ok {
		return e
	}
	return fallback
}

func (d *decoder) missing(w where, key, fallback string) {
	if d.misspelt[field{w.table, w.index, key}] {
		d.bad[field{w.table, w.index, key}] = true
		return
	}
	d.add(w, key, d.loc.header(w.table, w.index), "missing; add %s", example(w, key, fallback))
}

func (d *decoder) str(w where, t map[string]any, key string, required bool) string {
	v, ok := t[key]
	if !ok {
		if required {
			d.missing(w, key, key+` = "…"`)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.keyErr(w, key, "want text in quotes, e.g. %s; got %s", example(w, key, key+` = "…"`), typeName(v))
		return ""
	}
	if why := termtext.Check(s); why != "" {
		d.keyErr(w, key, "has %s; %s", why, termtext.Refusal)
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		d.keyErr(w, key, "is empty; write it, e.g. %s", example(w, key, key+` = "…"`))
	}
	return s
}

func (d *decoder) boolean(w where, t map[string]any, key string, def bool) bool {
	v, ok := t[key]
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		d.keyErr(w, key, "want true or false, without quotes, e.g. %s; got %s", example(w, key, key+" = true"), typeName(v))
		return def
	}
	return b
}

func (d *decoder) date(w where, t map[string]any, key string, required bool) calendar.Date {
	v, ok := t[key]
	if !ok {
		if required {
			d.missing(w, key, key+" = YYYY-MM-DD (a date, without quotes)")
		}
		return 0
	}
	dt, _ := d.dateValue(w, key, v)
	return dt
}

func (d *decoder) dateValue(w where, key string, v any) (calendar.Date, bool) {
	switch x := v.(type) {
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return calendar.FromTime(x), true
		case "time-local":
			d.keyErr(w, key, "want a date such as 2022-10-03, got the time of day %s", x.Format("15:04:05"))
		default:
			d.keyErr(w, key, "want a date such as %s, without a time; got the date and time %s", x.Format("2006-01-02"), x.Format("2006-01-02T15:04:05"))
		}
	case string:
		if dt, err := calendar.ParseDate(x); err == nil {
			d.keyErr(w, key, "write the date without quotes: %s, not %q", dt, x)
		} else {
			d.keyErr(w, key, "want a date written YYYY-MM-DD without quotes, e.g. 2022-10-03; got the text %q", x)
		}
	default:
		d.keyErr(w, key, "want a date written YYYY-MM-DD without quotes, e.g. 2022-10-03; got %s", typeName(v))
	}
	return 0, false
}

func (d *decoder) list(w where, t map[string]any, key, eg string) ([]any, bool) {
	v, ok := t[key]
	if !ok {
		return nil, false
	}
	l, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			d.keyErr(w, key, "want a list in square brackets, e.g. %s = [%q]; got the text %q", key, s, s)
		} else {
			d.keyErr(w, key, "want a list in square brackets, e.g. %s = %s; got %s", key, eg, typeName(v))
		}
		return nil, false
	}
	return l, true
}

func (d *decoder) strings(w where, t map[string]any, key string) ([]string, bool) {
	l, ok := d.list(w, t, key, `["…", "…"]`)
	if !ok {
		return nil, false
	}
	out := make([]string, 0, len(l))
	for i, x := range l {
		s, ok := x.(string)
		if !ok {
			d.keyErr(w, key, "item %d: want text in quotes, got %s", i+1, typeName(x))
			return nil, false
		}
		if why := termtext.Check(s); why != "" {
			d.keyErr(w, key, "item %d has %s; %s", i+1, why, termtext.Refusal)
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// dates returns the good dates of a list; a bad one is reported and left out.
func (d *decoder) dates(w where, t map[string]any, key string) []calendar.Date {
	l, ok := d.list(w, t, key, "[2022-07-20, 2022-09-28]")
	if !ok {
		return nil
	}
	out := make([]calendar.Date, 0, len(l))
	for _, x := range l {
		if dt, ok := d.dateValue(w, key, x); ok {
			out = append(out, dt)
		}
	}
	return out
}

func (d *decoder) weekday(w where, t map[string]any, key string) *time.Weekday {
	v, ok := t[key]
	if !ok {
		return nil
	}
	s, ok := v.(string)
	if !ok {
		d.keyErr(w, key, "want a weekday in quotes, e.g. %s = \"tue\"; got %s", key, typeName(v))
		return nil
	}
	wd, err := calendar.ParseWeekday(s)
	if err != nil {
		d.keyErr(w, key, "%v%s", err, suggest(s, calendar.WeekdayNames[:]))
		return nil
	}
	return &wd
}

var planKeys = []string{"name", "id", "organisation", "directorate", "start", "end", "holidays", "holidays_file", "closures", "workdays", "cover_acceptance", "handover_notice"}

func (d *decoder) planTable(p *Plan, raw map[string]any) {
	p.Holidays = calendar.Regions()[0]
	p.Workdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	w := where{table: "plan", entry: "[plan]"}
	t, ok := d.table(raw, "plan")
	if !ok {
		if _, present := raw["plan"]; !present {
			d.bad[field{"plan", -1, ""}] = true
			d.probs = append(d.probs, Problem{File: d.file, Line: 1, Entry: "[plan]", Msg: "missing; a plan file needs a [plan] table with name, start and end, e.g.\n  [plan]\n  name = \"Corporate Services rota 2024/25\"\n  start = 2024-04-01\n  end = 2025-03-31"})
		}
		return
	}
	d.unknownKeys(w, t, planKeys)
	p.ID = d.str(w, t, "id", false)
	p.Name = d.str(w, t, "name", true)
	p.Organisation = d.str(w, t, "organisation", false)
	p.Directorate = d.str(w, t, "directorate", false)
	p.Start = d.date(w, t, "start", true)
	p.End = d.date(w, t, "end", true)
	if _, ok := t["holidays"]; ok {
		p.Holidays = d.str(w, t, "holidays", false)
	}
	p.HolidaysFile = d.str(w, t, "holidays_file", false)
	p.AcceptanceOff = !d.boolean(w, t, "cover_acceptance", true)
	p.HandoverNotice = d.integer(w, t, "handover_notice", 0, 1, 60)
	p.Closures = d.dates(w, t, "closures")
	names, ok := d.strings(w, t, "workdays")
	if !ok {
		return
	}
	if len(names) == 0 {
		d.keyErr(w, "workdays", "no working days: list at least one, e.g. workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
		return
	}
	var wds []time.Weekday
	seen := map[time.Weekday]bool{}
	bad := false
	for _, n := range names {
		wd, err := calendar.ParseWeekday(n)
		switch {
		case err != nil:
			d.keyErr(w, "workdays", "%v%s", err, suggest(n, calendar.WeekdayNames[:]))
			bad = true
		case seen[wd]:
			d.keyErr(w, "workdays", "%q is listed twice; list each working weekday once", n)
			bad = true
		}
		seen[wd] = true
		wds = append(wds, wd)
	}
	if !bad {
		p.Workdays = wds
	}
}

var personKeys = []string{"id", "name", "title", "rota", "email"}

func (d *decoder) person(t map[string]any, i int) Person {
	id, _ := t["id"].(string)
	w := where{table: "person", index: i, entry: entryName("person", i, id)}
	d.unknownKeys(w, t, personKeys)
	return Person{
		ID:    d.str(w, t, "id", true),
		Name:  d.str(w, t, "name", true),
		Title: d.str(w, t, "title", false),
		Rota:  d.boolean(w, t, "rota", true),
		Email: d.email(w, t),
	}
}

// entryName names an array entry by its id when it has a readable one, else
// by its position, counting from 1 as people do.
func entryName(table string, i int, id string) string {
	if validID(id) {
		return fmt.Sprintf("%s %q", table, id)
	}
	return fmt.Sprintf("%s %d", table, i+1)
}

// absenceName names an absence by position and, when known, whose it is.
func absenceName(i int, person string) string {
	if person != "" && len(person) <= 40 && !strings.ContainsAny(person, "\n\r") {
		return fmt.Sprintf("absence %d (%s)", i+1, person)
	}
	return fmt.Sprintf("absence %d", i+1)
}

var spocKeys = []string{"order", "buddy", "mostly_absent", "duties"}

func (d *decoder) spoc(p *Plan, raw map[string]any) {
	p.SPOC = SPOC{Buddy: BuddyNext, MostlyAbsent: 0.5}
	t, ok := d.table(raw, "spoc")
	if !ok {
		return
	}
	w := where{table: "spoc", entry: "[spoc]"}
	d.unknownKeys(w, t, spocKeys)
	if o, ok := d.strings(w, t, "order"); ok {
		p.SPOC.Order, p.SPOC.OrderSet = o, true
	}
	if _, ok := t["buddy"]; ok {
		b := d.str(w, t, "buddy", false)
		switch {
		case b == BuddyNext || b == BuddyPrevious:
			p.SPOC.Buddy = b
		case !d.bad[field{"spoc", 0, "buddy"}]:
			d.keyErr(w, "buddy", "%q is not a buddy rule: use \"next\" (the buddy is next month's SPOC) or \"previous\" (last month's SPOC)%s", b, suggest(b, []string{BuddyNext, BuddyPrevious}))
		}
	}
	if v, ok := t["mostly_absent"]; ok {
		var f float64
		switch x := v.(type) {
		case float64:
			f = x
		case int64:
			f = float64(x)
		default:
			d.keyErr(w, "mostly_absent", "want a number without quotes, e.g. mostly_absent = 0.5; got %s", typeName(v))
			f = 0.5
		}
		if math.IsNaN(f) || f <= 0 || f > 1 {
			if !d.bad[field{"spoc", 0, "mostly_absent"}] {
				d.keyErr(w, "mostly_absent", "%s is out of range: give a fraction of a month's working days above 0 and at most 1, e.g. 0.5 (away more than half the month)", number(f))
			}
		} else {
			p.SPOC.MostlyAbsent = f
		}
	}
	if ds, ok := d.strings(w, t, "duties"); ok {
		p.SPOC.Duties = ds
	}
}

// number writes a float as TOML does, so messages quote what the file says.
func number(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return fmt.Sprintf("%v", f)
}

var presenceKeys = []string{"enabled", "order"}

func (d *decoder) presence(p *Plan, raw map[string]any) {
	p.Presence = Presence{Enabled: true}
	t, ok := d.table(raw, "presence")
	if !ok {
		return
	}
	w := where{table: "presence", entry: "[presence]"}
	d.unknownKeys(w, t, presenceKeys)
	p.Presence.Enabled = d.boolean(w, t, "enabled", true)
	if o, ok := d.strings(w, t, "order"); ok {
		p.Presence.Order, p.Presence.OrderSet = o, true
	}
}

var dutyKeys = []string{"id", "title", "area", "owner", "cover", "statutory", "accepted_cover"}

func (d *decoder) duty(t map[string]any, i int) Duty {
	id, _ := t["id"].(string)
	w := where{table: "duty", index: i, entry: entryName("duty", i, id)}
	d.unknownKeys(w, t, dutyKeys)
	du := Duty{
		ID:        d.str(w, t, "id", true),
		Title:     d.str(w, t, "title", true),
		Area:      d.str(w, t, "area", false),
		Owner:     d.str(w, t, "owner", true),
		Statutory: d.boolean(w, t, "statutory", false),
	}
	du.AcceptedCover = d.boolean(w, t, "accepted_cover", false)
	if v, ok := t["accepted_cover"].(bool); ok && !v && du.Statutory {
		d.keyErr(w, "accepted_cover", "a statutory duty always needs accepted cover; remove accepted_cover = false (or set cover_acceptance = false under [plan] for the whole plan)")
	}
	if c, ok := d.strings(w, t, "cover"); ok {
		du.Cover = c
	}
	return du
}

var absenceKeys = []string{"person", "from", "to", "reason"}

func (d *decoder) absence(t map[string]any, i int) Absence {
	who, _ := t["person"].(string)
	w := where{table: "absence", index: i, entry: absenceName(i, who)}
	d.unknownKeys(w, t, absenceKeys)
	return Absence{
		Person: d.str(w, t, "person", true),
		Reason: d.str(w, t, "reason", false),
		From:   d.date(w, t, "from", true),
		To:     d.date(w, t, "to", true),
	}
}

var eventKeys = []string{"id", "title", "needs", "dates", "weekly"}

func (d *decoder) event(t map[string]any, i int) Event {
	id, _ := t["id"].(string)
	w := where{table: "event", index: i, entry: entryName("event", i, id)}
	d.unknownKeys(w, t, eventKeys)
	return Event{
		ID:     d.str(w, t, "id", true),
		Title:  d.str(w, t, "title", true),
		Needs:  d.str(w, t, "needs", true),
		Dates:  d.dates(w, t, "dates"),
		Weekly: d.weekday(w, t, "weekly"),
	}
}

// typeName says what a decoded TOML value is, in a PA's words.
func typeName(v any) string {
	switch x := v.(type) {
	case string:
		if len(x) > 40 {
			return "text"
		}
		return fmt.Sprintf("the text %q", x)
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return "the number " + number(x)
	case bool:
		return fmt.Sprintf("%v", x)
	case time.Time:
		switch x.Location().String() {
		case "date-local":
			return "the date " + x.Format("2006-01-02")
		case "time-local":
			return "the time " + x.Format("15:04:05")
		}
		return "a date and time"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	default:
		return fmt.Sprintf("%T", v)
	}
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
