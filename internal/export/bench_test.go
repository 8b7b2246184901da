package export

import (
	"io"
	"testing"

	"rota/internal/coverage"
	"rota/internal/sample"
)

// BenchmarkExport exports the Cumbria plan, with a fortnight's absence so
// that gaps and cover appear, in each format.
func BenchmarkExport(b *testing.B) {
	r := cumbria(b, "paul:2022-10-03:2022-10-14", "tracy:2022-10-03:2022-10-07")
	for _, c := range []struct {
		name   string
		format Format
		opt    Options
	}{
		{"ics", ICS, Options{Gaps: true}},
		{"ics-person", ICS, Options{Person: "paul", Gaps: true}},
		{"csv-days", CSV, Options{}},
		{"csv-duties", CSV, Options{Table: DutiesTable}},
		{"md", Markdown, Options{}},
		{"html", HTML, Options{}},
	} {
		b.Run(c.name, func(b *testing.B) {
			c.opt.Stamp = stamp
			n := len(export(b, c.format, r, c.opt))
			b.SetBytes(int64(n))
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, c.format, r, c.opt); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCouncilDecade exports the council decade (rota sample --size
// decade --seed 1: 3,000 duties over ten years) in each format, as one
// pass: the figures for memory are measured on the real binary with
// /usr/bin/time -v (README, Speed).
func BenchmarkCouncilDecade(b *testing.B) {
	r := coverage.Compute(sample.Plan(sample.CouncilDecade, 1))
	for _, f := range Formats {
		b.Run(string(f), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(io.Discard, f, r, Options{Stamp: stamp}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
