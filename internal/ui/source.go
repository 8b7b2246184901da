package ui

import (
	"errors"
	"time"

	"rota/internal/calendar"
	"rota/internal/change"
	"rota/internal/coverage"
)

// Source is where the planner reads a plan and saves its changes; FromBackend
// gives one on a saved plan. The views see snapshots and
// versions in the planner's terms, not the store's API; changes are the
// change language's own (package change), as the command line's. Every call may be
// slow (disk, recomputing the rota), so the planner makes them in tea.Cmds
// and never while drawing.
type Source interface {
	// Current returns the plan's latest version.
	Current() (*Snapshot, error)
	// At returns an earlier version, to read.
	At(version int) (*Snapshot, error)
	// Apply saves c as a new version on top of on (a version of the plan, or
	// a scenario). A change the rules refuse returns an error and saves
	// nothing; a plan that moved on since on was read returns an error that
	// wraps ErrConflict.
	Apply(on *Snapshot, c change.Change) (*Snapshot, error)
	// Undo saves a version that reverts the last change made before on.
	Undo(on *Snapshot) (*Snapshot, error)
	// History lists the plan's versions, oldest first.
	History() ([]Version, error)

	// Scenarios lists the saved what-ifs.
	Scenarios() ([]ScenarioInfo, error)
	// NewScenario starts a what-if called name on the version on.
	NewScenario(on *Snapshot, name string) (*Snapshot, error)
	// OpenScenario returns a saved what-if's latest state.
	OpenScenario(name string) (*Snapshot, error)
	// RenameScenario keeps a what-if under a new name.
	RenameScenario(from, to string) error
	// RebaseScenario moves a what-if onto the plan's latest version, making
	// its changes again there (all or none), and returns its new state.
	RebaseScenario(name string) (*Snapshot, error)
	// AdoptScenario writes the what-if's changes onto the plan as new
	// versions and removes it; it fails with ErrConflict if the plan moved
	// on since the what-if started.
	AdoptScenario(s *Snapshot) (*Snapshot, error)
	// DropScenario deletes a what-if.
	DropScenario(name string) error

	// Watch returns a channel that receives the plan's new latest versions,
	// whoever wrote them (this planner, another one, another process), until
	// the planner's context ends. A reader that falls behind gets the
	// latest only.
	Watch() (<-chan PlanEvent, error)
}

// PlanEvent says that the plan has a new latest version.
type PlanEvent struct {
	Version int       // the plan's latest version now
	By      string    // who wrote it
	At      time.Time // when
	Change  string    // what it did, as History says it
}

// ErrConflict marks a change refused because someone else changed the plan
// since the version it was made on.
var ErrConflict = errors.New("the plan changed meanwhile")

// Snapshot is one state of a plan: what every view shows.
type Snapshot struct {
	Plan     string // the plan's name in the store
	Version  int    // the version shown; a what-if's versions continue its base's numbers
	Latest   int    // the latest version of the plan (or what-if) when this was read
	Scenario string // the what-if's name; "" for the plan itself
	Base     int    // for a what-if: the plan version it started on
	Changes  int    // for a what-if: how many changes it holds
	ReadOnly bool   // an earlier version, opened to read
	Identity string // the saved plan's identity, which calendar UIDs are made of; "" to derive it from the plan
	Result   *coverage.Result
	// PinnedMonths and PinnedDays say which assignments an explicit change
	// set, when the source knows; views mark them.
	PinnedMonths map[calendar.Month]bool
	PinnedDays   map[calendar.Date]bool
	// PinnedBuddies says which months' buddies an explicit change set:
	// such a buddy cannot become the month's SPOC.
	PinnedBuddies map[calendar.Month]bool
}

// Version is one entry of a plan's history.
type Version struct {
	N      int
	Author string
	Time   time.Time
	Note   string // what changed
}

// ScenarioInfo is one saved what-if.
type ScenarioInfo struct {
	Name    string
	Base    int // the version it started on
	Version int // its latest version (Base when it has no changes)
	Author  string
	Time    time.Time
}
