package change

import (
	"errors"
	"fmt"
	"strings"

	"rota/internal/plan"
)

// RefusedError is a change that breaks the plan's rules, or cannot apply to
// it. Nothing was written. Problems says what is wrong and what would be
// right, one line each.
type RefusedError struct {
	Problems []string
}

func (e *RefusedError) Error() string { return strings.Join(e.Problems, "\n") }

// Refused returns a *RefusedError with one problem.
func Refused(format string, args ...any) error {
	return &RefusedError{Problems: []string{fmt.Sprintf(format, args...)}}
}

// UnchangedError is a change that would change nothing, such as setting a
// month's SPOC to who already leads it. No version is written: a history of
// no-ops would hide the real changes.
type UnchangedError struct {
	Msg string
}

func (e *UnchangedError) Error() string { return "nothing to change: " + e.Msg }

// AsRefused turns a plan's problems (plan.Problems) into a refusal, one
// line each; any other error into a refusal of one line.
func AsRefused(err error) error {
	if probs, ok := err.(plan.Problems); ok {
		r := &RefusedError{}
		for _, p := range probs {
			r.Problems = append(r.Problems, p.Error())
		}
		return r
	}
	return &RefusedError{Problems: []string{err.Error()}}
}

// Prefix names the change an error is about, for when several are applied
// together: each problem of a refusal starts with the change as typed, and
// a change that changes nothing becomes a refusal (one of several that
// does nothing is a mistake, not a no-op).
func Prefix(c Change, err error) error {
	var r *RefusedError
	if errors.As(err, &r) {
		out := &RefusedError{}
		for _, p := range r.Problems {
			out.Problems = append(out.Problems, c.String()+": "+p)
		}
		return out
	}
	var u *UnchangedError
	if errors.As(err, &u) {
		return Refused("%s: nothing to change: %s", c, u.Msg)
	}
	return err
}
