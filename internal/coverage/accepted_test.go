package coverage_test

import (
	"testing"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/plan"
)

// withAcceptances adds random accepted_cover flags and acceptances to a
// random plan, and sometimes turns acceptance off for the whole plan.
func withAcceptances(t *rapid.T, p *plan.Plan) *plan.Plan {
	span := int(p.End - p.Start)
	for i := range p.Duties {
		p.Duties[i].AcceptedCover = rapid.Bool().Draw(t, "acceptedCover")
	}
	for _, du := range p.Duties {
		for _, c := range du.Cover {
			switch rapid.IntRange(0, 2).Draw(t, "acceptance") {
			case 1:
				p.Acceptances = append(p.Acceptances, plan.Acceptance{Duty: du.ID, Person: c})
			case 2:
				from := p.Start.AddDays(rapid.IntRange(-3, span).Draw(t, "from"))
				p.Acceptances = append(p.Acceptances, plan.Acceptance{Duty: du.ID, Person: c, From: from, To: from.AddDays(rapid.IntRange(0, 15).Draw(t, "len"))})
			}
		}
	}
	p.AcceptanceOff = rapid.IntRange(0, 4).Draw(t, "off") == 0
	if err := p.Validate(); err != nil {
		t.Fatalf("generated an invalid plan: %v", err)
	}
	return p
}

// accepted restates an acceptance from the plan's entries alone.
func accepted(p *plan.Plan, duty, who string, d calendar.Date) bool {
	for _, a := range p.Acceptances {
		if a.Duty == duty && a.Person == who && ((a.From == 0 && a.To == 0) || (a.From <= d && d <= a.To)) {
			return true
		}
	}
	return false
}

// TestUnconfirmedCoverMatchesADayByDayReading: for every duty and working
// day, who holds it and whether the day is unconfirmed cover agree with
// section 5 read literally: the owner when present; else the first
// available cover who accepted (or any available cover when the duty needs
// no acceptance); else, if any cover is available, unconfirmed; else a gap.
// Gaps are those of the plan read without acceptances: acceptance never
// opens or closes a gap.
func TestUnconfirmedCoverMatchesADayByDayReading(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := withAcceptances(t, randomPlan(t))
		r := coverage.Compute(p)
		var want []coverage.UnconfirmedCover
		for _, d := range r.Frame.Days {
			for _, du := range sortedDuties(p) {
				need := !p.AcceptanceOff && (du.Statutory || du.AcceptedCover)
				wantWho, wantSt := "", coverage.Nobody
				if !absent(p, du.Owner, d) {
					wantWho, wantSt = du.Owner, coverage.Held
				} else {
					candidate := ""
					for _, c := range du.Cover {
						if absent(p, c, d) {
							continue
						}
						if !need || accepted(p, du.ID, c, d) {
							wantWho, wantSt = c, coverage.Held
							break
						}
						if candidate == "" {
							candidate = c
						}
					}
					if wantSt == coverage.Nobody && candidate != "" {
						wantWho, wantSt = candidate, coverage.Unconfirmed
					}
				}
				who, st := r.HolderStatus(du.ID, d)
				if who != wantWho || st != wantSt {
					t.Fatalf("%s on %s: got %q %s, want %q %s", du.ID, d, who, st, wantWho, wantSt)
				}
				if r.IsUnconfirmed(du.ID, d) != (wantSt == coverage.Unconfirmed) {
					t.Fatalf("%s on %s: IsUnconfirmed disagrees with %s", du.ID, d, wantSt)
				}
				if (first(p, du.Chain(), d) == "") != (wantSt == coverage.Nobody) {
					t.Fatalf("%s on %s: a gap by the chain disagrees with %s", du.ID, d, wantSt)
				}
				if wantSt == coverage.Unconfirmed {
					want = append(want, coverage.UnconfirmedCover{Date: d, Duty: du.ID, Person: wantWho})
				}
			}
		}
		if len(want) != len(r.Unconfirmed) {
			t.Fatalf("%d days of unconfirmed cover, want %d", len(r.Unconfirmed), len(want))
		}
		for i := range want {
			if r.Unconfirmed[i] != want[i] {
				t.Fatalf("unconfirmed %d: got %+v, want %+v", i, r.Unconfirmed[i], want[i])
			}
		}
		for _, du := range p.Duties {
			if n := len(r.UnconfirmedDays(du.ID)); n != r.UnconfirmedCount(du.ID) {
				t.Fatalf("%s: %d unconfirmed days listed, %d counted", du.ID, n, r.UnconfirmedCount(du.ID))
			}
		}
		for _, d := range r.Frame.Days {
			for _, u := range r.UnconfirmedOn(d) {
				if u.Date != d {
					t.Fatalf("UnconfirmedOn(%s) gave %+v", d, u)
				}
			}
		}
	})
}

