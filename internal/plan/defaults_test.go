package plan

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"
	"time"

	"rota/internal/calendar"
)

func date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestDefaults reads the smallest plan the spec allows and checks every default.
func TestDefaults(t *testing.T) {
	src := `[plan]
name = "Smallest"
start = 2024-04-01
end = 2024-06-30

[[person]]
id = "b"
name = "B"

[[person]]
id = "off"
name = "Not in the rota"
rota = false

[[person]]
id = "a"
name = "A"

[[duty]]
id = "d"
title = "D"
owner = "off"
`
	p, err := Parse("small.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Holidays != "england-and-wales" {
		t.Errorf("holidays = %q, want england-and-wales", p.Holidays)
	}
	if want := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}; !reflect.DeepEqual(p.Workdays, want) {
		t.Errorf("workdays = %v, want mon–fri", p.Workdays)
	}
	if len(p.Closures) != 0 {
		t.Errorf("closures = %v, want none", p.Closures)
	}
	if want := []bool{true, false, true}; !reflect.DeepEqual([]bool{p.Persons[0].Rota, p.Persons[1].Rota, p.Persons[2].Rota}, want) {
		t.Errorf("rota flags = %v, want %v (rota defaults to true)", p.Persons, want)
	}
	if want := []string{"b", "a"}; !reflect.DeepEqual(p.SPOC.Order, want) || p.SPOC.OrderSet {
		t.Errorf("spoc.order = %v (set %v), want the rota persons in file order %v, not set", p.SPOC.Order, p.SPOC.OrderSet, want)
	}
	if !reflect.DeepEqual(p.Presence.Order, p.SPOC.Order) || p.Presence.OrderSet {
		t.Errorf("presence.order = %v, want spoc.order %v", p.Presence.Order, p.SPOC.Order)
	}
	if !p.Presence.Enabled {
		t.Error("presence is disabled by default, want enabled")
	}
	if p.SPOC.Buddy != BuddyNext {
		t.Errorf("buddy = %q, want next", p.SPOC.Buddy)
	}
	if p.SPOC.MostlyAbsent != 0.5 {
		t.Errorf("mostly_absent = %v, want 0.5", p.SPOC.MostlyAbsent)
	}
	if d := p.Duties[0]; d.Statutory || len(d.Cover) != 0 || d.Area != "" {
		t.Errorf("duty = %+v, want not statutory, no cover, no area", d)
	}
}

