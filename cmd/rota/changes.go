package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"rota/internal/backend"
	"rota/internal/change"
	"rota/internal/plan"
	"rota/internal/report"
)

// How rota edit, undo, replan and the scenario verbs write changes and say
// what they did.

// splitChanges reads CHANGE [+ CHANGE…] into changes, reading the file of
// a reimport.
func splitChanges(words []string, reason string) ([]change.Change, error) {
	var out []change.Change
	usedReason := false
	for i, w := range words {
		if w == "+" && (i == 0 || i == len(words)-1 || words[i-1] == "+") {
			return nil, badInput(errors.New("a + joins two changes: write a change on each side of it, e.g. spoc 2022-10 jo + buddy 2022-10 paul (see rota edit --help)"))
		}
	}
	for len(words) > 0 {
		n := len(words)
		for i, w := range words {
			if w == "+" {
				n = i
				break
			}
		}
		one := words[:n]
		words = words[min(n+1, len(words)):]
		r := ""
		if len(one) > 0 && one[0] == change.KindAbsent {
			r, usedReason = reason, true
		}
		c, err := change.Parse(one, r)
		if err != nil {
			return nil, badInput(fmt.Errorf("%v (see rota edit --help)", err))
		}
		if c.Kind == change.KindReimport {
			if c.Text, err = plan.ReadFile(c.Path); err != nil {
				return nil, badInput(err)
			}
			if c.Text, err = plan.Inline(c.Path, c.Text); err != nil {
				return nil, badInput(err)
			}
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, badInput(fmt.Errorf("no change given (see rota edit --help)"))
	}
	if reason != "" && !usedReason {
		return nil, badInput(fmt.Errorf("--reason goes with an absent change"))
	}
	return out, nil
}

// applyAndReport writes changes on t's version and shows what they did.
func applyAndReport(e *env, s *backend.Session, t target, changes []change.Change, who, note string, asJSON bool) error {
	v, err := s.ApplyAll(e.ctx, t.ref, t.version, changes, who, note)
	var un *change.UnchangedError
	if errors.As(err, &un) {
		if asJSON {
			return writeJSON(e.stdout, unchanged{Plan: t.ref.Plan, Scenario: t.ref.Scenario, Version: t.version, Unchanged: un.Msg})
		}
		fmt.Fprintf(e.stdout, "Nothing to change: %s. No version written.\n", un.Msg)
		return nil
	}
	if err != nil {
		return storeErr(err)
	}
	return reportVersions(e, s, t.ref, t.version, v, asJSON)
}

// reportVersions shows what versions after..v of a line changed.
func reportVersions(e *env, s *backend.Session, ref backend.Ref, before, v int, asJSON bool) error {
	c, err := s.Diff(e.ctx, backend.At{Ref: ref, Version: before}, backend.At{Ref: ref, Version: v})
	if err != nil {
		return storeErr(err)
	}
	a, b, d := c.From, c.To, c.Diff
	if asJSON {
		return writeJSON(e.stdout, written{Plan: ref.Plan, Scenario: ref.Scenario, Version: v, Diff: d})
	}
	h, err := s.History(e.ctx, ref)
	if err != nil {
		return storeErr(err)
	}
	for _, x := range h {
		if x.Number > before && x.Number <= v {
			fmt.Fprintf(e.stdout, "%s, version %d: %s\n", titleLine(ref), x.Number, x.Change.Describe())
		}
	}
	if d.Empty() {
		// Acceptances and handovers change no assignment and no gap: say
		// what they did to the unconfirmed cover, or nothing more.
		if ua, ub := len(a.Result.Unconfirmed), len(b.Result.Unconfirmed); ua != ub {
			fmt.Fprintf(e.stdout, "Unconfirmed cover: %d → %d duty-days (rota check lists them).\n", ua, ub)
			return nil
		}
		if onlyRecords(h, before, v) {
			return nil
		}
		if pinned := newlyPinned(a, b); len(pinned) > 0 {
			// Setting what the rota already had changes no day, but it is
			// no longer the optimiser's to move: say so, or "no
			// differences" reads as if nothing was written.
			fmt.Fprintf(e.stdout, "The rota is unchanged; now set by hand, so rota replan keeps it: %s.\n", strings.Join(pinned, ", "))
			return nil
		}
	}
	report.WriteDiff(e.stdout, a.Result, b.Result, d)
	writeSuggestions(e.stdout, b, nil, d.NewGaps)
	return nil
}

// newlyPinned lists the months and days that b has set by hand and a had not.
func newlyPinned(a, b *backend.Snapshot) []string {
	var out []string
	for m, who := range b.Pins.SPOC {
		if _, was := a.Pins.SPOC[m]; !was {
			out = append(out, fmt.Sprintf("SPOC of %s (%s)", m, who))
		}
	}
	for m, who := range b.Pins.Buddy {
		if _, was := a.Pins.Buddy[m]; !was {
			out = append(out, fmt.Sprintf("buddy of %s (%s)", m, who))
		}
	}
	for d, who := range b.Pins.Presence {
		if _, was := a.Pins.Presence[d]; !was {
			out = append(out, fmt.Sprintf("presence on %s (%s)", d, who))
		}
	}
	sort.Strings(out)
	return out
}

// onlyRecords reports whether versions after..v only record what people
// agreed (acceptances, handover notes and acknowledgements).
func onlyRecords(h []backend.VersionInfo, after, v int) bool {
	for _, x := range h {
		if x.Number <= after || x.Number > v {
			continue
		}
		switch x.Change.Kind {
		case change.KindCoverAccept, change.KindCoverDecline, change.KindHandoverNote, change.KindHandoverAck:
		default:
			return false
		}
	}
	return true
}
