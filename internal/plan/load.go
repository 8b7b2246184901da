package plan

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"rota/internal/calendar"
)

// MaxOrder caps the people in one rota order. It keeps the engine's sets of
// people in one machine word; no directorate shares a role among more.
const MaxOrder = 64

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// Load reads and validates the plan file at path.
func Load(path string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, Problems{{File: path, Msg: fmt.Sprintf("cannot read the plan file: %v", errors.Unwrap(err))}}
	}
	return Parse(path, data)
}

// Parse reads and validates a plan file's text; path is used in messages only.
// On failure the error is Problems, listing everything found.
func Parse(path string, data []byte) (*Plan, error) {
	src := string(data)
	if strings.ContainsRune(src, 0) {
		return nil, Problems{{File: path, Msg: "this is not a text file; a plan file is TOML text"}}
	}
	var raw map[string]any
	if _, err := toml.Decode(src, &raw); err != nil {
		return nil, Problems{syntaxProblem(path, err)}
	}
	d := &decoder{file: path, loc: newLocator(src)}
	p := d.plan(raw)
	if len(d.probs) == 0 {
		d.probs = append(d.probs, p.validate(d.file, d.loc)...)
	}
	if len(d.probs) > 0 {
		return nil, d.probs.sorted()
	}
	return p, nil
}

func syntaxProblem(path string, err error) Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.Usage != "" {
			msg += " (" + strings.TrimSpace(strings.ReplaceAll(pe.Usage, "\n", " ")) + ")"
		}
		return Problem{File: path, Line: pe.Position.Line, Msg: "TOML syntax: " + msg}
	}
	return Problem{File: path, Msg: "TOML syntax: " + err.Error()}
}

// decoder turns the decoded TOML into a Plan, collecting every problem of
// shape (unknown keys, missing keys, wrong types, bad ids) as it goes.
type decoder struct {
	file  string
	loc   *locator
	probs Problems
}

// where names one table or entry of the file for messages.
type where struct {
	table string // TOML table name: "plan", "duty", …
	index int    // entry index for arrays of tables
	entry string // how messages name it
}

