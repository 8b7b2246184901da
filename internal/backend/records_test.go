package backend

import (
	"errors"
	"testing"

	"rota/internal/change"
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