// TestPresenceOrderDefaultsToWrittenSPOCOrder: presence follows spoc.order
// as written, not the file order of persons.
func TestPresenceOrderDefaultsToWrittenSPOCOrder(t *testing.T) {
	p, err := Parse("plan.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"simon", "jo", "paul", "tracy"}
	if !reflect.DeepEqual(p.Presence.Order, want) {
		t.Errorf("presence.order = %v, want %v", p.Presence.Order, want)
	}
}

// TestEveryKey reads a plan that sets every key to something other than its
// default, and checks that each one arrives in the Plan.
func TestEveryKey(t *testing.T) {
	src := `[plan]
id = "all-keys-2024"
name = "All keys"
organisation = "Org"
directorate = "Dir"
start = 2024-04-01
end = 2025-03-31
holidays = "scotland"
closures = [2024-12-27, 2024-12-30]
workdays = ["tue", "mon", "wed", "thu"]

[[person]]
id = "a"
name = "A"
title = "AD"

[[person]]
id = "b"
name = "B"
rota = true

[[person]]
id = "c"
name = "C"

[spoc]
order = ["c", "a", "b"]
buddy = "previous"
mostly_absent = 1
duties = ["Chair DMT"]

[presence]
enabled = false
order = ["b"]

[[duty]]
id = "d1"
title = "Duty one"
area = "Area"
owner = "a"
cover = ["c", "b"]
statutory = true

[[absence]]
person = "b"
from = 2024-03-01
to = 2024-04-05
reason = "leave"

[[event]]
id = "e1"
title = "Event"
needs = "d1"
dates = [2024-04-01, 2025-03-31]
weekly = "wed"
`
	p, err := Parse("all.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	wed := time.Wednesday
	want := &Plan{
		ID: "all-keys-2024", Name: "All keys", Organisation: "Org", Directorate: "Dir",
		Start: date("2024-04-01"), End: date("2025-03-31"),
		Holidays: "scotland",
		Closures: []calendar.Date{date("2024-12-27"), date("2024-12-30")},
		Workdays: []time.Weekday{time.Tuesday, time.Monday, time.Wednesday, time.Thursday},
		Persons: []Person{
			{ID: "a", Name: "A", Title: "AD", Rota: true},
			{ID: "b", Name: "B", Rota: true},
			{ID: "c", Name: "C", Rota: true},
		},
		SPOC:     SPOC{Order: []string{"c", "a", "b"}, Buddy: BuddyPrevious, MostlyAbsent: 1, Duties: []string{"Chair DMT"}, OrderSet: true},
		Presence: Presence{Enabled: false, Order: []string{"b"}, OrderSet: true},
		Duties:   []Duty{{ID: "d1", Title: "Duty one", Area: "Area", Owner: "a", Cover: []string{"c", "b"}, Statutory: true}},
		Absences: []Absence{{Person: "b", From: date("2024-03-01"), To: date("2024-04-05"), Reason: "leave"}},
		Events:   []Event{{ID: "e1", Title: "Event", Needs: "d1", Dates: []calendar.Date{date("2024-04-01"), date("2025-03-31")}, Weekly: &wed}},
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %+v\nwant %+v", p, want)
	}
}

// TestAnyOrder: arrays of tables may come in any order and be interleaved;
// each kind keeps its own file order, which sets the default rota order.
func TestAnyOrder(t *testing.T) {
	src := `[[event]]
id = "e"
title = "E"
needs = "late"
weekly = "fri"

[[person]]
id = "z"
name = "Z"

[[duty]]
id = "early"
title = "Early"
owner = "y"

[[absence]]
person = "y"
from = 2024-05-01
to = 2024-05-02

[[person]]
id = "y"
name = "Y"

[spoc]
buddy = "previous"

[[duty]]
id = "late"
title = "Late"
owner = "z"

[plan]
name = "Upside down"
start = 2024-04-01
end = 2024-09-30

[[person]]
id = "x"
name = "X"
`
	p, err := Parse("any.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.PersonIDs(); !slices.Equal(got, []string{"z", "y", "x"}) {
		t.Errorf("persons = %v, want file order z, y, x", got)
	}
	if !slices.Equal(p.SPOC.Order, []string{"z", "y", "x"}) {
		t.Errorf("spoc.order = %v, want z, y, x", p.SPOC.Order)
	}
	if len(p.Duties) != 2 || p.Duties[0].ID != "early" || p.Duties[1].ID != "late" {
		t.Errorf("duties = %+v, want early then late", p.Duties)
	}
	if p.Name != "Upside down" || p.SPOC.Buddy != BuddyPrevious {
		t.Errorf("plan or spoc lost: %+v", p)
	}
}

// TestInlineTables: TOML allows arrays of tables written inline; they mean
// the same, and messages still find a line.
func TestInlineTables(t *testing.T) {
	src := `person = [
  {id = "a", name = "A"},
  {id = "b", name = "B"},
]
plan = {name = "Inline", start = 2024-04-01, end = 2024-04-30}
duty = [{id = "d", title = "D", owner = "a", cover = ["b"]}]
`
	p, err := Parse("inline.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Persons) != 2 || p.Duties[0].Cover[0] != "b" || p.Name != "Inline" {
		t.Errorf("inline plan read wrong: %+v", p)
	}
	bad := edit(t, src, `cover = ["b"]`, `cover = ["c"]`)
	got := problems(t, bad)
	want := `plan.toml:6: duty "d": cover: "c" is not a person (persons: a, b)`
	if len(got) != 1 || got[0] != want {
		t.Errorf("messages %q, want %q", got, want)
	}
}

// TestCumbria loads the bundled reference plan and checks it against the paper.
func TestCumbria(t *testing.T) {
	p, err := Load(filepath.Join("..", "..", "configs", "cumbria-cccs-2022.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(p.Persons); got != 7 {
		t.Errorf("persons = %d, want 7 (four ADs, three statutory officers)", got)
	}
	if got := p.RotaPersons(); !slices.Equal(got, []string{"jo", "paul", "simon", "tracy"}) {
		t.Errorf("rota persons = %v, want the four ADs", got)
	}
	if !slices.Equal(p.SPOC.Order, []string{"simon", "jo", "paul", "tracy"}) {
		t.Errorf("spoc.order = %v, want simon, jo, paul, tracy (July Simon, August Jo, …)", p.SPOC.Order)
	}
	if got := len(p.Duties); got != 58 {
		t.Errorf("duties = %d, want 58", got)
	}
	statutory := 0
	for _, d := range p.Duties {
		if d.Statutory {
			statutory++
		}
	}
	if statutory != 12 {
		t.Errorf("statutory duties = %d, want 12 (the scheme of delegation)", statutory)
	}
	if p.Start != date("2022-07-01") || p.End != date("2023-03-31") || len(p.Months()) != 9 {
		t.Errorf("period %s to %s (%d months), want July 2022 to March 2023, 9 months", p.Start, p.End, len(p.Months()))
	}
	if len(p.Events) != 1 || p.Events[0].Weekly == nil || *p.Events[0].Weekly != time.Monday {
		t.Errorf("events = %+v, want weekly DMT on Monday", p.Events)
	}
}

// TestConfigsLoad: every bundled plan loads and validates.
func TestConfigsLoad(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "configs", "*.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("configs: found %v, want at least the Cumbria plan and the template", files)
	}
	for _, f := range files {
		p, err := Load(f)
		if err != nil {
			t.Errorf("%v", err)
			continue
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: loads but does not validate again: %v", f, err)
		}
	}
}

// TestLongLeapPeriod: ten years from 29 February ends on 28 February.
func TestLongLeapPeriod(t *testing.T) {
	p := &Plan{Name: "x", Start: date("2024-02-29"), End: date("2034-02-28"), Holidays: "none",
		Workdays: []time.Weekday{time.Monday},
		Persons:  []Person{{ID: "a", Rota: true}, {ID: "b", Rota: true}}}
	if err := p.Validate(); err != nil {
		t.Errorf("ten years to the day: %v", err)
	}
	p.End = date("2034-03-01")
	if err := p.Validate(); err == nil {
		t.Error("ten years and a day was accepted")
	}
}

func TestClone(t *testing.T) {
	p, err := Parse("plan.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	c := p.Clone()
	if !reflect.DeepEqual(c, p) {
		t.Fatal("clone differs from the original")
	}
	c.Duties[0].Cover[0] = "tracy"
	c.SPOC.Order[0] = "x"
	c.Persons[0].Name = "x"
	*c.Events[0].Weekly = time.Friday
	if p.Duties[0].Cover[0] != "simon" || p.SPOC.Order[0] != "simon" || p.Persons[0].Name != "Jo Atkinson" || *p.Events[0].Weekly != time.Monday {
		t.Error("editing the clone changed the original")
	}
}

// TestTemplateExplainsEveryKey: each key the loader knows has a line of its
// own in the template, set or explained in a comment, so the template grows
// with the format.
func TestTemplateExplainsEveryKey(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "configs", "template.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range Schema {
		if !regexp.MustCompile(`(?m)^(# )?\[\[?` + tb.Name + `\]\]?$`).Match(data) {
			t.Errorf("template has no [%s] example", tb.Name)
		}
		for _, k := range tb.Keys {
			if !regexp.MustCompile(`(?m)^#?\s*` + k + `(\s+\S|\s*=)`).Match(data) {
				t.Errorf("template does not explain %s.%s", tb.Name, k)
			}
		}
	}
}
