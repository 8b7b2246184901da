package backend

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
	"time"

	"rota/internal/store"
)

// Feed is a calendar feed (see store.Feed).
type Feed = store.Feed

// tokenBytes is the size of a feed's secret: 256 random bits, beyond any
// guessing (NIST SP 800-63B asks at least 112 for such secrets).
const tokenBytes = 32

// NewFeed makes a calendar feed of plan's latest version: person's calendar,
// or the team's for "", showing the months of w (see FeedMonths; w must
// pass CheckWindow). It returns the feed and its token, the secret part of
// its URL: only the token's SHA-256 is kept, so the token is shown once.
// Only an admin makes feeds.
func (s *Session) NewFeed(ctx context.Context, plan, person string, w Window) (Feed, string, error) {
	if err := s.actor.may(ActManageUsers, plan); err != nil {
		return Feed{}, "", err
	}
	if err := CheckWindow(w); err != nil {
		return Feed{}, "", err
	}
	if person != "" {
		snap, err := s.Load(ctx, Ref{Plan: plan}, 0)
		if err != nil {
			return Feed{}, "", err
		}
		var ids []string
		for _, p := range snap.Plan.Persons {
			ids = append(ids, p.ID)
		}
		if !slices.Contains(ids, person) {
			return Feed{}, "", &NotFoundError{What: "person", Name: person, Known: fmt.Sprintf("plan %s has %s", plan, strings.Join(ids, ", "))}
		}
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return Feed{}, "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	h := tokenHash(token)
	var f Feed
	err := s.write(ctx, func(tx store.Tx) error {
		if _, err := tx.CreateFeed(ctx, plan, person, w, h, s.actor.Name, s.b.now()); err != nil {
			return err
		}
		var err error
		f, _, err = tx.FeedByHash(ctx, h)
		return err
	})
	return f, token, err
}

// Feeds lists every feed. Only an admin sees them.
func (s *Session) Feeds(ctx context.Context) ([]Feed, error) {
	if err := s.actor.may(ActManageUsers, ""); err != nil {
		return nil, err
	}
	var out []Feed
	err := s.read(ctx, func(tx store.Tx) (err error) {
		out, err = tx.Feeds(ctx)
		return err
	})
	return out, err
}

// RevokeFeed stops a feed: its URL answers as an unknown one from then on.
// Only an admin revokes feeds.
func (s *Session) RevokeFeed(ctx context.Context, id int64) error {
	if err := s.actor.may(ActManageUsers, ""); err != nil {
		return err
	}
	return s.write(ctx, func(tx store.Tx) error { return tx.RevokeFeed(ctx, id, s.b.now()) })
}

// FeedByToken returns the working feed a URL's token names; ok is false for
// a token that names none, or a revoked feed. The token is the secret, so
// no actor asks. Feeds are kept in memory by their token's SHA-256 (see
// feedIndex): while nothing was written, a known, an unknown and a revoked
// token all cost one hash and one map lookup, and no database read. A
// write through this backend is seen at once; one by another process
// within feedRecheck (0.2 s). Only SHA-256 values are ever compared, so
// the time a comparison takes tells nothing of a token. The feed's Used
// and Uses are not filled in (Feeds lists them).
func (b *Backend) FeedByToken(ctx context.Context, token string) (f Feed, ok bool, err error) {
	return b.feeds.feed(ctx, sha256.Sum256([]byte(token)))
}

// FeedHead returns the latest version of plan, from the memory FeedByToken
// answers from (so as fresh as it), without reading the database while
// nothing was written. A plan that is not there is a *NotFoundError.
func (b *Backend) FeedHead(ctx context.Context, plan string) (int, error) {
	v, ok, err := b.feeds.head(ctx, plan)
	if err == nil && !ok {
		err = &NotFoundError{What: "plan", Name: plan}
	}
	return v, err
}

// Now is the backend's clock (see WithClock): a feed's window moves with
// its month.
func (b *Backend) Now() time.Time { return b.now() }

// FeedUsed records that a feed was answered n more times, for rota feed
// list.
func (b *Backend) FeedUsed(ctx context.Context, id int64, n int) error {
	return b.st.Write(ctx, func(tx store.Tx) error { return tx.UseFeed(ctx, id, n, b.now()) })
}

// FeedReader is who reads a feed's plan: the plan only, and nothing it may
// change.
func FeedReader(f Feed) Actor {
	return Actor{Name: fmt.Sprintf("feed %d", f.ID), Role: RoleAD, Plans: []string{f.Plan}}
}

func tokenHash(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}
