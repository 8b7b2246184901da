package report

import (
	"testing"

	"pgregory.net/rapid"

	"rota/internal/coverage"
	"rota/internal/sample"
)

// whyAway says what coverage.Result.WhyAway says, with and without the
// reasons, for every gap of generated plans.
func TestWhyAwayIsResultsWhyAway(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		seed := rapid.Uint64().Draw(t, "seed")
		r := coverage.Compute(sample.Plan(sample.Team, seed))
		for _, g := range r.Gaps {
			for _, reasons := range []bool{false, true} {
				who, why := whyAway(r, g, reasons)
				if want := r.WhyAway(g, false); who != want {
					t.Fatalf("%+v: who %q, want %q", g, who, want)
				}
				if want := r.WhyAway(g, reasons); why != want {
					t.Fatalf("%+v reasons=%v: why %q, want %q", g, reasons, why, want)
				}
			}
		}
	})
}
