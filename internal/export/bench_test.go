package export

import (
	"io"
	"testing"
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
