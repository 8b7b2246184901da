package diff

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
	"rota/internal/plan"
	"rota/internal/plan/plantest"
)

func cccs(t *testing.T) *plan.Plan {
	t.Helper()
	text, err := os.ReadFile("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.Parse("cccs.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func date(y int, m time.Month, d int) calendar.Date { return calendar.NewDate(y, m, d) }

func TestSameRotaHasNoDifferences(t *testing.T) {
	p := cccs(t)
	r := coverage.Compute(p)
	if d := Compare(r, coverage.Compute(p.Clone())); !d.Empty() || d.Assignments() {
		t.Errorf("a plan differs from itself: %+v", d)
	}
}

// Keeping the assignment and recording an absence: nothing moves, the
// buddy acts instead, and the new gaps are exactly the absence's.
func TestAbsenceUnderASavedRota(t *testing.T) {
	p := cccs(t)
	before := coverage.Compute(p)
	q := p.Clone()
	q.Absences = append(q.Absences, plan.Absence{Person: "tracy", From: date(2022, 10, 3), To: date(2022, 10, 7), Reason: "sick"})
	f := engine.NewFrame(q)
	after := coverage.Evaluate(f, before.Assign)
	d := Compare(before, after)
	if !slices.Equal(d.Rules, []string{"absence added: tracy 2022-10-03 to 2022-10-07 (sick)"}) {
		t.Errorf("rules %q", d.Rules)
	}
	if d.Assignments() || len(d.Months) != 0 {
		t.Errorf("assignments moved: %+v", d.Months)
	}
	var acting []calendar.Date
	for _, x := range d.Days {
		if x.ActingSPOC == nil || x.Presence != nil || *x.ActingSPOC != (Change{From: "tracy", To: "simon"}) {
			t.Errorf("day %s: %+v %+v", x.Date, x.Presence, x.ActingSPOC)
			continue
		}
		acting = append(acting, x.Date)
	}
	if len(acting) != 5 || acting[0] != date(2022, 10, 3) || acting[4] != date(2022, 10, 7) {
		t.Errorf("simon acts on %v, want 3–7 Oct", acting)
	}
	if len(d.ResolvedGaps) != 0 {
		t.Errorf("resolved %v", d.ResolvedGaps)
	}
	for _, g := range d.NewGaps {
		if g.Date < date(2022, 10, 3) || g.Date > date(2022, 10, 7) || (g.Kind != coverage.KindDuty && g.Kind != coverage.KindPresence) {
			t.Errorf("unexpected new gap %+v", g)
		}
	}
	if len(d.NewGaps) == 0 {
		t.Error("tracy's duties have no cover: there must be new gaps")
	}
}

func TestLongerPeriodShowsNewMonthsAndDays(t *testing.T) {
	p := cccs(t)
	q := p.Clone()
	q.End = date(2023, 4, 30)
	d := Compare(coverage.Compute(p), coverage.Compute(q))
	if len(d.Months) != 1 || d.Months[0].Month != calendar.MonthOf(2023, 4) || d.Months[0].SPOC.From != "" || d.Months[0].SPOC.To == "" {
		t.Fatalf("months %+v", d.Months)
	}
	for _, x := range d.Days {
		if x.Date.Month() != calendar.MonthOf(2023, 4) || x.Presence == nil || x.Presence.From != "" {
			t.Errorf("day %s: %+v", x.Date, x.Presence)
		}
	}
	if !slices.Contains(d.Rules, "period: 2022-07-01 to 2023-03-31 → 2022-07-01 to 2023-04-30") {
		t.Errorf("rules %q", d.Rules)
	}
}

func TestRulesNameEachDifference(t *testing.T) {
	a := cccs(t)
	b := a.Clone()
	b.Name = "CCCS 2023"
	b.Holidays = "scotland"
	b.Closures = []calendar.Date{date(2022, 12, 28)}
	b.Workdays = b.Workdays[:4]
	b.Persons[0].Title = "Director"
	b.Persons = append(b.Persons, plan.Person{ID: "kim", Name: "Kim Lee", Rota: true})
	b.SPOC.Order = []string{"jo", "simon", "paul", "tracy"}
	b.SPOC.Buddy = plan.BuddyPrevious
	b.SPOC.MostlyAbsent = 0.25
	b.Presence.Enabled = false
	b.Duties[0].Owner = "paul"
	b.Duties[0].Cover = []string{"simon"}
	b.Duties[1].Statutory = true
	b.Duties = b.Duties[:len(b.Duties)-1]
	b.Absences = append(b.Absences, plan.Absence{Person: "jo", From: date(2022, 8, 1), To: date(2022, 8, 1)})
	b.Events[0].Dates = []calendar.Date{date(2022, 7, 6)}
	b.Events[0].Weekly = nil
	got := strings.Join(Rules(a, b), "\n")
	for _, want := range []string{
		`name: "CCCS distributed leadership 2022/23" → "CCCS 2023"`,
		"holidays: england-and-wales → scotland",
		"closure added: 2022-12-28",
		"working week: mon, tue, wed, thu, fri → mon, tue, wed, thu",
		`person jo: title "Assistant Director" → "Director"`,
		"person added: kim (Kim Lee)",
		"SPOC order: simon, jo, paul, tracy → jo, simon, paul, tracy",
		"buddy rule: next → previous",
		"mostly_absent: 0.5 → 0.25",
		"daily presence: enabled true → false",
		"duty cabinet-procurement-group: owner jo → paul",
		"duty cabinet-procurement-group: cover (none) → simon",
		"duty armed-forces-champion: statutory false → true",
		"duty removed: audit-assurance-committee (Audit and Assurance Committee responsibilities)",
		"absence added: jo 2022-08-01",
		"event dmt: date added: 2022-07-06",
		"event dmt: weekly mon → (none)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if back := strings.Join(Rules(b, a), "\n"); !strings.Contains(back, "person removed: kim (Kim Lee)") || !strings.Contains(back, "duty added: audit-assurance-committee") {
		t.Errorf("the reverse diff:\n%s", back)
	}
}

// Comparing B with A mirrors comparing A with B.
func TestCompareIsSymmetric(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := plantest.Plan(t)
		q := p.Clone()
		for i, n := 0, rapid.IntRange(0, 4).Draw(t, "more"); i < n; i++ {
			from := q.Start.AddDays(rapid.IntRange(0, int(q.End-q.Start)).Draw(t, "from"))
			q.Absences = append(q.Absences, plan.Absence{Person: rapid.SampledFrom(q.PersonIDs()).Draw(t, "who"), From: from, To: from.AddDays(rapid.IntRange(0, 30).Draw(t, "days"))})
		}
		a, b := coverage.Compute(p), coverage.Compute(q)
		ab, ba := Compare(a, b), Compare(b, a)
		if !slices.Equal(ab.NewGaps, ba.ResolvedGaps) || !slices.Equal(ab.ResolvedGaps, ba.NewGaps) || len(ab.Days) != len(ba.Days) || len(ab.Months) != len(ba.Months) {
			t.Fatal("the two directions disagree")
		}
		if len(q.Absences) == len(p.Absences) && !ab.Empty() {
			t.Fatal("equal plans differ")
		}
		for _, g := range ab.NewGaps {
			if slices.Contains(a.Gaps, g) || !slices.Contains(b.Gaps, g) {
				t.Fatalf("new gap %+v is not only in B", g)
			}
		}
	})
}

// An address set, changed or removed is a difference of its own, though it
// moves no assignment: a re-import that only adds emails is not "No
// differences".
func TestEmailChangesAreNamed(t *testing.T) {
	a := cccs(t)
	b := a.Clone()
	i := slices.IndexFunc(b.Persons, func(x plan.Person) bool { return x.ID == "simon" })
	b.Persons[i].Email = "simon.higgins@example.gov.uk"
	d := Compare(coverage.Compute(a), coverage.Compute(b))
	if d.Empty() || d.Assignments() || !slices.Equal(d.Rules, []string{"email of simon set: simon.higgins@example.gov.uk"}) {
		t.Fatalf("an email added: rules %q, empty %v", d.Rules, d.Empty())
	}
	if got := Rules(b, a); !slices.Equal(got, []string{"email of simon removed (was simon.higgins@example.gov.uk)"}) {
		t.Errorf("an email removed: %q", got)
	}
	c := b.Clone()
	c.Persons[i].Email = "s.higgins@example.gov.uk"
	if got := Rules(b, c); !slices.Equal(got, []string{"email of simon: simon.higgins@example.gov.uk → s.higgins@example.gov.uk"}) {
		t.Errorf("an email changed: %q", got)
	}
}
