package plan

import (
	"errors"
	"strings"
	"testing"
)

// base is a valid plan whose line numbers the bad-input cases rely on.
const base = `[plan]
name = "Test directorate"
start = 2022-07-01
end = 2022-12-31

[[person]]
id = "jo"
name = "Jo Atkinson"

[[person]]
id = "paul"
name = "Paul Robinson"

[[person]]
id = "simon"
name = "Simon Higgins"

[[person]]
id = "tracy"
name = "Tracy Boustead"

[spoc]
order = ["simon", "jo", "paul", "tracy"]

[[duty]]
id = "siro"
title = "SIRO"
owner = "paul"
cover = ["simon", "jo"]

[[absence]]
person = "jo"
from = 2022-08-15
to = 2022-08-26

[[event]]
id = "dmt"
title = "DMT"
needs = "spoc"
weekly = "mon"
`

// edit returns base with each old text replaced by the new one; each old
// text must occur exactly once, so a case cannot silently edit nothing.
func edit(t *testing.T, src string, pairs ...string) string {
	t.Helper()
	for i := 0; i+1 < len(pairs); i += 2 {
		if n := strings.Count(src, pairs[i]); n != 1 {
			t.Fatalf("edit: %q occurs %d times in the file", pairs[i], n)
		}
		src = strings.Replace(src, pairs[i], pairs[i+1], 1)
	}
	return src
}

// problems parses src as plan.toml and returns the messages, failing the
// test if the file was accepted or the error is not Problems.
func problems(t *testing.T, src string) []string {
	t.Helper()
	p, err := Parse("plan.toml", []byte(src))
	if err == nil {
		t.Fatalf("accepted a bad file: %+v\n%s", p, src)
	}
	if p != nil {
		t.Errorf("Parse returned a plan with an error")
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T, want Problems: %v", err, err)
	}
	out := make([]string, len(ps))
	for i, pr := range ps {
		out[i] = pr.Error()
	}
	if got, want := err.Error(), strings.Join(out, "\n"); got != want {
		t.Errorf("Problems.Error() = %q, want the messages one a line %q", got, want)
	}
	return out
}

func TestBaseLoads(t *testing.T) {
	p, err := Parse("plan.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Persons) != 4 || len(p.Duties) != 1 || len(p.Absences) != 1 || len(p.Events) != 1 {
		t.Fatalf("base plan read wrong: %+v", p)
	}
}

type badCase struct {
	name  string
	edits []string // old, new, old, new…
	add   string   // appended after the edits
	want  []string // every message, in order
}

