package plan

import (
	"strings"
	"testing"

	"rota/internal/termtext"
)

// TestControlCharactersRefused: an escape sequence in a name retitled the
// terminal, a carriage return in a title painted over a view; every text
// of a plan file refuses them, and bidirectional overrides, with the key.
func TestControlCharactersRefused(t *testing.T) {
	for name, c := range map[string]struct{ old, new, want string }{
		"escape in a name":   {`name = "Jo Atkinson"`, `name = "Jo\u001b]0;pwned\u0007"`, `plan.toml:8: person "jo": name: has a control character (U+001B) at character 3; remove it`},
		"CR in a title":      {`title = "SIRO"`, `title = "SIRO\rFAKE"`, `plan.toml:27: duty "siro": title: has a line break (U+000D) at character 5; remove it`},
		"newline in a name":  {`name = "Test directorate"`, `name = "Test\ndirectorate"`, `plan.toml:2: [plan]: name: has a line break (U+000A) at character 5`},
		"DEL":                {`name = "Paul Robinson"`, `name = "Paul\u007f"`, `person "paul": name: has a control character (U+007F)`},
		"C1":                 {`name = "Simon Higgins"`, `name = "Simon\u009b2J"`, `person "simon": name: has a control character (U+009B)`},
		"bidi in a title":    {`title = "DMT"`, `title = "\u202eTMD"`, `event "dmt": title: has a bidirectional control character (U+202E) at character 1`},
		"isolate in a list":  {`order = ["simon", "jo", "paul", "tracy"]`, "order = [\"simon\", \"jo\u2066\", \"paul\", \"tracy\"]", `[spoc]: order: item 2 has a bidirectional control character (U+2066)`},
		"escape in a reason": {"to = 2022-08-26\n", "to = 2022-08-26\nreason = \"\\u001b[2J\"\n", `absence 1 (jo): reason: has a control character (U+001B)`},
	} {
		got := problems(t, edit(t, base, c.old, c.new))
		if len(got) == 0 || !strings.Contains(got[0], c.want) {
			t.Errorf("%s: %q, want %q", name, got, c.want)
		}
	}
	// Tabs and right-to-left letters are text.
	if _, err := Parse("plan.toml", []byte(edit(t, base, `name = "Jo Atkinson"`, "name = \"Jo\\tAtkinson \u05d0\u05d1\""))); err != nil {
		t.Error(err)
	}
}

// TestMapText reaches every free text and leaves ids alone.
func TestMapText(t *testing.T) {
	p, err := Parse("plan.toml", []byte(base))
	if err != nil {
		t.Fatal(err)
	}
	p.Absences[0].Reason = "away\x1b"
	q := p.MapText(termtext.Escape)
	if q.Absences[0].Reason != `away\u001b` || p.Absences[0].Reason != "away\x1b" {
		t.Errorf("reason %q, original %q", q.Absences[0].Reason, p.Absences[0].Reason)
	}
	upper := p.MapText(strings.ToUpper)
	if upper.Persons[0].Name != "JO ATKINSON" || upper.Persons[0].ID != "jo" || upper.Duties[0].Title != "SIRO" || upper.Events[0].Title != "DMT" || upper.Name != "TEST DIRECTORATE" {
		t.Errorf("%+v", upper)
	}
	if p.Persons[0].Name != "Jo Atkinson" {
		t.Error("the original changed")
	}
}
