package coverage_test

import (
	"testing"

	"rota/internal/coverage"
	"rota/internal/plan"
	"rota/internal/sample"
)

func benchCompute(b *testing.B, p *plan.Plan) {
	b.ReportAllocs()
	for b.Loop() {
		coverage.Compute(p)
	}
}

// BenchmarkCumbria computes the bundled reference plan, loading excluded.
func BenchmarkCumbria(b *testing.B) {
	p, err := plan.Load("../../configs/cumbria-cccs-2022.toml")
	if err != nil {
		b.Fatal(err)
	}
	benchCompute(b, p)
}

// BenchmarkDirectorateYear: 8 people, 150 duties, 200 absences, 20 events.
func BenchmarkDirectorateYear(b *testing.B) { benchCompute(b, sample.Plan(sample.DirectorateYear, 1)) }

// BenchmarkCouncilDecade: 20 people in the order, 3,000 duties, 10 years,
// 5,000 absences, 300 events. Target: under 200 ms and 100 MB allocated.
func BenchmarkCouncilDecade(b *testing.B) { benchCompute(b, sample.Plan(sample.CouncilDecade, 1)) }

// BenchmarkGrowth measures how the cost grows with the plan: ten times the
// duties (same ten years), and ten times the days (same 3,000 duties, with
// absences and events in proportion to the years). Each step of ten must
// cost at most twelve times as much. Scaling both at once multiplies the
// duty-days, and so the gaps to report, by a hundred.
func BenchmarkGrowth(b *testing.B) {
	decade := sample.CouncilDecade
	fewerDuties := decade
	fewerDuties.Duties /= 10
	oneYear := decade
	oneYear.Years, oneYear.Absences, oneYear.Events = 1, decade.Absences/10, decade.Events/10
	for _, c := range []struct {
		name string
		size sample.Size
	}{
		{"duties=300", fewerDuties},
		{"duties=3000", decade},
		{"years=1", oneYear},
		{"years=10", decade},
	} {
		p := sample.Plan(c.size, 1)
		b.Run(c.name, func(b *testing.B) { benchCompute(b, p) })
	}
}
