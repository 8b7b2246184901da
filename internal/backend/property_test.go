package backend

import (
	"errors"
	"fmt"
	"reflect"
	"rota/internal/change"
	"testing"

	"pgregory.net/rapid"

	"rota/internal/calendar"
	"rota/internal/plan"
	"rota/internal/plan/plantest"
)

// drawChange draws a change that may or may not suit the plan: the store
// must refuse the ones that do not, and apply the others exactly.
func drawChange(t *rapid.T, snap *Snapshot) change.Change {
	p, f := snap.Plan, snap.Frame
	person := func(label string) string {
		return rapid.SampledFrom(append(p.PersonIDs(), "nobody")).Draw(t, label)
	}
	month := rapid.SampledFrom(f.Months).Draw(t, "month")
	date := func(label string) calendar.Date {
		return p.Start.AddDays(rapid.IntRange(-3, int(p.End-p.Start)+3).Draw(t, label))
	}
	day := date("date")
	if len(f.Days) > 0 && rapid.Bool().Draw(t, "working") {
		day = rapid.SampledFrom(f.Days).Draw(t, "day")
	}
	kinds := []string{change.KindSPOC, change.KindSwap, change.KindBuddy, change.KindPresent, change.KindAbsent, change.KindAbsent, change.KindUnabsent,
		change.KindOwner, change.KindCover, change.KindEventDate, change.KindNoEventDate, change.KindUnpin, change.KindReplan, change.KindReimport}
	switch kind := rapid.SampledFrom(kinds).Draw(t, "kind"); kind {
	case change.KindSPOC:
		return change.SetSPOC(month, person("who"))
	case change.KindSwap:
		return change.Swap(month, rapid.SampledFrom(f.Months).Draw(t, "other"))
	case change.KindBuddy:
		return change.SetBuddy(month, person("who"))
	case change.KindPresent:
		return change.SetPresence(day, person("who"))
	case change.KindAbsent:
		return change.AddAbsence(plan.Absence{Person: person("who"), From: day, To: day.AddDays(rapid.IntRange(-1, 20).Draw(t, "len")),
			Reason: rapid.SampledFrom([]string{"", "leave", "sick \"flu\""}).Draw(t, "reason")})
	case change.KindUnabsent:
		return change.RemoveAbsence(person("who"), day, day.AddDays(rapid.IntRange(0, 10).Draw(t, "len")))
	case change.KindOwner, change.KindCover:
		duty := "none"
		if len(p.Duties) > 0 {
			duty = rapid.SampledFrom(p.Duties).Draw(t, "duty").ID
		}
		if kind == change.KindOwner {
			return change.SetOwner(duty, person("who"))
		}
		return change.SetCover(duty, rapid.SliceOfN(rapid.SampledFrom(p.PersonIDs()), 0, 3).Draw(t, "cover"))
	case change.KindEventDate, change.KindNoEventDate:
		event := "none"
		if len(p.Events) > 0 {
			e := rapid.SampledFrom(p.Events).Draw(t, "event")
			event = e.ID
			if kind == change.KindNoEventDate && len(e.Dates) > 0 {
				day = rapid.SampledFrom(e.Dates).Draw(t, "edate")
			}
		}
		return change.Change{Kind: kind, Event: event, Date: day}
	case change.KindUnpin:
		if rapid.Bool().Draw(t, "unpin-month") {
			return change.UnpinMonth(month)
		}
		return change.UnpinDay(day)
	case change.KindReplan:
		return change.Replan(date("from"))
	default:
		q := p.Clone()
		q.End = q.End.AddDays(rapid.IntRange(-40, 60).Draw(t, "end"))
		if rapid.Bool().Draw(t, "reimport-absence") {
			q.Absences = append(q.Absences, plan.Absence{Person: q.Persons[0].ID, From: q.Start, To: q.Start})
		}
		return change.Reimport("changed.toml", plan.Encode(q))
	}
}

// Random changes on random plans: each accepted change loads back exactly
// as it was computed; absences and duty changes never move an assignment;
// undoing every change restores every earlier version in turn; and refused
// changes write nothing.
func TestRandomHistoriesReplayAndUndo(t *testing.T) {
	s := newStore(t)
	n := 0
	rapid.Check(t, func(t *rapid.T) {
		n++
		ref := Ref{Plan: fmt.Sprintf("p%d", n)}
		if _, err := s.Import(ctx, ref.Plan, "gen.toml", plan.Encode(plantest.Plan(t)), "ann", ""); err != nil {
			t.Fatal(err)
		}
		snap := load(t, s, ref, 1)
		states := []string{fingerprint(snap.st)}
		for i, steps := 0, rapid.IntRange(1, 15).Draw(t, "steps"); i < steps; i++ {
			c := drawChange(t, snap)
			tried, tryErr := snap.Try(c)
			v, err := s.Apply(ctx, ref, snap.Version, c, "ann", "")
			if (err == nil) != (tryErr == nil) {
				t.Fatalf("%s: Apply says %v, Try says %v", c, err, tryErr)
			}
			var r *change.RefusedError
			var u *change.UnchangedError
			switch {
			case errors.As(err, &r), errors.As(err, &u):
				if h, _ := s.History(ctx, ref); len(h) != snap.Version {
					t.Fatalf("%s was refused but wrote a version", c)
				}
				continue
			case err != nil:
				t.Fatalf("%s: %v", c, err)
			}
			next := load(t, s, ref, v)
			if fingerprint(next.st) != fingerprint(tried.st) {
				t.Fatalf("%s: version %d loads differently from how it was computed", c, v)
			}
			switch c.Kind {
			case change.KindAbsent, change.KindUnabsent, change.KindOwner, change.KindCover, change.KindEventDate, change.KindNoEventDate:
				if !reflect.DeepEqual(snap.Result.Assign, next.Result.Assign) {
					t.Fatalf("%s moved assignments", c)
				}
			}
			snap = next
			states = append(states, fingerprint(snap.st))
		}
		for k := len(states) - 2; k >= 0; k-- {
			v, err := s.Undo(ctx, ref, snap.Version, "ann", "")
			if err != nil {
				t.Fatalf("undo back to state %d: %v", k, err)
			}
			snap = load(t, s, ref, v)
			if fingerprint(snap.st) != states[k] {
				t.Fatalf("undo did not restore state %d", k)
			}
		}
		if _, err := s.Undo(ctx, ref, snap.Version, "ann", ""); !isRefused(err) {
			t.Fatalf("undo past the import: %v", err)
		}
	})
}
