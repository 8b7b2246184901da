package backend

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"rota/internal/change"
	"rota/internal/diff"
)

// reasonRoles are the actors of the reasons tests, with whether each may
// read paul's reason: those who record absences, and paul himself.
var reasonRoles = []struct {
	actor Actor
	sees  bool
}{
	{Actor{Name: "mo", Role: RoleManager}, false},
	{Actor{Name: "tracy", Role: RoleAD, Person: "tracy"}, false},
	{Actor{Name: "ad", Role: RoleAD}, false}, // an AD with no person in the plan
	{Actor{Name: "paul", Role: RoleAD, Person: "paul"}, true},
	{Actor{Name: "pat", Role: RolePA}, true},
	{Local("ann"), true},
}

// TestReasonsByRole: after PA pat records paul's absence as "sick", every
// read an actor makes (Load, History, NextUndo, Watch's notice, Diff,
// Walk, a what-if's Try, a conflict) says why paul is away only to those
// who may read it (Actor.SeesReasonOf), and says that he is away to all.
func TestReasonsByRole(t *testing.T) {
	b, err := Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ref := Ref{Plan: "cccs"}
	if _, err := b.As(Local("ann")).Import(ctx, "cccs", "cccs.toml", reference(t), "", ""); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	watches := make([]<-chan Event, len(reasonRoles))
	for i, r := range reasonRoles {
		if watches[i], err = b.As(r.actor).Watch(wctx, "cccs"); err != nil {
			t.Fatal(err)
		}
	}
	pat := b.As(Actor{Name: "pat", Role: RolePA})
	if _, err := pat.Apply(ctx, ref, 1, absence("paul", "2022-10-03", "2022-10-14", "sick"), "", ""); err != nil {
		t.Fatal(err)
	}
	for i, r := range reasonRoles {
		t.Run(r.actor.Name, func(t *testing.T) {
			s := b.As(r.actor)
			var said []string // everything the reads handed out, as text
			ev := next(t, watches[i])
			said = append(said, "watch: "+ev.Change)
			if !strings.Contains(ev.Change, "absence: paul 2022-10-03 to 2022-10-14") {
				t.Errorf("notice %q does not say paul is away", ev.Change)
			}
			if ev.Logged != "absence: paul 2022-10-03 to 2022-10-14" {
				t.Errorf("what a log records: %q", ev.Logged)
			}
			snap, err := s.Load(ctx, ref, 0)
			if err != nil {
				t.Fatal(err)
			}
			said = append(said, fmt.Sprint(snap.Plan.Absences), fmt.Sprint(snap.Frame.Absences("paul")), fmt.Sprint(snap.Result.Frame.Absences("paul")))
			if a, ok := snap.Frame.Absence("paul", d("2022-10-05")); !ok || a.From != d("2022-10-03") {
				t.Errorf("the snapshot lost paul's absence: %+v", a)
			} else {
				said = append(said, a.Reason)
			}
			if !snap.Frame.Absent("paul", d("2022-10-05")) {
				t.Error("paul is not away in the snapshot")
			}
			h, err := s.History(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range h {
				said = append(said, v.Change.Describe(), v.Change.Reason, v.Change.String())
			}
			nu, _, err := s.NextUndo(ctx, ref)
			if err != nil {
				t.Fatal(err)
			}
			said = append(said, nu.Change.Describe())
			c, err := s.Diff(ctx, At{Ref: ref, Version: 1}, At{Ref: ref})
			if err != nil {
				t.Fatal(err)
			}
			said = append(said, strings.Join(c.Diff.Rules, "; "), c.To.Result.WhyAway(c.Diff.NewGaps[0], true))
			err = s.Walk(ctx, ref, 2, func(w *Snapshot) error {
				said = append(said, fmt.Sprint(w.Plan.Absences))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			tried, err := snap.Try(change.SetSPOC(m("2022-11"), "tracy"))
			if err != nil {
				t.Fatal(err)
			}
			said = append(said, fmt.Sprint(tried.Plan.Absences), fmt.Sprint(tried.Frame.Absences("paul")))
			if _, err := s.NewScenario(ctx, "cccs", 0, "w-"+r.actor.Name, ""); err == nil {
				wf, err := s.Load(ctx, Ref{Plan: "cccs", Scenario: "w-" + r.actor.Name}, 0)
				if err != nil {
					t.Fatal(err)
				}
				said = append(said, fmt.Sprint(wf.Plan.Absences))
			}
			if r.actor.may(ActEdit, "cccs") == nil || r.actor.Person == "paul" {
				// a change made on version 1 meets pat's: the refusal says what pat did
				_, err := s.Apply(ctx, ref, 1, absence("paul", "2022-11-07", "2022-11-07", ""), "", "")
				var ce *ConflictError
				if !errors.As(err, &ce) {
					t.Fatalf("a change on version 1: %v, want a conflict", err)
				}
				said = append(said, err.Error())
			}
			all := strings.Join(said, "\n")
			if got := strings.Contains(all, "sick"); got != r.sees {
				t.Errorf("%s (%s) sees the reason: %v, want %v:\n%s", r.actor.Name, r.actor.Role, got, r.sees, all)
			}
		})
	}
}

// WithoutReasons hands out no reason at all, even to those who may read
// them: the command line's reads unless --reasons is given.
func TestWithoutReasons(t *testing.T) {
	b := rolesFixture(t) // paul's absence recorded by ann as "sick"
	ref := Ref{Plan: "cccs"}
	for _, r := range reasonRoles {
		s := b.As(r.actor).WithoutReasons()
		snap, err := s.Load(ctx, ref, 0)
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.History(ctx, ref)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(snap.Plan.Absences, snap.Frame.Absences("paul"), h[len(h)-1].Change.Describe()); strings.Contains(got, "sick") {
			t.Errorf("%s: %s", r.actor.Name, got)
		}
		if full, _ := b.As(r.actor).Load(ctx, ref, 0); r.sees && full.Plan.Absences[0].Reason != "sick" {
			t.Errorf("%s: the session without reasons took them from the others", r.actor.Name)
		}
	}
}

// Sessions of one view are handed the same snapshot (the planner's shared
// caches key on it), and the version's own stays whole.
func TestReasonViewsShared(t *testing.T) {
	b := rolesFixture(t)
	ref := Ref{Plan: "cccs"}
	mgr := func() *Snapshot { return load(t, b.As(Actor{Name: "mo", Role: RoleManager}), ref, 2) }
	a, c := mgr(), mgr()
	if a.Result != c.Result || a.Frame != c.Frame {
		t.Error("two managers were handed different snapshots of one version")
	}
	// tracy has no reason of her own to read: she reads what a manager does.
	if tr := load(t, b.As(Actor{Name: "tracy", Role: RoleAD, Person: "tracy"}), ref, 2); tr.Result != a.Result {
		t.Error("an AD without reasons of their own was handed a copy of their own")
	}
	if pl := load(t, b.As(Actor{Name: "paul", Role: RoleAD, Person: "paul"}), ref, 2); pl.Result == a.Result || pl.Plan.Absences[0].Reason != "sick" {
		t.Error("paul was handed the manager's copy, without his own reason")
	}
	if full := load(t, b.As(Local("ann")), ref, 2); full.Plan.Absences[0].Reason != "sick" || full.Result == a.Result {
		t.Errorf("the admin's snapshot: %+v", full.Plan.Absences)
	}
}

// Every kind of change, as a reader who may not see its person's reason
// reads it, says no reason, however the reason is written.
func TestEveryKindWithoutReason(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		reason := rapid.StringMatching(`[a-z]{3,12}( [a-z]{2,8})?`).Draw(rt, "reason")
		for _, k := range change.Kinds() {
			c := change.Change{Kind: k, Person: "paul", Persons: []string{"jo"}, Date: d("2022-10-03"), To: d("2022-10-04"), Month: m("2022-10"), Other: m("2022-11"), Duty: "siro", Event: "cmt", Path: "p.toml", Of: 2, Reason: reason}
			seen := reasonView{own: "tracy"}.change(c)
			bare := c
			bare.Reason = ""
			for _, s := range []string{seen.Describe(), seen.String(), diff.AbsenceText(seen.Absence())} {
				if strings.Contains(s, "("+reason+")") || strings.Contains(s, `"`+reason+`"`) {
					rt.Fatalf("%s: %q says the reason %q", k, s, reason)
				}
			}
			if seen.Describe() != bare.Describe() || seen.String() != bare.String() {
				rt.Fatalf("%s: %q, %q: not as without a reason", k, seen.Describe(), seen.String())
			}
			if own := (reasonView{own: "paul"}).change(c); own.Reason != reason {
				rt.Fatalf("%s: paul's own reason was left out", k)
			}
		}
	})
}

// A what-if's change that no longer applies when it is moved onto the
// plan's latest version is named in the refusal, without a reason the one
// who moves it may not read.
func TestRebaseRefusalWithoutReason(t *testing.T) {
	b := rolesFixture(t)
	pat := b.As(Actor{Name: "pat", Role: RolePA})
	if _, err := pat.NewScenario(ctx, "cccs", 0, "away", ""); err != nil {
		t.Fatal(err)
	}
	w := Ref{Plan: "cccs", Scenario: "away"}
	if _, err := pat.Apply(ctx, w, 2, absence("tracy", "2022-11-07", "2022-11-08", "hospital"), "", ""); err != nil {
		t.Fatal(err)
	}
	// The plan's file renames tracy: her absence in the what-if names nobody.
	renamed := strings.ReplaceAll(string(reference(t)), `"tracy"`, `"tracy-b"`)
	if _, err := pat.Apply(ctx, Ref{Plan: "cccs"}, 2, change.Reimport("cccs.toml", []byte(renamed)), "", ""); err != nil {
		t.Fatal(err)
	}
	for _, r := range reasonRoles {
		if r.actor.may(ActScenario, "cccs") != nil {
			continue
		}
		_, _, err := b.As(r.actor).Rebase(ctx, "cccs", "away")
		if err == nil || !strings.Contains(err.Error(), "absent tracy 2022-11-07") {
			t.Fatalf("%s: rebase: %v", r.actor.Name, err)
		}
		if got := strings.Contains(err.Error(), "hospital"); got != r.actor.seesEveryReason() {
			t.Errorf("%s: %v", r.actor.Name, err)
		}
	}
}
