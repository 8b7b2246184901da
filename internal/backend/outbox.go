package backend

import (
	"context"
	"time"

	"rota/internal/store"
)

// Outgoing is a message in the outbox (store.Outgoing).
type Outgoing = store.Outgoing

// Enqueue records each message as due unless its key is recorded already,
// in one transaction, and returns how many were new. Only an admin sends
// notifications.
func (s *Session) Enqueue(ctx context.Context, plan string, msgs []Outgoing) (int, error) {
	if err := s.actor.may(ActNotify, plan); err != nil {
		return 0, err
	}
	n := 0
	err := s.write(ctx, func(tx store.Tx) error {
		n = 0
		for _, m := range msgs {
			m.Plan = plan
			added, err := tx.Enqueue(ctx, m, s.b.now())
			if err != nil {
				return err
			}
			if added {
				n++
			}
		}
		return nil
	})
	return n, err
}

// ClaimNext claims the next message of plan to send, committing the claim
// before it returns: see store.Tx.ClaimNext. since is when this run began;
// a claim older than lease is taken to belong to a run that died.
func (s *Session) ClaimNext(ctx context.Context, plan string, since time.Time, lease time.Duration) (Outgoing, bool, error) {
	if err := s.actor.may(ActNotify, plan); err != nil {
		return Outgoing{}, false, err
	}
	var m Outgoing
	var ok bool
	err := s.write(ctx, func(tx store.Tx) error {
		now := s.b.now()
		var err error
		m, ok, err = tx.ClaimNext(ctx, plan, now, since, now.Add(-lease))
		return err
	})
	return m, ok, err
}

// Settle records that sending key succeeded (why "") or failed.
func (s *Session) Settle(ctx context.Context, plan, key, why string) error {
	if err := s.actor.may(ActNotify, plan); err != nil {
		return err
	}
	return s.write(ctx, func(tx store.Tx) error { return tx.Settle(ctx, key, s.b.now(), why) })
}

// Outbox lists plan's messages and their state.
func (s *Session) Outbox(ctx context.Context, plan string) ([]Outgoing, error) {
	if err := s.actor.may(ActNotify, plan); err != nil {
		return nil, err
	}
	var out []Outgoing
	err := s.read(ctx, func(tx store.Tx) error {
		var err error
		out, err = tx.Outbox(ctx, plan)
		return err
	})
	return out, err
}

// Now is the backend's clock (WithClock), which outbox claims are stamped by.
func (s *Session) Now() time.Time { return s.b.now() }

// NotifySettings returns rota notify's settings kept in the database
// (smtp, security, from, user, password_file), without the "notify."
// prefix they are stored under.
func (s *Session) NotifySettings(ctx context.Context) (map[string]string, error) {
	if err := s.actor.may(ActNotify, ""); err != nil {
		return nil, err
	}
	out := map[string]string{}
	err := s.read(ctx, func(tx store.Tx) error {
		m, err := tx.Settings(ctx, "notify.")
		for k, v := range m {
			out[k[len("notify."):]] = v
		}
		return err
	})
	return out, err
}

// SetNotifySettings stores each setting given; "" removes one.
func (s *Session) SetNotifySettings(ctx context.Context, set map[string]string) error {
	if err := s.actor.may(ActNotify, ""); err != nil {
		return err
	}
	return s.write(ctx, func(tx store.Tx) error {
		for k, v := range set {
			if err := tx.SetSetting(ctx, "notify."+k, v); err != nil {
				return err
			}
		}
		return nil
	})
}
