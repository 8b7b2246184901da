package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/plan"
	"rota/internal/sample"
)

type sampleOptions struct {
	e    *env
	size string
	seed uint64
}

func newSampleCmd(e *env) *cobra.Command {
	o := &sampleOptions{e: e}
	cmd := &cobra.Command{
		Use:   "sample [--size team|year|decade] [--seed N]",
		Short: "print a generated plan file, to try rota out or to test it at scale",
		Long: `The same size and seed always give the same plan. Sizes:
  team    4 in the rota, 30 duties, a year, 40 long absences
  year    8 in the rota, 150 duties, a year, 200 absences, 20 events
  decade  20 in the rota, 3,000 duties, ten years, 5,000 absences, 300 events`,
		Args: exactArgs(0),
		RunE: func(*cobra.Command, []string) error { return o.run() },
	}
	cmd.Flags().StringVar(&o.size, "size", "team", "how large a plan, `SIZE`: team, year or decade")
	cmd.Flags().Uint64Var(&o.seed, "seed", 1, "which plan of that size, a number `N`")
	_ = cmd.RegisterFlagCompletionFunc("size", cobra.FixedCompletions(sampleSizes(), cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func sampleSizes() []string {
	names := make([]string, 0, len(sample.Sizes))
	for n := range sample.Sizes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (o *sampleOptions) run() error {
	s, ok := sample.Sizes[o.size]
	if !ok {
		return badInput(fmt.Errorf("--size %q: use one of %s", o.size, strings.Join(sampleSizes(), ", ")))
	}
	_, err := dataOut(o.e.stdout).Write(plan.Encode(sample.Plan(s, o.seed)))
	return err
}
