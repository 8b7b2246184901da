package main

import (
	"fmt"
	"sort"
	"strings"

	"rota/internal/plan"
	"rota/internal/sample"
)

func init() {
	register(&command{
		name:    "sample",
		usage:   "[--size team|year|decade] [--seed N]",
		summary: "print a generated plan file, to try rota out or to test it at scale",
		detail: `The same size and seed always give the same plan. Sizes:
  team    4 in the rota, 30 duties, a year, 40 long absences
  year    8 in the rota, 150 duties, a year, 200 absences, 20 events
  decade  20 in the rota, 3,000 duties, ten years, 5,000 absences, 300 events`,
		run: runSample,
	})
}

func runSample(e *env, args []string) error {
	c := commands["sample"]
	fs := flags(c, e)
	size := fs.String("size", "team", "how large a plan: team, year or decade")
	seed := fs.Uint64("seed", 1, "which plan of that size")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := wantArgs(fs, c, pos, 0); err != nil {
		return err
	}
	s, ok := sample.Sizes[*size]
	if !ok {
		names := make([]string, 0, len(sample.Sizes))
		for n := range sample.Sizes {
			names = append(names, n)
		}
		sort.Strings(names)
		return badInput(fmt.Errorf("--size %q: use one of %s", *size, strings.Join(names, ", ")))
	}
	_, err = e.stdout.Write(plan.Encode(sample.Plan(s, *seed)))
	return err
}