func TestBadInput(t *testing.T) {
	// base has 41 lines; text added starts on line 42.
	cases := []badCase{
		// TOML syntax, with its line.
		{name: "unclosed string", edits: []string{`name = "Jo Atkinson"`, `name = "Jo Atkinson`},
			want: []string{`plan.toml:8: TOML syntax: strings cannot contain newlines`}},
		{name: "bare word value", edits: []string{`owner = "paul"`, `owner = paul`},
			want: []string{`plan.toml:28: TOML syntax: expected value but found "paul" instead`}},
		{name: "key set twice", edits: []string{`title = "SIRO"`, "title = \"SIRO\"\ntitle = \"Again\""},
			want: []string{`plan.toml:28: TOML syntax: Key 'duty.title' has already been defined.`}},
		{name: "impossible date", edits: []string{`to = 2022-08-26`, `to = 2022-02-30`},
			want: []string{`plan.toml:34: 2022-02-30 does not exist: February 2022 has 28 days`}},
		{name: "nested too deep", edits: []string{`cover = ["simon", "jo"]`, "cover = " + strings.Repeat("[", 40) + strings.Repeat("]", 40)},
			want: []string{`plan.toml:29: TOML syntax: lists or inline tables nested more than 8 deep; a plan file needs three levels at most`}},
		{name: "binary", edits: []string{`id = "dmt"`, "id = \"d\x00mt\""},
			want: []string{`plan.toml: this is not a text file; a plan file is TOML text`}},

		// Unknown keys at every level, with the nearest known key.
		{name: "plan key typo", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nholiday = \"scotland\""},
			want: []string{`plan.toml:5: [plan]: holiday: unknown key; [plan] takes name, id, organisation, directorate, start, end, holidays, holidays_file, closures, workdays, cover_acceptance, handover_notice; did you mean "holidays"?`}},
		{name: "person key typo", edits: []string{`name = "Paul Robinson"`, `nmae = "Paul Robinson"`},
			want: []string{
				`plan.toml:12: person "paul": nmae: unknown key; person "paul" takes id, name, title, rota, email; did you mean "name"?`,
			}},
		// A typo's message names the key meant; it is not also called missing.
		{name: "duty key typo", edits: []string{`owner = "paul"`, `ownr = "paul"`},
			want: []string{
				`plan.toml:28: duty "siro": ownr: unknown key; duty "siro" takes id, title, area, owner, cover, statutory, accepted_cover; did you mean "owner"?`,
			}},
		{name: "spoc key typo", edits: []string{`order = ["simon", "jo", "paul", "tracy"]`, `oder = ["simon", "jo", "paul", "tracy"]`},
			want: []string{`plan.toml:23: [spoc]: oder: unknown key; [spoc] takes order, buddy, mostly_absent, duties; did you mean "order"?`}},
		{name: "presence key typo", add: "[presence]\nenabeld = false\n",
			want: []string{`plan.toml:43: [presence]: enabeld: unknown key; [presence] takes enabled, order; did you mean "enabled"?`}},
		{name: "absence key typo", edits: []string{`from = 2022-08-15`, `form = 2022-08-15`},
			want: []string{
				`plan.toml:33: absence 1 (jo): form: unknown key; absence 1 (jo) takes person, from, to, reason; did you mean "from"?`,
			}},
		{name: "event key in wrong case", edits: []string{`weekly = "mon"`, `Weekly = "mon"`},
			want: []string{
				`plan.toml:36: event "dmt": dates: the event has no dates: give dates = [YYYY-MM-DD, …], weekly = "tue", or both`,
				`plan.toml:40: event "dmt": Weekly: unknown key; event "dmt" takes id, title, needs, dates, weekly; did you mean "weekly"?`,
			}},
		{name: "unknown table", add: "[[dutie]]\nid = \"x\"\n",
			want: []string{`plan.toml:42: unknown table [[dutie]]; a plan file has [plan], [[person]], [spoc], [presence], [[duty]], [[absence]], [[event]], [[holiday]], [[acceptance]], [[handover]] and [[decision]]; did you mean "duty"?`}},
		{name: "key above [plan]", edits: []string{"[plan]\n", "organisation = \"Cumbria\"\n[plan]\n"},
			want: []string{`plan.toml:1: organisation: unknown key at the top of the file: every key belongs to a table such as [plan] or [[person]]; did you mean to put it under [plan]?`}},
		{name: "sub-table inside a duty", add: "[duty.extra]\nx = 1\n",
			want: []string{`plan.toml:42: duty "siro": extra: unknown key; duty "siro" takes id, title, area, owner, cover, statutory, accepted_cover`}},

		// Missing required keys.
		{name: "no [plan]", edits: []string{"[plan]\nname = \"Test directorate\"\nstart = 2022-07-01\nend = 2022-12-31\n", ""},
			want: []string{"plan.toml:1: [plan]: missing; a plan file needs a [plan] table with name, start and end, e.g.\n  [plan]\n  name = \"Corporate Services rota 2024/25\"\n  start = 2024-04-01\n  end = 2025-03-31"}},
		{name: "plan name", edits: []string{"name = \"Test directorate\"\n", ""},
			want: []string{`plan.toml:1: [plan]: name: missing; add name = "Corporate Services rota 2024/25"`}},
		{name: "plan start", edits: []string{"start = 2022-07-01\n", ""},
			want: []string{`plan.toml:1: [plan]: start: missing; add start = 2024-04-01 (a date, without quotes)`}},
		{name: "plan end", edits: []string{"end = 2022-12-31\n", ""},
			want: []string{`plan.toml:1: [plan]: end: missing; add end = 2025-03-31 (the last day, a date without quotes)`}},
		{name: "person id", edits: []string{"id = \"simon\"\n", ""},
			want: []string{
				`plan.toml:14: person 3: id: missing; add id = "jo" (lower-case letters, digits and hyphens)`,
				`plan.toml:22: [spoc]: order: "simon" is not a person (rota persons: jo, paul, tracy)`,
				`plan.toml:28: duty "siro": cover: "simon" is not a person (persons: jo, paul, tracy)`,
			}},
		{name: "duty title", edits: []string{"title = \"SIRO\"\n", ""},
			want: []string{`plan.toml:25: duty "siro": title: missing; add title = "Senior Information Risk Owner"`}},
		{name: "duty id", edits: []string{"id = \"siro\"\n", ""},
			want: []string{`plan.toml:25: duty 1: id: missing; add id = "siro" (lower-case letters, digits and hyphens)`}},
		{name: "absence person", edits: []string{"person = \"jo\"\n", ""},
			want: []string{`plan.toml:31: absence 1: person: missing; add person = "jo" (the id of the person who is away)`}},
		{name: "absence to", edits: []string{"to = 2022-08-26\n", ""},
			want: []string{`plan.toml:31: absence 1 (jo): to: missing; add to = 2022-08-26 (the last day away, without quotes)`}},
		{name: "event needs", edits: []string{"needs = \"spoc\"\n", ""},
			want: []string{`plan.toml:36: event "dmt": needs: missing; add needs = "spoc" (or the id of a duty whose holder must be there)`}},
		{name: "event title empty", edits: []string{`title = "DMT"`, `title = "  "`},
			want: []string{`plan.toml:38: event "dmt": title: is empty; write it, e.g. title = "Full Council"`}},

		// Wrong types.
		{name: "name a number", edits: []string{`name = "Test directorate"`, `name = 3`},
			want: []string{`plan.toml:2: [plan]: name: want text in quotes, e.g. name = "Corporate Services rota 2024/25"; got the number 3`}},
		{name: "rota as text", edits: []string{`name = "Tracy Boustead"`, "name = \"Tracy Boustead\"\nrota = \"no\""},
			want: []string{`plan.toml:21: person "tracy": rota: want true or false, without quotes, e.g. rota = false; got the text "no"`}},
		{name: "cover as text", edits: []string{`cover = ["simon", "jo"]`, `cover = "simon"`},
			want: []string{`plan.toml:29: duty "siro": cover: want a list in square brackets, e.g. cover = ["simon"]; got the text "simon"`}},
		{name: "cover item a number", edits: []string{`cover = ["simon", "jo"]`, `cover = ["simon", 3]`},
			want: []string{`plan.toml:29: duty "siro": cover: item 2: want text in quotes, got the number 3`}},
		{name: "statutory a number", edits: []string{`cover = ["simon", "jo"]`, "cover = [\"simon\", \"jo\"]\nstatutory = 1"},
			want: []string{`plan.toml:30: duty "siro": statutory: want true or false, without quotes, e.g. statutory = true; got the number 1`}},
		{name: "order a table", edits: []string{`order = ["simon", "jo", "paul", "tracy"]`, `order = {first = "simon"}`},
			want: []string{`plan.toml:23: [spoc]: order: want a list in square brackets, e.g. order = ["…", "…"]; got a table`}},
		{name: "weekly a number", edits: []string{`weekly = "mon"`, `weekly = 1`},
			want: []string{`plan.toml:40: event "dmt": weekly: want a weekday in quotes, e.g. weekly = "tue"; got the number 1`}},
		{name: "[[plan]]", edits: []string{"[plan]\n", "[[plan]]\n"},
			want: []string{`plan.toml:1: [[plan]] must be written [plan], with one bracket: a plan has one of it`}},
		{name: "[duty] not [[duty]]", edits: []string{"[[duty]]\n", "[duty]\n"},
			want: []string{`plan.toml:25: [duty] must be written [[duty]], with two brackets: a plan may have many of them`}},
		{name: "holidays a boolean", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nholidays = true"},
			want: []string{`plan.toml:5: [plan]: holidays: want text in quotes, e.g. holidays = "england-and-wales"; got true`}},

		// Dates: with a time, in quotes, a time of day.
		{name: "start with a time", edits: []string{`start = 2022-07-01`, `start = 2022-07-01T09:00:00`},
			want: []string{`plan.toml:3: [plan]: start: want a date such as 2022-07-01, without a time; got the date and time 2022-07-01T09:00:00`}},
		{name: "end with a zone", edits: []string{`end = 2022-12-31`, `end = 2022-12-31T17:00:00Z`},
			want: []string{`plan.toml:4: [plan]: end: want a date such as 2022-12-31, without a time; got the date and time 2022-12-31T17:00:00`}},
		{name: "from a time of day", edits: []string{`from = 2022-08-15`, `from = 09:30:00`},
			want: []string{`plan.toml:33: absence 1 (jo): from: want a date such as 2022-10-03, got the time of day 09:30:00`}},
		{name: "quoted date", edits: []string{`from = 2022-08-15`, `from = "2022-08-15"`},
			want: []string{`plan.toml:33: absence 1 (jo): from: write the date without quotes: 2022-08-15, not "2022-08-15"`}},
		{name: "quoted non-date", edits: []string{`start = 2022-07-01`, `start = "1 July 2022"`},
			want: []string{`plan.toml:3: [plan]: start: want a date written YYYY-MM-DD without quotes, e.g. 2022-10-03; got the text "1 July 2022"`}},
		{name: "quoted date in a list", edits: []string{`weekly = "mon"`, `dates = [2022-07-20, "2022-09-28"]`},
			want: []string{`plan.toml:40: event "dmt": dates: write the date without quotes: 2022-09-28, not "2022-09-28"`}},
		{name: "closure with a time", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nclosures = [2022-12-28T00:00:00]"},
			want: []string{`plan.toml:5: [plan]: closures: want a date such as 2022-12-28, without a time; got the date and time 2022-12-28T00:00:00`}},

		// Bad ids.
		{name: "person id with capitals and a space", edits: []string{`id = "jo"`, `id = "Jo A"`, `["simon", "jo", "paul", "tracy"]`, `["simon", "Jo A", "paul", "tracy"]`, `cover = ["simon", "jo"]`, `cover = ["simon"]`, `person = "jo"`, `person = "Jo A"`},
			want: []string{`plan.toml:7: person 1: id: "Jo A" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. "jo-a"`}},
		{name: "duty id with underscore", edits: []string{`id = "siro"`, `id = "siro_lead"`},
			want: []string{`plan.toml:26: duty 1: id: "siro_lead" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. "siro-lead"`}},
		{name: "event id starting with a hyphen", edits: []string{`id = "dmt"`, `id = "-dmt"`},
			want: []string{`plan.toml:37: event 1: id: "-dmt" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. "dmt"`}},
		{name: "duty id spoc", edits: []string{`id = "siro"`, `id = "spoc"`},
			want: []string{`plan.toml:26: duty "spoc": id: "spoc" is kept for the SPOC rota (needs = "spoc"); choose another id`}},

		// Duplicate ids.
		{name: "duplicate person", add: "[[person]]\nid = \"paul\"\nname = \"Paul Other\"\n",
			want: []string{`plan.toml:43: person "paul": id: "paul" is already the id of person 2 (line 10); every person needs their own id`}},
		{name: "duplicate duty", add: "[[duty]]\nid = \"siro\"\ntitle = \"Again\"\nowner = \"jo\"\n",
			want: []string{`plan.toml:43: duty "siro": id: "siro" is already the id of duty 1 (line 25); duty and event ids must be unique, so choose another`}},
		{name: "event id of a duty", edits: []string{`id = "dmt"`, `id = "siro"`},
			want: []string{`plan.toml:37: event "siro": id: "siro" is already the id of duty 1 (line 25); duty and event ids must be unique, so choose another`}},

		// References to what does not exist.
		{name: "cover not a person", edits: []string{`cover = ["simon", "jo"]`, `cover = ["simon", "pual"]`},
			want: []string{`plan.toml:29: duty "siro": cover: "pual" is not a person (persons: jo, paul, simon, tracy); did you mean "paul"?`}},
		{name: "owner not a person", edits: []string{`owner = "paul"`, `owner = "nobody"`},
			want: []string{`plan.toml:28: duty "siro": owner: "nobody" is not a person (persons: jo, paul, simon, tracy)`}},
		{name: "absence of no one", edits: []string{`person = "jo"`, `person = "joe"`},
			want: []string{`plan.toml:32: absence 1 (joe): person: "joe" is not a person (persons: jo, paul, simon, tracy); did you mean "jo"?`}},
		{name: "needs no duty", edits: []string{`needs = "spoc"`, `needs = "sir0"`},
			want: []string{`plan.toml:39: event "dmt": needs: "sir0" is neither "spoc" nor a duty; needs says who must be there: "spoc" (the acting SPOC) or a duty id; did you mean "siro"?`}},

		// The period and absences.
		{name: "start after end", edits: []string{`end = 2022-12-31`, `end = 2022-06-30`},
			want: []string{`plan.toml:4: [plan]: end: the plan ends (2022-06-30) before it starts (2022-07-01): end must be on or after start`}},
		{name: "over ten years", edits: []string{`end = 2022-12-31`, `end = 2032-07-02`},
			want: []string{`plan.toml:4: [plan]: end: the period is over 10 years (2022-07-01 to 2032-07-02): end must be on or before 2032-07-01`}},
		{name: "from after to", edits: []string{`to = 2022-08-26`, `to = 2022-08-14`},
			want: []string{`plan.toml:34: absence 1 (jo): to: the absence ends (2022-08-14) before it starts (2022-08-15): to must be on or after from`}},

		// Cover lists.
		{name: "cover names the owner", edits: []string{`cover = ["simon", "jo"]`, `cover = ["simon", "paul"]`},
			want: []string{`plan.toml:29: duty "siro": cover: "paul" owns the duty and cannot also cover it; list only the other people who step in`}},
		{name: "cover repeats", edits: []string{`cover = ["simon", "jo"]`, `cover = ["simon", "jo", "simon"]`},
			want: []string{`plan.toml:29: duty "siro": cover: "simon" is listed twice; name each person once, in the order they step in`}},

		// Orders.
		{name: "order names a non-rota person", edits: []string{`name = "Tracy Boustead"`, "name = \"Tracy Boustead\"\nrota = false"},
			want: []string{`plan.toml:24: [spoc]: order: "tracy" has rota = false, so cannot be in a rota order (rota persons: jo, paul, simon)`}},
		{name: "order names no one", edits: []string{`"paul", "tracy"]`, `"pual", "tracy"]`},
			want: []string{`plan.toml:23: [spoc]: order: "pual" is not a person (rota persons: jo, paul, simon, tracy); did you mean "paul"?`}},
		{name: "order repeats", edits: []string{`"paul", "tracy"]`, `"paul", "jo"]`},
			want: []string{`plan.toml:23: [spoc]: order: "jo" is listed twice; name each person once`}},
		{name: "order of one", edits: []string{`order = ["simon", "jo", "paul", "tracy"]`, `order = ["simon"]`},
			want: []string{`plan.toml:23: [spoc]: order: names 1 person; it needs at least 2 different rota persons (rota persons: jo, paul, simon, tracy)`}},
		{name: "presence order empty", add: "[presence]\norder = []\n",
			want: []string{`plan.toml:43: [presence]: order: names 0 people; it needs at least 1 different rota persons (rota persons: jo, paul, simon, tracy)`}},
		{name: "presence order non-rota", edits: []string{`name = "Tracy Boustead"`, "name = \"Tracy Boustead\"\nrota = false", `, "tracy"]`, `]`}, add: "[presence]\norder = [\"tracy\", \"jo\"]\n",
			want: []string{`plan.toml:44: [presence]: order: "tracy" has rota = false, so cannot be in a rota order (rota persons: jo, paul, simon)`}},
		{name: "one rota person", edits: []string{
			"[spoc]\norder = [\"simon\", \"jo\", \"paul\", \"tracy\"]\n", "",
			`name = "Paul Robinson"`, "name = \"Paul Robinson\"\nrota = false",
			`name = "Simon Higgins"`, "name = \"Simon Higgins\"\nrota = false",
			`name = "Tracy Boustead"`, "name = \"Tracy Boustead\"\nrota = false"},
			want: []string{`plan.toml:6: [[person]]: the plan needs at least two rota persons to share the role, found 1 (jo): add [[person]] entries, or take rota = false off someone`}},

		// Calendars and weekdays.
		{name: "unknown holidays", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nholidays = \"scotlnd\""},
			want: []string{`plan.toml:5: [plan]: holidays: unknown holiday calendar "scotlnd"; use one of "england-and-wales", "scotland", "northern-ireland", "none"; did you mean "scotland"?`}},
		{name: "unknown workday", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nworkdays = [\"mon\", \"tues\"]"},
			want: []string{`plan.toml:5: [plan]: workdays: "tues" is not a weekday: write one of mon, tue, wed, thu, fri, sat, sun; did you mean "tue"?`}},
		{name: "workday twice", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nworkdays = [\"mon\", \"mon\"]"},
			want: []string{`plan.toml:5: [plan]: workdays: "mon" is listed twice; list each working weekday once`}},
		{name: "no workdays", edits: []string{`end = 2022-12-31`, "end = 2022-12-31\nworkdays = []"},
			want: []string{`plan.toml:5: [plan]: workdays: no working days: list at least one, e.g. workdays = ["mon", "tue", "wed", "thu", "fri"]`}},
		{name: "unknown weekly weekday", edits: []string{`weekly = "mon"`, `weekly = "Monday"`},
			want: []string{`plan.toml:40: event "dmt": weekly: "Monday" is not a weekday: write one of mon, tue, wed, thu, fri, sat, sun`}},
		{name: "unknown buddy rule", add: "", edits: []string{`order = ["simon", "jo", "paul", "tracy"]`, "order = [\"simon\", \"jo\", \"paul\", \"tracy\"]\nbuddy = \"prev\""},
			want: []string{`plan.toml:24: [spoc]: buddy: "prev" is not a buddy rule: use "next" (the buddy is next month's SPOC) or "previous" (last month's SPOC)`}},

		// Events.
		{name: "event with no dates", edits: []string{"weekly = \"mon\"\n", ""},
			want: []string{`plan.toml:36: event "dmt": dates: the event has no dates: give dates = [YYYY-MM-DD, …], weekly = "tue", or both`}},
		{name: "event date outside", edits: []string{`weekly = "mon"`, `dates = [2022-07-20, 2023-01-04]`},
			want: []string{`plan.toml:40: event "dmt": dates: 2023-01-04 is outside the plan's period, 2022-07-01 to 2022-12-31; give dates inside it`}},
		{name: "event date before", edits: []string{`weekly = "mon"`, "weekly = \"mon\"\ndates = [2022-06-30]"},
			want: []string{`plan.toml:41: event "dmt": dates: 2022-06-30 is outside the plan's period, 2022-07-01 to 2022-12-31; give dates inside it`}},
	}
	for _, mostly := range []struct{ value, shown string }{{"0", "0"}, {"-1", "-1"}, {"1.5", "1.5"}, {"nan", "nan"}, {"inf", "inf"}, {"0.0", "0"}} {
		cases = append(cases, badCase{
			name:  "mostly_absent " + mostly.value,
			edits: []string{`order = ["simon", "jo", "paul", "tracy"]`, "order = [\"simon\", \"jo\", \"paul\", \"tracy\"]\nmostly_absent = " + mostly.value},
			want:  []string{`plan.toml:24: [spoc]: mostly_absent: ` + mostly.shown + ` is out of range: give a fraction of a month's working days above 0 and at most 1, e.g. 0.5 (away more than half the month)`},
		})
	}
	cases = append(cases, badCase{
		name:  "mostly_absent as text",
		edits: []string{`order = ["simon", "jo", "paul", "tracy"]`, "order = [\"simon\", \"jo\", \"paul\", \"tracy\"]\nmostly_absent = \"0.5\""},
		want:  []string{`plan.toml:24: [spoc]: mostly_absent: want a number without quotes, e.g. mostly_absent = 0.5; got the text "0.5"`},
	})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := edit(t, base, c.edits...)
			if c.add != "" {
				src += "\n" + c.add
			}
			got := problems(t, src)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestSeveralProblems checks that independent mistakes all the way through a
