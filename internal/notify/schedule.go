package notify

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"rota/internal/backend"
)

// Scheduler sends what is due for every saved plan while rota serve runs:
// on a tick (reminders and digests fall due by the day, so a tick of
// minutes is enough), and once each change has settled (backend.Watch
// says when a plan changes; its message goes Settings.Window later).
type Scheduler struct {
	Session  *backend.Session
	SMTP     SMTP
	Settings Settings
	Every    time.Duration    // the tick; zero means 5 minutes
	Now      func() time.Time // the clock; nil means time.Now
	Log      *slog.Logger
}

// LoginRetry is how long the scheduler waits after the SMTP server refused
// its login before it tries again (doubled on each refusal, up to a day).
const LoginRetry = time.Hour

// Run sends until ctx is done. Every run of Run is the same as a run of
// rota notify for each plan, so the outbox keeps each message to once
// whether the scheduler, a cron job or both send.
func (sc *Scheduler) Run(ctx context.Context) {
	every := sc.Every
	if every <= 0 {
		every = 5 * time.Minute
	}
	now := sc.Now
	if now == nil {
		now = time.Now
	}
	wake := make(chan struct{}, 1)
	poke := func() {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
	var mu sync.Mutex
	watched := map[string]bool{}
	watch := func(plan string) {
		mu.Lock()
		defer mu.Unlock()
		if watched[plan] {
			return
		}
		ch, err := sc.Session.Watch(ctx, plan)
		if err != nil {
			sc.Log.Warn("notify: cannot watch", "plan", plan, "err", err)
			return
		}
		watched[plan] = true
		go func() {
			for range ch {
				// The change is told once it has settled.
				t := time.AfterFunc(sc.Settings.window()+time.Second, poke)
				context.AfterFunc(ctx, func() { t.Stop() })
			}
		}()
	}
	// After a refused login the scheduler waits LoginRetry, then twice as
	// long each time again, up to a day: a tick every few minutes would make
	// a dozen failed logins an hour, and a council's account locks after a
	// few. A cron job's runs are as far apart as the job says.
	var refused struct {
		wait  time.Duration
		until time.Time
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		plans, err := sc.Session.Plans(ctx)
		if err != nil && ctx.Err() == nil {
			sc.Log.Warn("notify: cannot list plans", "err", err)
		}
		for _, p := range plans {
			watch(p.Name)
			if now().Before(refused.until) {
				continue
			}
			rep, err := Run(ctx, sc.Session, p.Name, now(), sc.Settings, sc.SMTP)
			switch {
			case err != nil && ctx.Err() == nil:
				sc.Log.Warn("notify", "plan", p.Name, "err", err)
			case len(rep.Sent)+len(rep.Failed) > 0:
				sc.Log.Info("notify", "plan", p.Name, "sent", len(rep.Sent), "failed", rep.Failed, "skipped", len(rep.Skipped), "stopped", rep.Stopped)
			}
			var ce *ConnectError
			if errors.As(rep.Stopped, &ce) && ce.Login {
				refused.wait = min(max(2*refused.wait, LoginRetry), 24*time.Hour)
				refused.until = now().Add(refused.wait)
				sc.Log.Warn("notify: the SMTP server refused the login; no more tries until then, or until rota serve restarts", "until", refused.until, "err", ce)
			} else if len(rep.Sent) > 0 {
				refused.wait = 0
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-wake:
		}
	}
}