func sortedDuties(p *plan.Plan) []plan.Duty {
	out := append([]plan.Duty(nil), p.Duties...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].ID < out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestStatutoryCoverNeedsAcceptance is the example a PA meets first: Paul,
// owner of the SIRO delegation, is away; Simon covers it but has not
// accepted, so those days are unconfirmed cover, not gaps; once Simon
// accepts the first week, that week is held by him.
func TestStatutoryCoverNeedsAcceptance(t *testing.T) {
	p, err := plan.Parse("siro.toml", []byte(`
[plan]
name = "t"
start = 2022-10-03
end = 2022-10-14
[[person]]
id = "paul"
name = "Paul"
[[person]]
id = "simon"
name = "Simon"
[[duty]]
id = "siro"
title = "SIRO"
owner = "paul"
cover = ["simon"]
statutory = true
[[absence]]
person = "paul"
from = 2022-10-03
to = 2022-10-14
[[acceptance]]
duty = "siro"
person = "simon"
from = 2022-10-03
to = 2022-10-07
by = "pa"
`))
	if err != nil {
		t.Fatal(err)
	}
	r := coverage.Compute(p)
	if len(r.Gaps) != 0 {
		t.Fatalf("gaps %v, want none", r.Gaps)
	}
	if len(r.Unconfirmed) != 5 || r.Unconfirmed[0].Date.String() != "2022-10-10" || r.Unconfirmed[0].Person != "simon" {
		t.Fatalf("unconfirmed %+v, want the second week, simon", r.Unconfirmed)
	}
	if who, st := r.HolderStatus("siro", calendar.NewDate(2022, 10, 5)); who != "simon" || st != coverage.Held {
		t.Fatalf("5 Oct: %s %s, want simon held", who, st)
	}
	found := false
	for _, w := range r.Warnings {
		found = found || (w.Kind == "unconfirmed-cover" && w.ID == "siro" && w.Severity == coverage.Critical)
	}
	if !found {
		t.Fatalf("no unconfirmed-cover warning: %+v", r.Warnings)
	}
	p.AcceptanceOff = true
	if r := coverage.Compute(p); len(r.Unconfirmed) != 0 {
		t.Fatalf("cover_acceptance = false still reports %+v", r.Unconfirmed)
	}
}

// TestWhoMatchesADayByDayReading: rota who's answer, for every duty and
// every date of the plan (working or not), names the holder a literal
// reading of section 5 gives, and its chain says who was away and who had
// accepted.
func TestWhoMatchesADayByDayReading(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := withAcceptances(t, randomPlan(t))
		r := coverage.Compute(p)
		for d := p.Start; d <= p.End; d++ {
			for _, du := range p.Duties {
				w, ok := r.Who(du.ID, d)
				if !ok {
					t.Fatalf("no answer for %s", du.ID)
				}
				need := !p.AcceptanceOff && (du.Statutory || du.AcceptedCover)
				holder, candidate := "", ""
				if !absent(p, du.Owner, d) {
					holder = du.Owner
				} else {
					for _, c := range du.Cover {
						if absent(p, c, d) {
							continue
						}
						if !need || accepted(p, du.ID, c, d) {
							holder = c
							break
						}
						if candidate == "" {
							candidate = c
						}
					}
					if holder != "" {
						candidate = ""
					}
				}
				if w.Holder != holder || w.Candidate != candidate {
					t.Fatalf("%s on %s: holder %q candidate %q, want %q %q", du.ID, d, w.Holder, w.Candidate, holder, candidate)
				}
				if len(w.Chain) != 1+len(du.Cover) {
					t.Fatalf("%s: chain of %d, want %d", du.ID, len(w.Chain), 1+len(du.Cover))
				}
				for i, s := range w.Chain {
					if s.Person != du.Chain()[i] || s.Away != absent(p, s.Person, d) {
						t.Fatalf("%s on %s: step %d %+v", du.ID, d, i, s)
					}
					if i > 0 && need != (s.Accepted != nil) || (s.Accepted != nil && *s.Accepted != accepted(p, du.ID, s.Person, d)) {
						t.Fatalf("%s on %s: step %d acceptance %+v", du.ID, d, i, s)
					}
				}
				if w.Reason(func(s string) string { return s }) == "" {
					t.Fatal("no reason")
				}
			}
		}
	})
}
