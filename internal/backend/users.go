package backend

import (
	"context"
	"fmt"
	"slices"

	"rota/internal/store"
)

// Roles lists every role, in the order help and messages give them.
var Roles = []Role{RoleAdmin, RolePA, RoleManager, RoleAD}

// User is someone who may log in to rota serve (see store.User).
type User = store.User

// Key is one of a user's SSH public keys (see store.Key).
type Key = store.Key

// The refusals of AddUser (see store).
type (
	KeyTakenError  = store.KeyTakenError
	RoleTakenError = store.RoleTakenError
)

// AddUser adds a user or more keys to one (see store.Tx's AddUser for what
// is refused). Only an admin manages users.
func (s *Session) AddUser(ctx context.Context, u User) (User, error) {
	if err := s.actor.may(ActManageUsers, ""); err != nil {
		return User{}, err
	}
	if !slices.Contains(Roles, Role(u.Role)) {
		return User{}, &UnknownRoleError{Role: u.Role}
	}
	var out User
	err := s.write(ctx, func(tx store.Tx) error {
		if err := tx.AddUser(ctx, u, s.b.now()); err != nil {
			return err
		}
		list, err := tx.Users(ctx, u.Name)
		if err == nil {
			out = list[0]
		}
		return err
	})
	s.b.watch.wrote("") // WatchUsers looks now
	return out, err
}

// RemoveUser deletes a user and their keys. Only an admin manages users.
func (s *Session) RemoveUser(ctx context.Context, name string) error {
	if err := s.actor.may(ActManageUsers, ""); err != nil {
		return err
	}
	err := s.write(ctx, func(tx store.Tx) error { return tx.RemoveUser(ctx, name) })
	s.b.watch.wrote("") // WatchUsers looks now
	return err
}

// Users lists the users with their keys, by name. Only an admin sees them.
func (s *Session) Users(ctx context.Context) ([]User, error) {
	if err := s.actor.may(ActManageUsers, ""); err != nil {
		return nil, err
	}
	var out []User
	err := s.read(ctx, func(tx store.Tx) (err error) {
		out, err = tx.Users(ctx, "")
		return err
	})
	return out, err
}

// Login returns the actor an SSH key fingerprint (SHA256:…, as
// golang.org/x/crypto/ssh.FingerprintSHA256 gives it) logs in as; ok is
// false for a key no user has. It is authentication, so no actor asks.
func (b *Backend) Login(ctx context.Context, fingerprint string) (a Actor, ok bool, err error) {
	err = b.st.Read(ctx, func(tx store.Tx) error {
		name, found, err := tx.UserByKey(ctx, fingerprint)
		if err != nil || !found {
			return err
		}
		list, err := tx.Users(ctx, name)
		if err != nil {
			return err
		}
		u := list[0]
		a, ok = Actor{Name: u.Name, Role: Role(u.Role), Person: u.Person, Plans: u.Plans}, true
		return nil
	})
	return a, ok, err
}

// UnknownRoleError refuses a role that is none of Roles.
type UnknownRoleError struct{ Role string }

func (e *UnknownRoleError) Error() string {
	return fmt.Sprintf("no role %q: give one of admin, pa, manager, ad", e.Role)
}
