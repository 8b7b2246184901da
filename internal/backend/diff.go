package backend

import (
	"context"

	"rota/internal/diff"
)

// At names a version of a line: Version 0 is its latest.
type At struct {
	Ref     Ref
	Version int
}

// Comparison is what changed from one version to another: both, loaded,
// and their differences (rules, assignments, who acts, gaps).
type Comparison struct {
	From, To *Snapshot
	Diff     diff.Diff
}

// Diff compares two versions, of the same line or of any two lines the
// actor may read (a plan and its scenario, two plans).
func (s *Session) Diff(ctx context.Context, from, to At) (Comparison, error) {
	a, err := s.Load(ctx, from.Ref, from.Version)
	if err != nil {
		return Comparison{}, err
	}
	b, err := s.Load(ctx, to.Ref, to.Version)
	if err != nil {
		return Comparison{}, err
	}
	return Comparison{From: a, To: b, Diff: diff.Compare(a.Result, b.Result)}, nil
}

// DiffFromBase compares a scenario's version with the plan version it
// starts from: what the what-if changes.
func (s *Session) DiffFromBase(ctx context.Context, scenario At) (Comparison, error) {
	b, err := s.Load(ctx, scenario.Ref, scenario.Version)
	if err != nil {
		return Comparison{}, err
	}
	a, err := s.Load(ctx, Ref{Plan: scenario.Ref.Plan}, b.Base)
	if err != nil {
		return Comparison{}, err
	}
	return Comparison{From: a, To: b, Diff: diff.Compare(a.Result, b.Result)}, nil
}
