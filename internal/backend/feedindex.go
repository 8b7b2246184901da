package backend

import (
	"context"
	"crypto/sha256"
	"errors"
	"sync"
	"time"

	"rota/internal/store"
)

// feedRecheck bounds how long a change made by another process (rota feed
// new or revoke, a new version by rota apply) takes to reach the feeds
// this backend answers: a request made feedRecheck or more after the
// other process's commit sees it. The look is one PRAGMA data_version on
// a connection kept for it (see store.Committer), so that answering a
// feed reads no table while nothing changed. A write through this backend
// is seen by the next request.
const feedRecheck = watchEvery

// feedIndex is what answering a feed needs from the database, kept in
// memory: every working feed by its token's hash, and every plan's latest
// version. It is read again, in one transaction, after any write through
// this backend, and after any commit another connection made (looked for
// at most every feedRecheck). Every token costs the same work here,
// known, unknown or revoked: one hash and one map lookup, no database.
type feedIndex struct {
	b   *Backend
	now func() time.Time // the clock of rechecks; tests move it on

	mu     sync.Mutex
	read   bool      // whether the fields below have been read
	gen    uint64    // the backend's writes counted when they were read
	looked time.Time // when other connections' commits were last looked for
	seen   int64     // data_version then
	byHash map[[sha256.Size]byte]Feed
	heads  map[string]int // by plan name

	poll    func(context.Context) (int64, error) // nil: not open yet, or the store has none
	release func() error
	polling bool // whether poll was asked for
	closed  bool
}

var errClosed = errors.New("the database is closed")

func newFeedIndex(b *Backend) *feedIndex { return &feedIndex{b: b, now: time.Now} }

// fresh brings the index up to date: call with x.mu held.
func (x *feedIndex) fresh(ctx context.Context) error {
	if x.closed {
		return errClosed
	}
	now := x.now()
	stale := !x.read || x.gen != x.b.gen.Load()
	if !stale && now.Sub(x.looked) < feedRecheck {
		return nil
	}
	if !x.polling {
		x.polling = true
		if c, ok := x.b.st.(store.Committer); ok {
			if p, release, err := c.Commits(ctx); err == nil {
				x.poll, x.release = p, release
			}
		}
	}
	// data_version before the read: a commit during it moves the number,
	// and the next look reads again.
	x.looked = now
	if x.poll != nil {
		v, err := x.poll(ctx)
		if err != nil || v != x.seen || !x.read {
			stale = true
		}
		x.seen = v
	} else {
		stale = true // no cheap look: read again every feedRecheck
	}
	if !stale {
		return nil
	}
	gen := x.b.gen.Load()
	byHash := map[[sha256.Size]byte]Feed{}
	heads := map[string]int{}
	err := x.b.st.Read(ctx, func(tx store.Tx) error {
		feeds, err := tx.Feeds(ctx)
		if err != nil {
			return err
		}
		for _, f := range feeds {
			if !f.Revoked.IsZero() || len(f.Hash) != sha256.Size {
				continue
			}
			// Uses change with every answer and are written in batches:
			// the index does not follow them (Feeds lists them).
			f.Used, f.Uses = time.Time{}, 0
			byHash[[sha256.Size]byte(f.Hash)] = f
		}
		plans, err := tx.Plans(ctx)
		if err != nil {
			return err
		}
		for _, p := range plans {
			heads[p.Name] = p.Version
		}
		return nil
	})
	if err != nil {
		x.read = false
		return err
	}
	x.read, x.gen, x.byHash, x.heads = true, gen, byHash, heads
	return nil
}

// feed returns the working feed whose token hashes to h.
func (x *feedIndex) feed(ctx context.Context, h [sha256.Size]byte) (Feed, bool, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.fresh(ctx); err != nil {
		return Feed{}, false, err
	}
	f, ok := x.byHash[h]
	return f, ok, nil
}

// head returns plan's latest version; ok is false for no such plan.
func (x *feedIndex) head(ctx context.Context, plan string) (int, bool, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if err := x.fresh(ctx); err != nil {
		return 0, false, err
	}
	v, ok := x.heads[plan]
	return v, ok, nil
}

// close releases the connection kept for looking at commits.
func (x *feedIndex) close() {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.closed = true
	if x.release != nil {
		_ = x.release()
		x.poll, x.release = nil, nil
	}
}
