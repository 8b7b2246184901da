package backend

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rota/internal/change"
	"rota/internal/plan"
)

// TestOwnRecords: an AD accepts cover, acknowledges a handover and writes a
// handover note for themselves only; a PA may do so for anyone, and the
// record then says who made it; a manager may do none of it.
func TestOwnRecords(t *testing.T) {
	b := rolesFixture(t)
	ref := Ref{Plan: "cccs"}
	apply(t, b.As(Local("ann")), ref, 2, change.SetCover("siro-delegation", []string{"simon", "jo"}))
	simon := b.As(Actor{Name: "simon.higgins", Role: RoleAD, Person: "simon"})
	pa := b.As(Actor{Name: "pat", Role: RolePA})
	boss := b.As(Actor{Name: "max", Role: RoleManager})

	v, err := simon.Apply(ctx, ref, 3, change.AcceptCover("siro-delegation", "simon", 0, 0, ""), "", "")
	if err != nil {
		t.Fatalf("an AD accepting their own cover: %v", err)
	}
	_, err = simon.Apply(ctx, ref, v, change.AcceptCover("siro-delegation", "jo", 0, 0, ""), "", "")
	var f *ForbiddenError
	if !errors.As(err, &f) || f.Action != ActOwnRecord || f.Role != RoleAD {
		t.Fatalf("an AD accepting for someone else: %v, want refused as %q", err, ActOwnRecord)
	}
	if v, err = pa.Apply(ctx, ref, v, change.AcceptCover("siro-delegation", "jo", d("2022-10-03"), d("2022-10-14"), ""), "", ""); err != nil {
		t.Fatalf("a PA accepting on jo's behalf: %v", err)
	}
	if _, err = boss.Apply(ctx, ref, v, change.HandoverNote(m("2022-11"), "max", "hello", ""), "", ""); !errors.As(err, &f) {
		t.Fatalf("a manager writing a handover note: %v, want refused", err)
	}
	if v, err = simon.Apply(ctx, ref, v, change.HandoverAck(m("2022-11"), "simon", ""), "", ""); err != nil {
		t.Fatalf("November's SPOC acknowledging its handover: %v", err)
	}
	snap, err := simon.Load(ctx, ref, v)
	if err != nil {
		t.Fatal(err)
	}
	acc := snap.Plan.Acceptances
	if len(acc) != 2 || acc[0].By != "" || acc[1].Person != "jo" || acc[1].By != "pat" {
		t.Fatalf("acceptances %+v: want simon's own, then jo's recorded by pat", acc)
	}
	if h := snap.Plan.Handovers; len(h) != 1 || !h[0].Ack || h[0].Person != "simon" || h[0].By != "" {
		t.Fatalf("handovers %+v, want simon's acknowledgement", h)
	}
}

// TestWhoUsesTheVersionInForce: who held a duty on a date is read from the
// version written by the end of that date, not from later ones; a decision
// is checked against the same version, and refused with who held it.
func TestWhoUsesTheVersionInForce(t *testing.T) {
	var now time.Time
	s, err := openS(filepath.Join(t.TempDir(), "rota.db"), WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now = time.Date(2022, 9, 1, 9, 0, 0, 0, time.UTC)
	if _, err := s.Import(ctx, "cccs", "cccs.toml", reference(t), "ann", ""); err != nil {
		t.Fatal(err)
	}
	ref := Ref{Plan: "cccs"}
	now = time.Date(2022, 10, 10, 17, 0, 0, 0, time.UTC) // paul's absence recorded on the 10th
	apply(t, s, ref, 1, absence("paul", "2022-10-03", "2022-10-14", ""))

	w, err := s.Who(ctx, ref, "siro-delegation", d("2022-10-05"))
	if err != nil {
		t.Fatal(err)
	}
	if w.Version != 1 || w.Basis != BasisInForce || w.Holder != "paul" {
		t.Fatalf("5 Oct: %+v, want paul by version 1, in force", w)
	}
	if w, _ = s.Who(ctx, ref, "siro-delegation", d("2022-10-10")); w.Version != 2 || w.Holder != "" || w.Status != "nobody" {
		t.Fatalf("10 Oct: %+v, want nobody by version 2", w)
	}
	x := plan.Decision{Duty: "siro-delegation", Date: d("2022-10-11"), Person: "simon", Decision: "d", Reasons: "r"}
	_, _, err = s.RecordDecision(ctx, ref, x, "", "")
	var nh *NotHolderError
	if !errors.As(err, &nh) || nh.Held.Version != 2 || !strings.Contains(nh.Error(), "Paul Robinson (owner) away") {
		t.Fatalf("a decision by someone who did not hold it: %v", err)
	}
	x.Exception = "the Chief Executive's instruction"
	if _, _, err = s.RecordDecision(ctx, ref, x, "", ""); err != nil {
		t.Fatalf("the same as an exception: %v", err)
	}
}
