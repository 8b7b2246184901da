package main

import (
	"rota/internal/backend"
	"rota/internal/diff"
)

// The --json results of the commands that do not print a report's object.
// Field names are what scripts read; fields stand in alphabetical order,
// the order rota wrote them in when they were maps, so the bytes stay the
// same.

// savedNew is rota save's result for a new plan.
type savedNew struct {
	Gaps    int    `json:"gaps"`
	New     bool   `json:"new"`
	Plan    string `json:"plan"`
	Version int    `json:"version"`
}

// savedUnchanged is rota save's result when the file holds the plan's rules.
type savedUnchanged struct {
	Plan      string `json:"plan"`
	Unchanged bool   `json:"unchanged"`
	Version   int    `json:"version"`
}

// reimported is rota save's result for a re-import, written or not (--dry-run).
type reimported struct {
	Diff    diff.Diff `json:"diff"`
	Plan    string    `json:"plan"`
	Version int       `json:"version"`
	Written bool      `json:"written"`
}

// unchanged is the result of a change that changes nothing (rota edit,
// replan, scenario edit): Unchanged says why.
type unchanged struct {
	Plan      string `json:"plan"`
	Scenario  string `json:"scenario"`
	Unchanged string `json:"unchanged"`
	Version   int    `json:"version"`
}

// written is the result of rota edit, undo, replan --yes and scenario
// adopt: the new version and what it changed from the one it was made on.
type written struct {
	Diff     diff.Diff `json:"diff"`
	Plan     string    `json:"plan"`
	Scenario string    `json:"scenario"`
	Version  int       `json:"version"`
}

// replanPreview is rota replan's result without --yes.
type replanPreview struct {
	Diff     diff.Diff `json:"diff"`
	Plan     string    `json:"plan"`
	Scenario string    `json:"scenario"`
	Version  int       `json:"version"`
	Written  bool      `json:"written"`
}

// lineVersion names one version of a plan or scenario.
type lineVersion struct {
	Plan     string `json:"plan"`
	Scenario string `json:"scenario"`
	Version  int    `json:"version"`
}

// compared is rota diff's and scenario diff's result.
type compared struct {
	Diff diff.Diff   `json:"diff"`
	From lineVersion `json:"from"`
	To   lineVersion `json:"to"`
}

// rebased is rota scenario rebase's result: the scenario's new base and
// latest version.
type rebased struct {
	Base     int    `json:"base"`
	Plan     string `json:"plan"`
	Scenario string `json:"scenario"`
	Version  int    `json:"version"`
}

// renamed is rota scenario rename's result.
type renamed struct {
	Plan     string `json:"plan"`
	Scenario string `json:"scenario"`
	Was      string `json:"was"`
}

// dropped is rota scenario drop's result.
type dropped struct {
	Dropped  bool   `json:"dropped"`
	Plan     string `json:"plan"`
	Scenario string `json:"scenario"`
}

// logEntry is one version in rota log --json.
type logEntry struct {
	backend.VersionInfo
	What string `json:"what"`
}
