package backend

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"rota/internal/change"
)

// rolesFixture is a database with the Cumbria plan (admin "ann"), paul's
// absence recorded by ann, and a what-if "w" with one change.
func rolesFixture(t *testing.T) *Backend {
	t.Helper()
	b, err := Open(filepath.Join(t.TempDir(), "rota.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	admin := b.As(Local("ann"))
	if _, err := admin.Import(ctx, "cccs", "cccs.toml", reference(t), "", ""); err != nil {
		t.Fatal(err)
	}
	ref := Ref{Plan: "cccs"}
	apply(t, admin, ref, 1, absence("paul", "2022-10-03", "2022-10-14", "sick"))
	if _, err := admin.NewScenario(ctx, "cccs", 0, "w", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Apply(ctx, Ref{Plan: "cccs", Scenario: "w"}, 2, change.SetSPOC(m("2022-11"), "tracy"), "", ""); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestRoles tries every action as every role, each on a fresh database:
// what a role allows succeeds, what it does not is a *ForbiddenError that
// names the role and the action, and changes nothing.
func TestRoles(t *testing.T) {
	plan, what := Ref{Plan: "cccs"}, Ref{Plan: "cccs", Scenario: "w"}
	actions := []struct {
		name string
		act  Action // named in the refusal
		do   func(s *Session) error
	}{
		{"load", ActRead, func(s *Session) error { _, err := s.Load(ctx, plan, 0); return err }},
		{"history", ActRead, func(s *Session) error { _, err := s.History(ctx, plan); return err }},
		{"scenarios", ActRead, func(s *Session) error { _, err := s.Scenarios(ctx, "cccs"); return err }},
		{"diff", ActRead, func(s *Session) error {
			c, err := s.Diff(ctx, At{Ref: plan, Version: 1}, At{Ref: plan})
			if err == nil && len(c.Diff.NewGaps) == 0 {
				t.Error("paul's absence made no new gaps")
			}
			return err
		}},
		{"diff what-if", ActRead, func(s *Session) error {
			c, err := s.DiffFromBase(ctx, At{Ref: what})
			if err == nil && (c.From.Version != 2 || c.To.Version != 3) {
				t.Errorf("compared versions %d and %d, want 2 and 3", c.From.Version, c.To.Version)
			}
			return err
		}},
		{"import", ActImport, func(s *Session) error {
			_, err := s.Import(ctx, "other", "cccs.toml", reference(t), "", "")
			return err
		}},
		{"set a SPOC", ActEdit, func(s *Session) error {
			_, err := s.Apply(ctx, plan, 2, change.SetSPOC(m("2022-10"), "tracy"), "", "")
			return err
		}},
		{"replan", ActEdit, func(s *Session) error {
			_, err := s.Apply(ctx, plan, 2, change.Replan(d("2022-07-01")), "", "")
			return err
		}},
		{"record own absence", ActEdit, func(s *Session) error {
			_, err := s.Apply(ctx, plan, 2, absence("paul", "2022-12-05", "2022-12-05", ""), "", "")
			return err
		}},
		{"remove own absence", ActEdit, func(s *Session) error {
			_, err := s.Apply(ctx, plan, 2, change.RemoveAbsence("paul", d("2022-10-10"), d("2022-10-11")), "", "")
			return err
		}},
		{"record another's absence", ActEdit, func(s *Session) error {
			_, err := s.Apply(ctx, plan, 2, absence("jo", "2022-12-05", "2022-12-05", ""), "", "")
			return err
		}},
		{"undo", ActUndo, func(s *Session) error { _, err := s.Undo(ctx, plan, 2, "", ""); return err }},
		{"new what-if", ActScenario, func(s *Session) error { _, err := s.NewScenario(ctx, "cccs", 0, "mine", ""); return err }},
		{"edit what-if", ActScenario, func(s *Session) error {
			_, err := s.Apply(ctx, what, 3, change.SetBuddy(m("2022-12"), "simon"), "", "")
			return err
		}},
		{"undo in what-if", ActScenario, func(s *Session) error { _, err := s.Undo(ctx, what, 3, "", ""); return err }},
		{"keep what-if", ActScenario, func(s *Session) error { return s.Rename(ctx, "cccs", "w", "kept") }},
		{"drop what-if", ActScenario, func(s *Session) error { return s.Drop(ctx, "cccs", "w") }},
		{"adopt what-if", ActAdopt, func(s *Session) error { _, err := s.Adopt(ctx, "cccs", "w"); return err }},
		{"record under another name", ActRecordAsOther, func(s *Session) error {
			_, err := s.Apply(ctx, plan, 2, change.SetSPOC(m("2022-10"), "tracy"), "someone-else", "")
			return err
		}},
	}
	allowed := map[Role]map[string]bool{
		RoleAdmin: nil, // everything
		RolePA:    {"record under another name": false},
		RoleManager: {"load": true, "history": true, "scenarios": true, "diff": true, "diff what-if": true, "new what-if": true, "edit what-if": true,
			"undo in what-if": true, "keep what-if": true, "drop what-if": true},
		RoleAD: {"load": true, "history": true, "scenarios": true, "diff": true, "diff what-if": true, "record own absence": true, "remove own absence": true},
	}
	for _, role := range []Role{RoleAdmin, RolePA, RoleManager, RoleAD} {
		for _, a := range actions {
			t.Run(string(role)+"/"+a.name, func(t *testing.T) {
				b := rolesFixture(t)
				actor := Actor{Name: "paul", Role: role, Person: "paul"}
				want := true
				switch role {
				case RolePA:
					if v, ok := allowed[role][a.name]; ok {
						want = v
					}
				case RoleManager, RoleAD:
					want = allowed[role][a.name]
				}
				before, _ := b.As(Local("ann")).History(ctx, plan)
				err := a.do(b.As(actor))
				var f *ForbiddenError
				switch {
				case want && err != nil:
					t.Fatalf("refused: %v", err)
				case !want && !errors.As(err, &f):
					t.Fatalf("allowed (%v); want a refusal", err)
				case !want:
					if f.Role != role || f.Action != a.act || !strings.Contains(err.Error(), string(role)) || !strings.Contains(err.Error(), string(a.act)) {
						t.Errorf("refusal %q (%+v) does not name role %s and action %q", err, f, role, a.act)
					}
					after, _ := b.As(Local("ann")).History(ctx, plan)
					if len(after) != len(before) {
						t.Error("a refused action wrote a version")
					}
				}
			})
		}
	}
}

// TestActorPlans: an actor allowed some plans sees only those.
func TestActorPlans(t *testing.T) {
	b := rolesFixture(t)
	admin := b.As(Local("ann"))
	if _, err := admin.Import(ctx, "other", "cccs.toml", reference(t), "", ""); err != nil {
		t.Fatal(err)
	}
	s := b.As(Actor{Name: "mo", Role: RoleManager, Plans: []string{"other"}})
	list, err := s.Plans(ctx)
	if err != nil || len(list) != 1 || list[0].Name != "other" {
		t.Fatalf("plans %+v, %v; want only other", list, err)
	}
	var f *ForbiddenError
	if _, err := s.Load(ctx, Ref{Plan: "cccs"}, 0); !errors.As(err, &f) || !strings.Contains(err.Error(), "plan cccs") {
		t.Errorf("loading a plan not allowed: %v", err)
	}
	if _, err := s.Load(ctx, Ref{Plan: "other"}, 0); err != nil {
		t.Errorf("loading an allowed plan: %v", err)
	}
	if _, err := s.Watch(ctx, "cccs"); !errors.As(err, &f) {
		t.Errorf("watching a plan not allowed: %v", err)
	}
}
