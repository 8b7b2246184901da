package backend

import (
	"context"
	"strings"

	"rota/internal/store"
)

// WatchUsers returns a channel that receives a value whenever the users of
// rota serve change: one added or removed, a key added, a person or plans
// set (rota user add and remove), through this backend or by another
// process on the same database, within a second, as Watch sees plans. It
// says only that something changed; Login says who a key logs in as now.
// A reader that falls behind gets one value for several changes. The
// channel is closed when ctx is done or the backend closes. It is for the
// server that logs users in, so no actor asks (as for Login).
func (b *Backend) WatchUsers(ctx context.Context) <-chan struct{} {
	return b.watch.addUsers(ctx)
}

// usersWatch is WatchUsers' part of the watcher, under its mutex.
type usersWatch struct {
	subs  map[chan struct{}]bool
	stamp string // the users and their keys when last read
	known bool   // stamp was read since the polling goroutine started
}

func (u *usersWatch) closeAll() {
	for ch := range u.subs {
		delete(u.subs, ch)
		close(ch)
	}
}

func (w *watcher) addUsers(ctx context.Context) <-chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	ch := make(chan struct{}, 1)
	if w.quit {
		close(ch)
		return ch
	}
	if !w.users.known {
		w.users.stamp, _ = w.usersStamp(context.WithoutCancel(ctx))
		w.users.known = true
	}
	if w.users.subs == nil {
		w.users.subs = map[chan struct{}]bool{}
	}
	w.users.subs[ch] = true
	done := w.running()
	go func() {
		select {
		case <-ctx.Done():
		case <-done:
		}
		w.removeUsers(ch)
	}()
	return ch
}

func (w *watcher) removeUsers(ch chan struct{}) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.users.subs[ch] {
		return
	}
	delete(w.users.subs, ch)
	close(ch)
	w.idle()
}

// checkUsers tells WatchUsers' subscribers when the users differ from
// when last read. It runs after each commit the watcher notices, so a
// database whose users do not change costs one small read per commit.
func (w *watcher) checkUsers(ctx context.Context) {
	w.mu.Lock()
	n := len(w.users.subs)
	w.mu.Unlock()
	if n == 0 {
		return
	}
	stamp, err := w.usersStamp(ctx)
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.users.known && stamp == w.users.stamp {
		return
	}
	w.users.stamp, w.users.known = stamp, true
	for ch := range w.users.subs {
		select { // one pending value says it all
		case ch <- struct{}{}:
		default:
		}
	}
}

// usersStamp is every user with what logging in depends on: role, person,
// plans and key fingerprints.
func (w *watcher) usersStamp(ctx context.Context) (string, error) {
	var b strings.Builder
	err := w.b.st.Read(ctx, func(tx store.Tx) error {
		users, err := tx.Users(ctx, "")
		for _, u := range users {
			b.WriteString(u.Name + "\x00" + u.Role + "\x00" + u.Person + "\x00" + strings.Join(u.Plans, ",") + "\x00")
			for _, k := range u.Keys {
				b.WriteString(k.Fingerprint + " ")
			}
			b.WriteString("\n")
		}
		return err
	})
	return b.String(), err
}
