package backend

import (
	"errors"
	"testing"

	"rota/internal/plan"
)

// TestDecisionRoles: through the backend, an AD records decisions only for
// themselves; a PA records one on an AD's behalf and the register says the
// PA made it; a manager may record none; a refusal writes nothing.
func TestDecisionRoles(t *testing.T) {
	b := rolesFixture(t)
	ref := Ref{Plan: "cccs"}
	paul := b.As(Actor{Name: "paul.robinson", Role: RoleAD, Person: "paul"})
	simon := b.As(Actor{Name: "simon.higgins", Role: RoleAD, Person: "simon"})
	pa := b.As(Actor{Name: "pat", Role: RolePA})
	boss := b.As(Actor{Name: "max", Role: RoleManager})
	// Paul, the SIRO delegation's owner, is back from 17 October.
	x := plan.Decision{Duty: "siro-delegation", Date: d("2022-10-17"), Person: "paul", Decision: "exempt the ICT contract", Reasons: "sole supplier"}

	latest := func() *Snapshot {
		t.Helper()
		snap, err := pa.Load(ctx, ref, 0)
		if err != nil {
			t.Fatal(err)
		}
		return snap
	}
	before := latest().Version
	var f *ForbiddenError
	if _, _, err := simon.RecordDecision(ctx, ref, x, "", ""); !errors.As(err, &f) || f.Role != RoleAD || f.Action != ActOwnRecord {
		t.Fatalf("an AD recording paul's decision: %v, want refused as %q", err, ActOwnRecord)
	}
	if _, _, err := boss.RecordDecision(ctx, ref, x, "", ""); !errors.As(err, &f) || f.Role != RoleManager {
		t.Fatalf("a manager recording a decision: %v, want refused", err)
	}
	if got := latest(); got.Version != before || len(got.Plan.Decisions) != 0 {
		t.Fatalf("refusals wrote version %d with %d decisions, want version %d and none", got.Version, len(got.Plan.Decisions), before)
	}
	if _, _, err := paul.RecordDecision(ctx, ref, x, "", ""); err != nil {
		t.Fatalf("an AD recording their own decision: %v", err)
	}
	x.Decision = "report the breach to the ICO"
	if _, _, err := pa.RecordDecision(ctx, ref, x, "", ""); err != nil {
		t.Fatalf("a PA recording paul's decision: %v", err)
	}
	got := latest().Plan.Decisions
	if len(got) != 2 || got[0].Person != "paul" || got[0].By != "" || got[1].Person != "paul" || got[1].By != "pat" {
		t.Fatalf("register %+v: want paul's own, then paul's recorded by pat", got)
	}
}