func (d *decoder) add(w where, key string, line int, format string, args ...any) {
	d.probs = append(d.probs, Problem{File: d.file, Line: line, Entry: w.entry, Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) keyErr(w where, key, format string, args ...any) {
	d.add(w, key, d.loc.key(w.table, w.index, key), format, args...)
}

var topKeys = []string{"plan", "person", "spoc", "presence", "duty", "absence", "event"}

func (d *decoder) plan(raw map[string]any) *Plan {
	p := &Plan{}
	top := where{table: ""}
	for _, k := range sortedKeys(raw) {
		if !contains(topKeys, k) {
			d.add(top, "", d.unknownTableLine(k), "unknown table [%s]%s; a plan file has [plan], [[person]], [spoc], [presence], [[duty]], [[absence]] and [[event]]", k, suggest(k, topKeys))
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
	return p
}

func (d *decoder) unknownTableLine(name string) int {
	if l := d.loc.header(name, 0); l > 0 {
		return l
	}
	return d.loc.key("", 0, name)
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
		var out []map[string]any
		for _, x := range t {
			m, ok := x.(map[string]any)
			if !ok {
				d.add(where{}, name, d.loc.key("", 0, name), "want a list of tables written [[%s]], got %s", name, typeName(x))
				return nil
			}
			out = append(out, m)
		}
		return out
	default:
		d.add(where{}, "", d.unknownTableLine(name), "[%s] must be written [[%s]]: a plan may have many of them", name, name)
		return nil
	}
}

// table returns a single table, reporting a wrong shape.
func (d *decoder) table(raw map[string]any, name string) (map[string]any, bool) {
	v, ok := raw[name]
	if !ok {
		return nil, false
	}
	t, ok := v.(map[string]any)
	if !ok {
		d.add(where{}, "", d.unknownTableLine(name), "[%s] must be one table written [%s], not %s", name, name, typeName(v))
		return nil, false
	}
	return t, true
}

func (d *decoder) unknownKeys(w where, t map[string]any, known []string) {
	for _, k := range sortedKeys(t) {
		if !contains(known, k) {
			d.keyErr(w, k, "unknown key%s; %s takes %s", suggest(k, known), w.entry, strings.Join(known, ", "))
		}
	}
}

func (d *decoder) str(w where, t map[string]any, key string, required bool) string {
	v, ok := t[key]
	if !ok {
		if required {
			d.add(w, key, d.loc.header(w.table, w.index), "missing: %s needs %s = \"…\"", w.entry, key)
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.keyErr(w, key, "want text in quotes, got %s", typeName(v))
		return ""
	}
	if required && strings.TrimSpace(s) == "" {
		d.keyErr(w, key, "must not be empty")
	}
	return s
}

func (d *decoder) id(w where, t map[string]any, key string) string {
	s := d.str(w, t, key, true)
	if s != "" && !idRE.MatchString(s) {
		d.keyErr(w, key, "%q is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit (e.g. %q)", s, suggestID(s))
		return ""
	}
	return s
}

func suggestID(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '_' || r == '-' || r == '.':
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte('-')
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		return "jo"
	}
	return out
}

func (d *decoder) boolean(w where, t map[string]any, key string, def bool) bool {
	v, ok := t[key]
	if !ok {
		return def
	}
	b, ok := v.(bool)
	if !ok {
		d.keyErr(w, key, "want true or false, got %s", typeName(v))
		return def
	}
	return b
}

func (d *decoder) date(w where, t map[string]any, key string, required bool) (calendar.Date, bool) {
	v, ok := t[key]
	if !ok {
		if required {
			d.add(w, key, d.loc.header(w.table, w.index), "missing: %s needs %s = YYYY-MM-DD (a date, without quotes)", w.entry, key)
		}
		return 0, false
	}
	return d.dateValue(w, key, v)
}

func (d *decoder) dateValue(w where, key string, v any) (calendar.Date, bool) {
	switch x := v.(type) {
	case time.Time:
		if x.Location().String() != "date-local" {
			d.keyErr(w, key, "want a date such as 2022-10-03, got a date and time %s", x.Format("2006-01-02T15:04:05"))
			return 0, false
		}
		return calendar.FromTime(x), true
	case string:
		if dt, err := calendar.ParseDate(x); err == nil {
			d.keyErr(w, key, "write the date without quotes: %s = %s", key, dt)
		} else {
			d.keyErr(w, key, "want a date written YYYY-MM-DD without quotes, got the text %q", x)
		}
	default:
		d.keyErr(w, key, "want a date written YYYY-MM-DD, got %s", typeName(v))
	}
	return 0, false
}

func (d *decoder) list(w where, t map[string]any, key string) ([]any, bool) {
	v, ok := t[key]
	if !ok {
		return nil, false
	}
	l, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			d.keyErr(w, key, "want a list in square brackets, e.g. %s = [%q], got the text %q", key, s, s)
		} else {
			d.keyErr(w, key, "want a list in square brackets, got %s", typeName(v))
		}
		return nil, false
	}
	return l, true
}

func (d *decoder) strings(w where, t map[string]any, key string) ([]string, bool) {
	l, ok := d.list(w, t, key)
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
		out = append(out, s)
	}
	return out, true
}

func (d *decoder) dates(w where, t map[string]any, key string) ([]calendar.Date, bool) {
	l, ok := d.list(w, t, key)
	if !ok {
		return nil, false
	}
	out := make([]calendar.Date, 0, len(l))
	good := true
	for _, x := range l {
		dt, ok := d.dateValue(w, key, x)
		good = good && ok
		out = append(out, dt)
	}
	return out, good
}

func (d *decoder) weekday(w where, t map[string]any, key string) (*time.Weekday, bool) {
	v, ok := t[key]
	if !ok {
		return nil, false
	}
	s, ok := v.(string)
	if !ok {
		d.keyErr(w, key, "want a weekday in quotes such as \"tue\", got %s", typeName(v))
		return nil, false
	}
	wd, err := calendar.ParseWeekday(s)
	if err != nil {
		d.keyErr(w, key, "%v", err)
		return nil, false
	}
	return &wd, true
}

var planKeys = []string{"name", "organisation", "directorate", "start", "end", "holidays", "closures", "workdays"}