// file are reported together, top to bottom, so one run is enough to fix them.
func TestSeveralProblems(t *testing.T) {
	src := edit(t, base,
		`end = 2022-12-31`, "end = 2022-12-31\nholidays = \"wales\"", // line 5
		`name = "Simon Higgins"`, `nme = "Simon Higgins"`, // line 17, person 3 header at 15
		`owner = "paul"`, `ownr = "paul"`, // line 29, duty header at 26
		`cover = ["simon", "jo"]`, `cover = ["simon", "pual"]`, // line 30
		`to = 2022-08-26`, `to = 2022-08-01`, // line 35
		`weekly = "mon"`, `dates = [2023-02-01]`, // line 41
	)
	want := []string{
		`plan.toml:5: [plan]: holidays: unknown holiday calendar "wales"; use one of "england-and-wales", "scotland", "northern-ireland", "none"`,
		`plan.toml:17: person "simon": nme: unknown key; person "simon" takes id, name, title, rota, email; did you mean "name"?`,
		`plan.toml:29: duty "siro": ownr: unknown key; duty "siro" takes id, title, area, owner, cover, statutory, accepted_cover; did you mean "owner"?`,
		`plan.toml:30: duty "siro": cover: "pual" is not a person (persons: jo, paul, simon, tracy); did you mean "paul"?`,
		`plan.toml:35: absence 1 (jo): to: the absence ends (2022-08-01) before it starts (2022-08-15): to must be on or after from`,
		`plan.toml:41: event "dmt": dates: 2023-02-01 is outside the plan's period, 2022-07-01 to 2022-12-31; give dates inside it`,
	}
	got := problems(t, src)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestNoCascade checks that one mistake gives one message: what cannot be
// read is not checked again against the rest of the plan.
func TestNoCascade(t *testing.T) {
	cases := []struct {
		name  string
		edits []string
		want  string
	}{
		{"quoted start does not make the period or event dates wrong",
			[]string{`start = 2022-07-01`, `start = "2022-07-01"`, `weekly = "mon"`, `dates = [2022-07-20]`},
			`plan.toml:3: [plan]: start: write the date without quotes: 2022-07-01, not "2022-07-01"`},
		{"missing end does not make the period wrong",
			[]string{"end = 2022-12-31\n", ""},
			`plan.toml:1: [plan]: end: missing; add end = 2025-03-31 (the last day, a date without quotes)`},
		{"a bad from is not also before to",
			[]string{`from = 2022-08-15`, `from = 2022-08-15T10:00:00`},
			`plan.toml:33: absence 1 (jo): from: want a date such as 2022-08-15, without a time; got the date and time 2022-08-15T10:00:00`},
		{"a bad weekly is not also no dates",
			[]string{`weekly = "mon"`, `weekly = "monday"`},
			`plan.toml:40: event "dmt": weekly: "monday" is not a weekday: write one of mon, tue, wed, thu, fri, sat, sun`},
		{"a bad order type falls back to the default order",
			[]string{`order = ["simon", "jo", "paul", "tracy"]`, `order = "simon"`},
			`plan.toml:23: [spoc]: order: want a list in square brackets, e.g. order = ["simon"]; got the text "simon"`},
		{"a missing owner is not also not a person",
			[]string{"owner = \"paul\"\n", ""},
			`plan.toml:25: duty "siro": owner: missing; add owner = "jo" (the id of the person who holds the duty)`},
		{"a bad spoc order is not repeated for presence",
			[]string{`"paul", "tracy"]`, `"paul", "paul"]`},
			`plan.toml:23: [spoc]: order: "paul" is listed twice; name each person once`},
		{"a bad person id is not repeated in the default order",
			[]string{"[spoc]\norder = [\"simon\", \"jo\", \"paul\", \"tracy\"]\n", "", `id = "simon"`, `id = "Simon"`, `cover = ["simon", "jo"]`, `cover = ["jo"]`},
			`plan.toml:15: person 3: id: "Simon" is not a valid id: use lower-case letters, digits and hyphens, starting with a letter or digit, e.g. "simon"`},
		{"[[person]] written [person] does not also say too few rota persons",
			[]string{"[[person]]\nid = \"jo\"", "[person]\nid = \"jo\"", "[[person]]\nid = \"paul\"\nname = \"Paul Robinson\"\n", "", "[[person]]\nid = \"simon\"\nname = \"Simon Higgins\"\n", "", "[[person]]\nid = \"tracy\"\nname = \"Tracy Boustead\"\n", "", "[spoc]\norder = [\"simon\", \"jo\", \"paul\", \"tracy\"]\n", "", `cover = ["simon", "jo"]`, `cover = []`},
			`plan.toml:6: [person] must be written [[person]], with two brackets: a plan may have many of them`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := problems(t, edit(t, base, c.edits...))
			if len(got) != 1 || got[0] != c.want {
				t.Errorf("messages:\n%s\nwant only:\n%s", strings.Join(got, "\n"), c.want)
			}
		})
	}
}

