// Package report turns an evaluated rota into what people and scripts read:
// the spec's JSON, the paper-style plan, the gap summary and a person's own
// plan. It writes text; it knows nothing of terminals.
package report

import (
	"encoding/json"

	"rota/internal/calendar"
	"rota/internal/coverage"
	"rota/internal/engine"
)

// Plan is the JSON object of `rota plan --json` (configs/plan-format.md section 7).
// Saved plans add the fields marked omitempty.
type Plan struct {
	Plan     string             `json:"plan,omitempty"`    // saved plans: the plan's name in the store
	Version  int                `json:"version,omitempty"` // saved plans: the version shown
	Scenario string             `json:"scenario,omitempty"`
	Name     string             `json:"name"`
	Start    calendar.Date      `json:"start"`
	End      calendar.Date      `json:"end"`
	Months   []Month            `json:"months"`
	Days     []Day              `json:"days"`
	Gaps     []coverage.Gap     `json:"gaps"`
	Totals   *Totals            `json:"totals,omitempty"` // the gaps counted in each unit (see Totals); always set by NewPlan
	Warnings []coverage.Warning `json:"warnings"`
	// UnconfirmedCover lists the days a duty falls to cover that has not
	// been accepted (sections 5 and 7); [] when none. A pointer only so
	// that a test comparing with output from before it can leave it out.
	UnconfirmedCover *[]coverage.UnconfirmedCover `json:"unconfirmed_cover,omitempty"`
}

// Month is one month of the SPOC rota.
type Month struct {
	Month       calendar.Month `json:"month"`
	SPOC        string         `json:"spoc"`
	Buddy       string         `json:"buddy"`
	WorkingDays int            `json:"working_days"`
	GapDays     int            `json:"gap_days"`
	Pinned      *bool          `json:"pinned,omitempty"` // saved plans: set by an explicit change
}

// Day is one working day.
type Day struct {
	Date       calendar.Date `json:"date"`
	Presence   *string       `json:"presence"`
	ActingSPOC *string       `json:"acting_spoc"`
	Pinned     *bool         `json:"pinned,omitempty"`
	// PresenceAway is true when the person in Presence is recorded away
	// that day (a saved rota keeps them): the day is a presence gap, and
	// SuggestedPresence, when someone is available, is who could be present.
	PresenceAway      bool    `json:"presence_away,omitempty"`
	SuggestedPresence *string `json:"suggested_presence,omitempty"`
}

// NewPlan builds the JSON object of an evaluated rota.
func NewPlan(r *coverage.Result) Plan {
	f := r.Frame
	out := Plan{
		Name:     f.Plan.Name,
		Start:    f.Plan.Start,
		End:      f.Plan.End,
		Months:   make([]Month, len(f.Months)),
		Days:     make([]Day, len(f.Days)),
		Gaps:     r.Gaps,
		Totals:   new(Count(r, r.Gaps)),
		Warnings: r.Warnings,
	}
	if out.Gaps == nil {
		out.Gaps = []coverage.Gap{}
	}
	if out.Warnings == nil {
		out.Warnings = []coverage.Warning{}
	}
	unconf := r.Unconfirmed
	if unconf == nil {
		unconf = []coverage.UnconfirmedCover{}
	}
	out.UnconfirmedCover = &unconf
	for i, m := range f.Months {
		out.Months[i] = Month{Month: m, SPOC: r.Assign.SPOC[i], Buddy: r.Assign.Buddy[i],
			WorkingDays: len(f.MonthDays(i)), GapDays: r.GapDays(i)}
	}
	for k, d := range f.Days {
		out.Days[k] = Day{Date: d, Presence: nullable(r.Assign.Presence[k]), ActingSPOC: nullable(r.Acting[k])}
		if r.PresenceAway(k) {
			out.Days[k].PresenceAway = true
			out.Days[k].SuggestedPresence = nullable(engine.SuggestPresence(f, r.Assign, d))
		}
	}
	return out
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// JSON encodes v indented, with a final newline, as the CLI prints it.
func JSON(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
