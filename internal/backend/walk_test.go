package backend

import (
	"testing"

	"rota/internal/change"
	"rota/internal/report"
)

// Walking a history gives each version as loading it does, for a plan past a
// checkpoint and for a scenario, whose first versions are its plan's.
func TestWalkGivesEachVersionAsLoadDoes(t *testing.T) {
	s, ref := withCCCS(t)
	v := apply(t, s, ref, 1, absence("paul", "2022-10-03", "2022-10-14", "sick"))
	for i := 0; i < 55; i++ { // past the checkpoint at version 50
		who := "jo"
		if i%2 == 1 {
			who = "tracy"
		}
		v = apply(t, s, ref, v, change.SetPresence(d("2022-07-05"), who))
	}
	if _, err := s.NewScenario(ctx, "cccs", 20, "what", "ann"); err != nil {
		t.Fatal(err)
	}
	sc := Ref{Plan: "cccs", Scenario: "what"}
	apply(t, s, sc, 20, change.SetSPOC(m("2022-11"), "jo"))
	for _, c := range []struct {
		ref  Ref
		upto int
	}{{ref, v}, {sc, 21}} {
		n := 0
		err := s.Walk(ctx, c.ref, c.upto, func(w *Snapshot) error {
			n++
			if w.Version != n {
				t.Fatalf("%s: version %d where %d was due", c.ref, w.Version, n)
			}
			lref := c.ref
			if c.ref.Scenario != "" && n <= 20 {
				lref = ref
			}
			want, _ := report.JSON(load(t, s, lref, n).Report())
			got, _ := report.JSON(w.Report())
			if string(got) != string(want) {
				t.Fatalf("%s: version %d walks to another rota than it loads", c.ref, n)
			}
			return nil
		})
		if err != nil || n != c.upto {
			t.Fatalf("%s: walked %d versions of %d: %v", c.ref, n, c.upto, err)
		}
	}
	if err := s.Walk(ctx, ref, v+1, func(*Snapshot) error { return nil }); err == nil {
		t.Error("walking past the latest version is not refused")
	}
}