func (d *decoder) planTable(p *Plan, raw map[string]any) {
	w := where{table: "plan", entry: "[plan]"}
	t, ok := d.table(raw, "plan")
	if !ok {
		if _, present := raw["plan"]; !present {
			d.add(w, "", 1, "missing: a plan file starts with a [plan] table giving name, start and end")
		}
		return
	}
	d.unknownKeys(w, t, planKeys)
	p.Name = d.str(w, t, "name", true)
	p.Organisation = d.str(w, t, "organisation", false)
	p.Directorate = d.str(w, t, "directorate", false)
	p.Start, _ = d.date(w, t, "start", true)
	p.End, _ = d.date(w, t, "end", true)
	p.Holidays = "england-and-wales"
	if _, ok := t["holidays"]; ok {
		p.Holidays = d.str(w, t, "holidays", false)
	}
	if ds, ok := d.dates(w, t, "closures"); ok {
		p.Closures = ds
	}
	p.Workdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	if names, ok := d.strings(w, t, "workdays"); ok {
		var wds []time.Weekday
		seen := map[time.Weekday]bool{}
		bad := false
		for _, n := range names {
			wd, err := calendar.ParseWeekday(n)
			if err != nil {
				d.keyErr(w, "workdays", "%v", err)
				bad = true
				continue
			}
			if seen[wd] {
				d.keyErr(w, "workdays", "%q is listed twice; list each working weekday once", n)
				bad = true
			}
			seen[wd] = true
			wds = append(wds, wd)
		}
		if len(names) == 0 {
			d.keyErr(w, "workdays", "no working days: list at least one, e.g. [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
		} else if !bad {
			p.Workdays = wds
		}
	}
}

var personKeys = []string{"id", "name", "title", "rota"}

func (d *decoder) person(t map[string]any, i int) Person {
	w := d.entry("person", i, t)
	d.unknownKeys(w, t, personKeys)
	return Person{
		ID:    d.id(w, t, "id"),
		Name:  d.str(w, t, "name", true),
		Title: d.str(w, t, "title", false),
		Rota:  d.boolean(w, t, "rota", true),
	}
}

// entry names an array entry by its id when it has a readable one, else by
// its position, counting from 1 as people do.
func (d *decoder) entry(table string, i int, t map[string]any) where {
	w := where{table: table, index: i, entry: fmt.Sprintf("%s %d", table, i+1)}
	if id, ok := t["id"].(string); ok && idRE.MatchString(id) {
		w.entry = fmt.Sprintf("%s %q", table, id)
	}
	return w
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
		if b != BuddyNext && b != BuddyPrevious {
			if _, isStr := t["buddy"].(string); isStr {
				d.keyErr(w, "buddy", "%q is not a buddy rule: use \"next\" (next month's SPOC) or \"previous\" (last month's SPOC)", b)
			}
		} else {
			p.SPOC.Buddy = b
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
			d.keyErr(w, "mostly_absent", "want a number such as 0.5, got %s", typeName(v))
			f = 0.5
		}
		if math.IsNaN(f) || f <= 0 || f > 1 {
			d.keyErr(w, "mostly_absent", "%v is out of range: give a fraction of the month's working days above 0 and at most 1, e.g. 0.5", v)
		} else {
			p.SPOC.MostlyAbsent = f
		}
	}
	if ds, ok := d.strings(w, t, "duties"); ok {
		p.SPOC.Duties = ds
	}
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

var dutyKeys = []string{"id", "title", "area", "owner", "cover", "statutory"}

func (d *decoder) duty(t map[string]any, i int) Duty {
	w := d.entry("duty", i, t)
	d.unknownKeys(w, t, dutyKeys)
	du := Duty{
		ID:        d.id(w, t, "id"),
		Title:     d.str(w, t, "title", true),
		Area:      d.str(w, t, "area", false),
		Owner:     d.str(w, t, "owner", true),
		Statutory: d.boolean(w, t, "statutory", false),
	}
	if c, ok := d.strings(w, t, "cover"); ok {
		du.Cover = c
	}
	return du
}

var absenceKeys = []string{"person", "from", "to", "reason"}

func (d *decoder) absence(t map[string]any, i int) Absence {
	w := where{table: "absence", index: i, entry: fmt.Sprintf("absence %d", i+1)}
	if who, ok := t["person"].(string); ok && who != "" {
		w.entry = fmt.Sprintf("absence %d (%s)", i+1, who)
	}
	d.unknownKeys(w, t, absenceKeys)
	a := Absence{
		Person: d.str(w, t, "person", true),
		Reason: d.str(w, t, "reason", false),
	}
	a.From, _ = d.date(w, t, "from", true)
	a.To, _ = d.date(w, t, "to", true)
	return a
}

var eventKeys = []string{"id", "title", "needs", "dates", "weekly"}

func (d *decoder) event(t map[string]any, i int) Event {
	w := d.entry("event", i, t)
	d.unknownKeys(w, t, eventKeys)
	e := Event{
		ID:    d.id(w, t, "id"),
		Title: d.str(w, t, "title", true),
		Needs: d.str(w, t, "needs", true),
	}
	if ds, ok := d.dates(w, t, "dates"); ok {
		e.Dates = ds
	}
	e.Weekly, _ = d.weekday(w, t, "weekly")
	return e
}

func typeName(v any) string {
	switch x := v.(type) {
	case string:
		return "text"
	case int64:
		return fmt.Sprintf("the number %d", x)
	case float64:
		return fmt.Sprintf("the number %v", x)
	case bool:
		return fmt.Sprintf("%v", x)
	case time.Time:
		return "a date"
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
