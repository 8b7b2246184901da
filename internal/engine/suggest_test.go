package engine

import (
	"testing"
	"time"

	"rota/internal/calendar"
	"rota/internal/plan"
)

func fourPersons(t *testing.T, absences ...plan.Absence) *plan.Plan {
	t.Helper()
	p := &plan.Plan{
		Name: "t", Start: calendar.NewDate(2022, time.October, 3), End: calendar.NewDate(2022, time.October, 28),
		Holidays: "none", Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		Persons: []plan.Person{{ID: "a", Name: "A", Rota: true}, {ID: "b", Name: "B", Rota: true},
			{ID: "c", Name: "C", Rota: true}, {ID: "d", Name: "D", Rota: true}},
		SPOC:     plan.SPOC{Buddy: plan.BuddyNext, MostlyAbsent: 0.5},
		Presence: plan.Presence{Enabled: true},
		Absences: absences,
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSuggestPresenceFewestDays(t *testing.T) {
	p := fourPersons(t)
	f := NewFrame(p)
	a := Assign(f, Fixed{})
	// Give b two extra days taken from c, then record a away on day 0.
	a.Presence[2], a.Presence[6] = "b", "b"
	day := f.Days[0]
	p.Absences = append(p.Absences, plan.Absence{Person: "a", From: day, To: day})
	f = NewFrame(p)
	// counts: a 5, b 7, c 3, d 5; a is away, so c (fewest) is suggested.
	if got := SuggestPresence(f, a, day); got != "c" {
		t.Errorf("suggested %q, want c (fewest presence days)", got)
	}
}

func TestSuggestPresenceTieGoesToRotation(t *testing.T) {
	day := calendar.NewDate(2022, time.October, 4) // day 1: plain rotation b
	p := fourPersons(t, plan.Absence{Person: "b", From: day, To: day})
	f := NewFrame(p)
	a := Assign(f, Fixed{Presence: map[calendar.Date]string{day: "b"}})
	for i := range a.Presence { // even counts so only the tie rule decides
		a.Presence[i] = []string{"a", "b", "c", "d"}[i%4]
	}
	if got := SuggestPresence(f, a, day); got != "c" {
		t.Errorf("suggested %q, want c: the next in the order after the day's own person", got)
	}
}

func TestSuggestPresenceNobody(t *testing.T) {
	day := calendar.NewDate(2022, time.October, 4)
	var away []plan.Absence
	for _, id := range []string{"a", "b", "c", "d"} {
		away = append(away, plan.Absence{Person: id, From: day, To: day})
	}
	f := NewFrame(fourPersons(t, away...))
	a := Assign(f, Fixed{})
	if got := SuggestPresence(f, a, day); got != "" {
		t.Errorf("suggested %q with everyone away", got)
	}
	if got := SuggestPresence(f, a, calendar.NewDate(2022, time.October, 8)); got != "" {
		t.Errorf("suggested %q for a Saturday", got)
	}
}
