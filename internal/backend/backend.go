// Package backend is what people do to saved plans, whichever front end
// they use (the command line, the planner, later a served planner): load a
// version, apply changes, undo, import, re-plan, compare, and keep what-if
// scenarios, for an Actor whose role says what they may do. The rules of
// changes are package change's and the rows package store's; the conflict
// rule (a change names the version it was made on) and every role check
// are made here and nowhere else.
//
//	b, err := backend.Open(path)                  // or backend.New(st) on any store.Store
//	s := b.As(backend.Local("ann"))               // the local user: admin of their own database
//	snap, err := s.Load(ctx, backend.Ref{Plan: "cccs"}, 0)
//	v, err := s.Apply(ctx, ref, snap.Version, change.SetSPOC(m, "tracy"), "", "note")
//	c, err := s.Diff(ctx, backend.At{Ref: ref, Version: 1}, backend.At{Ref: ref})   // what changed since version 1
//	events, err := s.Watch(ctx, "cccs")           // new versions, from this process or another
//
// Errors are typed: *ConflictError, *ForbiddenError, and the lower layers'
// (*change.RefusedError, *change.UnchangedError, *NotFoundError, …); the
// front ends phrase them.
package backend

import (
	"context"
	"sync/atomic"
	"time"

	"rota/internal/memo"
	"rota/internal/store"
)

// The store's names that front ends use, so that they need not import it.
type (
	Ref           = store.Ref
	PlanInfo      = store.PlanInfo
	ScenarioInfo  = store.ScenarioInfo
	NotFoundError = store.NotFoundError
	ExistsError   = store.ExistsError
	NotRotaError  = store.NotRotaError
	NewerError    = store.NewerError
	DamagedError  = store.DamagedError
)

// CheckName checks a plan or scenario name (see store.CheckName).
func CheckName(what, name string) error { return store.CheckName(what, name) }

// NameFor suggests a plan name for a file (see store.NameFor).
func NameFor(path string) string { return store.NameFor(path) }

// Backend serves the plans of one store to any number of actors and front
// ends. It is safe for concurrent use.
type Backend struct {
	st    store.Store
	now   func() time.Time
	cache *cache
	watch *watcher
	feeds *feedIndex
	gen   atomic.Uint64 // writes through this backend, for the feed index

	// history holds the plans' histories last read (History).
	history *memo.Memo[historyKey, history]
}

// Option adjusts a Backend as it is made.
type Option func(*Backend)

// WithClock makes the backend take the time from now instead of the system
// clock, for everything it stamps: versions, scenarios and when a plan was
// last used. now must be safe for concurrent use.
func WithClock(now func() time.Time) Option {
	return func(b *Backend) { b.now = now }
}

// Open opens (creating when missing) the SQLite database at path; see
// store.Open for what it refuses.
func Open(path string, opts ...Option) (*Backend, error) {
	st, err := store.Open(path)
	if err != nil {
		return nil, err
	}
	return New(st, opts...), nil
}

// New serves the plans of st.
func New(st store.Store, opts ...Option) *Backend {
	b := &Backend{st: st, now: time.Now, cache: newCache(cacheSize)}
	b.history = memo.New[historyKey, history](cacheSize)
	for _, o := range opts {
		o(b)
	}
	b.watch = newWatcher(b)
	b.feeds = newFeedIndex(b)
	return b
}

// Path names the database.
func (b *Backend) Path() string { return b.st.Path() }

// Close stops every Watch and closes the store.
func (b *Backend) Close() error {
	b.watch.close()
	b.feeds.close()
	return b.st.Close()
}

// Session is the backend acting for one actor: every call is checked
// against the actor's role and plans.
type Session struct {
	b     *Backend
	actor Actor
	// noReasons leaves out every absence's reason (WithoutReasons).
	noReasons bool
}

// As returns the backend acting for a.
func (b *Backend) As(a Actor) *Session { return &Session{b: b, actor: a} }

// Actor returns who the session acts for.
func (s *Session) Actor() Actor { return s.actor }

// Backend returns the backend the session acts on.
func (s *Session) Backend() *Backend { return s.b }

// Path names the database.
func (s *Session) Path() string { return s.b.Path() }

// Close closes the backend: a front end that opened it for one actor
// closes it through its session.
func (s *Session) Close() error { return s.b.Close() }

func (s *Session) read(ctx context.Context, fn func(store.Tx) error) error {
	return s.b.st.Read(ctx, fn)
}

// write runs fn in a write transaction. Whatever it changed, the feed index
// is read again before it answers the next feed.
func (s *Session) write(ctx context.Context, fn func(store.Tx) error) error {
	defer s.b.gen.Add(1)
	return s.conflictSeen(s.b.st.Write(ctx, fn))
}

// Backup writes a consistent copy of the database to path (see
// store.SQLite.Backup) while the server and others go on working. Only an
// admin takes backups: the copy holds every plan and user.
func (s *Session) Backup(ctx context.Context, path string) error {
	if err := s.actor.may(ActManageUsers, ""); err != nil {
		return err
	}
	return s.b.st.Backup(ctx, path)
}
