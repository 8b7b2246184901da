package backend

import (
	"context"
	"sync"
	"time"

	"rota/internal/change"
	"rota/internal/store"
)

// Event says that a plan has a new latest version.
type Event struct {
	Plan    string
	Version int       // the plan's latest version now
	By      string    // who wrote it
	At      time.Time // when
	Change  string    // what it did, as the log says it, as the watcher may read it
	// Logged is Change without any absence's reason, whoever watches: what
	// a server's log records, which is read by whoever runs the server.
	Logged string
}

// watchEvery is how often Watch looks for commits by other processes: well
// under the second within which a front end must show a new version. Each
// look is one PRAGMA on a connection kept for it.
const watchEvery = 200 * time.Millisecond

// Watch returns a channel that receives an Event whenever plan gets a new
// latest version, written through this backend or by another process on
// the same database, within a second. A reader that falls behind gets the
// latest event only. The channel is closed when ctx is done or the backend
// closes.
func (s *Session) Watch(ctx context.Context, plan string) (<-chan Event, error) {
	if err := s.actor.may(ActRead, plan); err != nil {
		return nil, err
	}
	return s.b.watch.add(ctx, plan, s.reasons()), nil
}

// watcher runs one polling goroutine for all of a backend's Watches, while
// there are any.
type watcher struct {
	b     *Backend
	mu    sync.Mutex
	subs  map[*sub]bool
	heads map[string]int // the latest version seen of each watched plan
	users usersWatch     // WatchUsers' subscribers (watch_users.go)
	nudge chan struct{}  // a write through this backend: look now
	stop  chan struct{}  // stops the goroutine
	done  chan struct{}  // closed when it has stopped
	quit  bool
}

type sub struct {
	plan string
	view reasonView // whose absence reasons its events may say
	ch   chan Event
}

func newWatcher(b *Backend) *watcher {
	return &watcher{b: b, subs: map[*sub]bool{}, heads: map[string]int{}, nudge: make(chan struct{}, 1)}
}

func (w *watcher) add(ctx context.Context, plan string, view reasonView) <-chan Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	x := &sub{plan: plan, view: view, ch: make(chan Event, 1)}
	if w.quit {
		close(x.ch)
		return x.ch
	}
	if _, ok := w.heads[plan]; !ok {
		w.heads[plan] = w.head(plan)
	}
	w.subs[x] = true
	done := w.running()
	go func() {
		select {
		case <-ctx.Done():
		case <-done:
		}
		w.remove(x)
	}()
	return x.ch
}

// running starts the polling goroutine unless it runs, and returns the
// channel closed when it stops. w.mu is held.
func (w *watcher) running() <-chan struct{} {
	if w.stop == nil {
		w.stop, w.done = make(chan struct{}), make(chan struct{})
		go w.run(w.stop, w.done)
	}
	return w.done
}

// idle stops the polling goroutine when nobody watches. w.mu is held.
func (w *watcher) idle() {
	if len(w.subs) == 0 && len(w.users.subs) == 0 && w.stop != nil {
		close(w.stop)
		w.stop = nil
		w.heads = map[string]int{}
		w.users.known = false
	}
}

func (w *watcher) remove(x *sub) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.subs[x] {
		return
	}
	delete(w.subs, x)
	close(x.ch)
	w.idle()
}

// wrote tells the watcher that this backend wrote to plan.
func (w *watcher) wrote(string) {
	select {
	case w.nudge <- struct{}{}:
	default:
	}
}

func (w *watcher) close() {
	w.mu.Lock()
	w.quit = true
	stop, done := w.stop, w.done
	w.stop = nil
	w.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
	w.mu.Lock()
	for x := range w.subs {
		delete(w.subs, x)
		close(x.ch)
	}
	w.users.closeAll()
	w.mu.Unlock()
}

// head returns plan's latest version, 0 when it cannot be read.
func (w *watcher) head(plan string) int {
	var n int
	_ = w.b.st.Read(context.Background(), func(tx store.Tx) error {
		l, err := tx.Line(context.Background(), Ref{Plan: plan})
		if err != nil {
			return err
		}
		n, err = tx.Head(context.Background(), l)
		return err
	})
	return n
}

func (w *watcher) run(stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var poll func(context.Context) (int64, error)
	if c, ok := w.b.st.(store.Committer); ok {
		if p, release, err := c.Commits(ctx); err == nil {
			poll = p
			defer release()
		}
	}
	last := int64(-1)
	tick := time.NewTicker(watchEvery)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case <-w.nudge:
		case <-tick.C:
			if poll != nil {
				v, err := poll(ctx)
				if err == nil && v == last {
					continue
				}
				last = v
			}
		}
		w.check(ctx)
	}
}

// check reads the head of every watched plan and tells the subscribers of
// those that moved.
func (w *watcher) check(ctx context.Context) {
	w.mu.Lock()
	plans := make(map[string]int, len(w.heads))
	for p, h := range w.heads {
		plans[p] = h
	}
	w.mu.Unlock()
	for plan, seen := range plans {
		var ev Event
		var c *change.Change
		err := w.b.st.Read(ctx, func(tx store.Tx) error {
			l, err := tx.Line(ctx, Ref{Plan: plan})
			if err != nil {
				return err
			}
			head, err := tx.Head(ctx, l)
			if err != nil || head == seen {
				return err
			}
			ev = Event{Plan: plan, Version: head}
			if r, err := tx.Version(ctx, l, head); err == nil {
				ev.By, ev.At = r.Author, r.At
				if v, err := decodeVersion(r); err == nil {
					c = &v.Change
					ev.Logged = reasonView{}.change(v.Change).Describe()
				}
			}
			return nil
		})
		if err != nil || ev.Version == 0 {
			continue
		}
		w.mu.Lock()
		w.heads[plan] = ev.Version
		for x := range w.subs {
			if x.plan == plan {
				select { // keep only the latest event for a slow reader
				case <-x.ch:
				default:
				}
				seen := ev
				if c != nil {
					seen.Change = x.view.change(*c).Describe()
				}
				x.ch <- seen
			}
		}
		w.mu.Unlock()
	}
	w.checkUsers(ctx)
}
