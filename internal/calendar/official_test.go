package calendar

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// The files in testdata are two releases of gov.uk's own bank-holidays.json
// (https://www.gov.uk/bank-holidays.json), as published: gov.uk keeps about
// nine years in the file and drops the oldest each year, so together they
// cover 2018 to 2027.
var govUKFiles = []string{"bank-holidays-2018-2026.json", "bank-holidays-2019-2027.json"}

func readGovUK(t *testing.T, name string) map[string][]OfficialEvent {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	divs, err := ReadOfficial(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return divs
}

// TestBuiltInEqualsGovUK compares the built-in lists whole with gov.uk's,
// nation by nation and year by year: every date, every name, every
// substitute day, nothing more and nothing less.
func TestBuiltInEqualsGovUK(t *testing.T) {
	years := map[int]bool{}
	for _, name := range govUKFiles {
		divs := readGovUK(t, name)
		for _, region := range Regions()[:3] {
			events, ok := divs[region]
			if !ok {
				t.Fatalf("%s has no %s", name, region)
			}
			byYear := map[int][]string{}
			for _, e := range events {
				h := e.Holiday()
				byYear[e.Date.Year()] = append(byYear[e.Date.Year()], h.Date.String()+" "+h.Name)
			}
			for y, want := range byYear {
				years[y] = true
				slices.Sort(want)
				var got []string
				for _, h := range mustHolidays(t, region, y) {
					got = append(got, h.Date.String()+" "+h.Name)
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("%s %s %d:\nbuilt in: %s\ngov.uk:   %s", name, region, y, strings.Join(got, "; "), strings.Join(want, "; "))
				}
			}
		}
	}
	for y := 2018; y <= 2027; y++ {
		if !years[y] {
			t.Errorf("the gov.uk files do not cover %d", y)
		}
	}
}

func TestOfficialEventHoliday(t *testing.T) {
	cases := []struct {
		e    OfficialEvent
		want string
	}{
		{OfficialEvent{Title: "New Year’s Day"}, "New Year's Day"},
		{OfficialEvent{Title: "Boxing Day", Notes: "Substitute day"}, "Boxing Day (substitute day)"},
		{OfficialEvent{Title: " Good Friday ", Notes: ""}, "Good Friday"},
	}
	for _, c := range cases {
		if got := c.e.Holiday().Name; got != c.want {
			t.Errorf("%+v: got %q, want %q", c.e, got, c.want)
		}
	}
}

func TestReadOfficialLines(t *testing.T) {
	divs := readGovUK(t, govUKFiles[0])
	ev := divs["scotland"][0]
	if ev.Title != "New Year’s Day" || ev.Date.String() != "2018-01-01" || !ev.Bunting || ev.Line != 1 {
		t.Errorf("first Scottish event: %+v", ev)
	}
	pretty := "{\n \"scotland\": {\n  \"division\": \"scotland\",\n  \"events\": [\n   {\"title\": \"A\", \"date\": \"2030-01-01\"},\n   {\"title\": \"B\", \"date\": \"2030-01-02\", \"extra\": 1}\n  ]\n }\n}\n"
	divs, err := ReadOfficial([]byte(pretty))
	if err != nil {
		t.Fatal(err)
	}
	if got := divs["scotland"]; len(got) != 2 || got[0].Line != 5 || got[1].Line != 6 {
		t.Errorf("events and lines: %+v", got)
	}
}

// TestReadOfficialBad: each fault is named by line, entry and key, with what
// would be right.
func TestReadOfficialBad(t *testing.T) {
	cases := []struct{ name, data, want string }{
		{"empty", "", "line 1: the file ends too early"},
		{"html", "<!DOCTYPE html>\n<html>", "line 1: JSON syntax"},
		{"list", "[1, 2]", "line 1: want an object in braces holding the divisions"},
		{"no divisions", "{}", "no divisions"},
		{"division not object", `{"scotland": []}`, "line 1: scotland: want an object in braces"},
		{"no events", "{\"scotland\": {\"division\": \"scotland\"}}", "scotland: events: missing"},
		{"events not list", `{"scotland": {"events": {}}}`, "scotland: events: want a list of events"},
		{"bad date", "{\"scotland\": {\"events\": [\n{\"title\": \"A\", \"date\": \"2030-01-01\"},\n{\"title\": \"B\", \"date\": \"1/2/2030\"}]}}", `line 3: scotland event 2: date: "1/2/2030" is not a date`},
		{"date number", "{\"scotland\": {\"events\": [\n{\"title\": \"A\", \"date\": 2030}]}}", "line 2: scotland event 1: date: want text in quotes, got a JSON number"},
		{"no title", "{\"scotland\": {\"events\": [{\"date\": \"2030-01-01\"}]}}", "scotland event 1: title: missing"},
		{"empty title", "{\"scotland\": {\"events\": [{\"title\": \" \", \"date\": \"2030-01-01\"}]}}", "scotland event 1: title: is empty"},
		{"no date", "{\"scotland\": {\"events\": [{\"title\": \"A\"}]}}", "scotland event 1: date: missing"},
		{"cut short", "{\"scotland\": {\"events\": [{\"title\": \"A\",", "the file ends too early"},
		{"trailing", `{"scotland": {"events": []}} x`, "text after the end"},
		{"event not object", `{"scotland": {"events": ["x"]}}`, "scotland event 1: want an object in braces, got a JSON string"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadOfficial([]byte(c.data))
			if err == nil {
				t.Fatalf("accepted %q", c.data)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %q, want it to contain %q", err, c.want)
			}
		})
	}
	big := make([]byte, MaxOfficialBytes+1)
	if _, err := ReadOfficial(big); err == nil || !strings.Contains(err.Error(), "too big") {
		t.Errorf("a file over the limit: %v", err)
	}
}

