package ui

import (
	"strings"
	"testing"

	"rota/internal/coverage"
	"rota/internal/termtext"
)

// TestTextFromAnOlderDatabaseIsEscaped: what the planner takes from the
// store holds no character a terminal would obey, however the plan was
// written; the result it was given is left as it was.
func TestTextFromAnOlderDatabaseIsEscaped(t *testing.T) {
	p := cumbria(t)
	p.Persons[0].Name = "Simon\x1b]0;pwned\x07"
	p.Duties[0].Title = "SIRO\r                FAKE"
	p.Duties[0].Cover = nil // a warning naming the duty
	p.Absences = append(p.Absences, p.Absences...)
	p.Name = "\u202eatoR"
	r := coverage.Compute(p)
	got := escapeText(r)
	gp := got.Frame.Plan
	for _, s := range []string{gp.Persons[0].Name, gp.Duties[0].Title, gp.Name} {
		if strings.ContainsFunc(s, termtext.Bad) || !strings.Contains(s, `\u00`) && !strings.Contains(s, `\u202e`) {
			t.Errorf("not escaped: %q", s)
		}
	}
	for _, w := range got.Warnings {
		if strings.ContainsFunc(w.Message, termtext.Bad) {
			t.Errorf("warning not escaped: %q", w.Message)
		}
	}
	if r.Frame.Plan.Persons[0].Name != "Simon\x1b]0;pwned\x07" {
		t.Error("the store's result was changed")
	}
}

// TestAbsenceFormSaysWhatIsWrongWithTheText: a date written right that does
// not exist is said so, and a reason with a control character is refused
// as it is typed, before saving.
func TestAbsenceFormSaysWhatIsWrongWithTheText(t *testing.T) {
	m, src := newModel(t, 100, 30)
	press(m, "2", "a")
	typeText(m, "paul")
	press(m, "tab")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2023-02-29")
	mustContain(t, screen(m), "2023-02-29 does not exist: February 2023 has 28 days")
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, "2022-10-03")
	press(m, "tab", "tab")
	typeText(m, "sick \u202ekcis")
	mustContain(t, screen(m), "! has a bidirectional control")
	press(m, "ctrl+s")
	if h, _ := src.History(); m.modal == nil || len(h) != 1 {
		t.Errorf("a reason with a control character was saved (%d versions)", len(h))
	}
}