func TestLoadUnreadable(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ path, want string }{
		{dir + "/nope.toml", dir + "/nope.toml: cannot read the plan file: no such file or directory"},
		{dir, dir + ": cannot read the plan file: it is a folder, not a file"},
	} {
		_, err := Load(c.path)
		if err == nil || err.Error() != c.want {
			t.Errorf("Load(%q) = %v, want %q", c.path, err, c.want)
		}
	}
}

func TestProblemError(t *testing.T) {
	cases := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.toml", Line: 3, Entry: `duty "x"`, Key: "owner", Msg: "m"}, `a.toml:3: duty "x": owner: m`},
		{Problem{File: "a.toml", Entry: "[spoc]", Msg: "m"}, `a.toml: [spoc]: m`},
		{Problem{Line: 3, Key: "k", Msg: "m"}, `k: m`}, // no file: a plan built in code has no lines either
		{Problem{Msg: "m"}, `m`},
	}
	for _, c := range cases {
		if got := c.p.Error(); got != c.want {
			t.Errorf("%+v.Error() = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"id", "title", "area", "owner", "cover", "statutory"}
	cases := map[string]string{
		"ownr":     `; did you mean "owner"?`, // a letter left out
		"onwer":    `; did you mean "owner"?`, // two swapped
		"Owner":    `; did you mean "owner"?`, // case
		"titel":    `; did you mean "title"?`,
		"statutry": `; did you mean "statutory"?`,
		"ID":       `; did you mean "id"?`,
		"x":        "", // too far from anything to guess
		"colour":   "",
		"owner":    "", // known words are not near misses of themselves
	}
	for word, want := range cases {
		if got := suggest(word, known); got != want {
			t.Errorf("suggest(%q) = %q, want %q", word, got, want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"jo": true, "a": true, "0": true, "full-council": true, "x--1-": true, "2022": true,
		"": false, "-jo": false, "Jo": false, "jo atkinson": false, "jo_a": false, "é": false, "jo.a": false, "jo\n": false,
	} {
		if got := validID(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}