// TestReadOfficialNeverPanics: any bytes give events or an error with a
// line inside the file, never a panic.
func TestReadOfficialNeverPanics(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", govUKFiles[0]))
	if err != nil {
		t.Fatal(err)
	}
	rapid.Check(t, func(t *rapid.T) {
		data := slices.Clone(good[:rapid.IntRange(0, len(good)).Draw(t, "cut")])
		for range rapid.IntRange(0, 4).Draw(t, "flips") {
			if len(data) == 0 {
				break
			}
			data[rapid.IntRange(0, len(data)-1).Draw(t, "at")] = rapid.Byte().Draw(t, "b")
		}
		_, err := ReadOfficial(data)
		var oe *OfficialError
		if err != nil && (!asOfficial(err, &oe) || oe.Line < 0 || oe.Line > strings.Count(string(data), "\n")+1) {
			t.Fatalf("error %v is not an *OfficialError with a line in the file", err)
		}
	})
}

func asOfficial(err error, oe **OfficialError) bool {
	e, ok := err.(*OfficialError)
	*oe = e
	return ok
}

// TestExtraHolidays: a holiday from outside the built-in list is not a
// working day; one on a built-in date keeps the built-in name.
func TestExtraHolidays(t *testing.T) {
	extra := []Holiday{{NewDate(2030, 6, 3), "A one-off day"}, {NewDate(2030, 12, 25), "Other name"}}
	c := New("england-and-wales", nil, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}, extra)
	if c.IsWorking(NewDate(2030, 6, 3)) {
		t.Error("the extra holiday is a working day")
	}
	if name, _ := c.Holiday(NewDate(2030, 6, 3)); name != "A one-off day" {
		t.Errorf("extra holiday's name: %q", name)
	}
	if name, _ := c.Holiday(NewDate(2030, 12, 25)); name != "Christmas Day" {
		t.Errorf("built-in date's name: %q", name)
	}
	if !c.IsWorking(NewDate(2030, 6, 4)) {
		t.Error("the day after is not a working day")
	}
}
