package backend

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"

	"rota/internal/store"
)

// Feed is a calendar feed (see store.Feed).
type Feed = store.Feed

// tokenBytes is the size of a feed's secret: 256 random bits, beyond any
// guessing (NIST SP 800-63B asks at least 112 for such secrets).
const tokenBytes = 32

// NewFeed makes a calendar feed of plan's latest version: person's calendar,
// or the team's for "". It returns the feed and its token, the secret part
// of its URL: only the token's SHA-256 is kept, so the token is shown once.
// Only an admin makes feeds.
func (s *Session) NewFeed(ctx context.Context, plan, person string) (Feed, string, error) {
	if err := s.actor.may(ActManageUsers, plan); err != nil {
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
		if _, err := tx.CreateFeed(ctx, plan, person, h, s.actor.Name, s.b.now()); err != nil {
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
// no actor asks. The stored hash is compared in constant time, and an
// unknown token costs the same hashing and lookup as a known one.
func (b *Backend) FeedByToken(ctx context.Context, token string) (f Feed, ok bool, err error) {
	h := tokenHash(token)
	err = b.st.Read(ctx, func(tx store.Tx) error {
		f, ok, err = tx.FeedByHash(ctx, h)
		return err
	})
	if err != nil || !ok {
		return Feed{}, false, err
	}
	if subtle.ConstantTimeCompare(f.Hash, h) != 1 || !f.Revoked.IsZero() {
		return Feed{}, false, nil
	}
	return f, true, nil
}

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
