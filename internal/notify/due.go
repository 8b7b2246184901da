package notify

import (
	"context"
	"time"

	"rota/internal/backend"
	"rota/internal/calendar"
)

// Lookback is how old a change may be and still be told: a change made
// before rota notify first ran, or while it did not run for a week, is
// history, not news.
const Lookback = 7 * 24 * time.Hour

// Due returns every message due at now for the saved plan named plan, read
// through s: reminders, digests, then change messages, each with its
// recipient's address filled in from the plan's latest version ("" for a
// person without one). The same plan, history and now give the same
// messages with the same keys.
func Due(ctx context.Context, s *backend.Session, plan string, now time.Time, set Settings) ([]Message, error) {
	out, p, err := collect(ctx, s, plan, now, set)
	if err != nil {
		return nil, err
	}
	if err := number(ctx, s, backend.Ref{Plan: plan}, p.Identity, out); err != nil {
		return nil, err
	}
	return out, nil
}

// collect is Due without the attachments, which cost a walk over the plan's
// history (number): a run makes them only for the messages it records.
// It returns the plan at its latest version as well, whose identity the
// attachments' UIDs are made of and whose people name the recipients.
func collect(ctx context.Context, s *backend.Session, plan string, now time.Time, set Settings) ([]Message, Plan, error) {
	ref := backend.Ref{Plan: plan}
	snap, err := s.Load(ctx, ref, 0)
	if err != nil {
		return nil, Plan{}, err
	}
	p := Plan{Name: plan, Identity: snap.Identity, Version: snap.Version, Result: snap.Result}
	today := calendar.FromTime(now)
	out := Reminders(p, today, set, now)
	out = append(out, Digests(p, today, set, now)...)

	hist, err := s.History(ctx, ref)
	if err != nil {
		return nil, Plan{}, err
	}
	var changes []Change
	for _, v := range hist {
		c := v.Change
		c.Reason = "" // an absence's reason is personal data: messages never carry it
		changes = append(changes, Change{Version: v.Number, Author: v.Author, At: v.Time, What: c.Describe()})
	}
	for _, run := range Settled(changes, now, set) {
		if run[0].Version < 2 {
			// The import itself changes nobody's plan; the changes made
			// within the window after it do, and are told against it.
			run = run[1:]
		}
		if len(run) == 0 || now.Sub(run[len(run)-1].At) > Lookback {
			continue // old runs are history
		}
		first, last := run[0], run[len(run)-1]
		before, err := s.Load(ctx, ref, first.Version-1)
		if err != nil {
			return nil, Plan{}, err
		}
		after, err := s.Load(ctx, ref, last.Version)
		if err != nil {
			return nil, Plan{}, err
		}
		ap := Plan{Name: plan, Identity: snap.Identity, Version: last.Version, Result: after.Result}
		out = append(out, Changed(ap, before.Result, run, today, now)...)
	}
	for i := range out {
		if x, ok := snap.Plan.Person(out[i].Person); ok {
			out[i].To = x.Email
		}
	}
	return out, p, nil
}
