package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// User is someone who may log in to rota serve: a name recorded as the
// author of their changes, a role (admin, pa, manager or ad; package backend
// says what each may do), and the SSH keys they log in with.
type User struct {
	Name    string    `json:"name"`
	Role    string    `json:"role"`
	Person  string    `json:"person,omitempty"` // their person id in the plans
	Plans   []string  `json:"plans,omitempty"`  // the plans they may see; nil for every plan
	Keys    []Key     `json:"keys"`
	Created time.Time `json:"created"`
}

// Key is one SSH public key of a user.
type Key struct {
	Fingerprint string    `json:"fingerprint"` // SHA256:… as ssh-keygen -l prints it
	Key         string    `json:"key"`         // the authorized_keys form: type and base64
	Comment     string    `json:"comment,omitempty"`
	Added       time.Time `json:"added"`
}

// KeyTakenError refuses a key that already belongs to another user: a login
// must name one user only.
type KeyTakenError struct {
	Fingerprint, User string
}

func (e *KeyTakenError) Error() string {
	return fmt.Sprintf("key %s already belongs to user %s", e.Fingerprint, e.User)
}

// RoleTakenError refuses to add keys to a user under another role than
// theirs: a role changes only by removing the user and adding them again.
type RoleTakenError struct {
	Name, Role, Asked string
}

func (e *RoleTakenError) Error() string {
	return fmt.Sprintf("user %s exists as %s, not %s: a role changes only by removing the user and adding them again", e.Name, e.Role, e.Asked)
}

// AddUser records u with its keys, or, when a user of that name exists with
// the same role, adds u's keys to theirs and sets their person and plans to
// u's when given. A different role is *RoleTakenError (a role changes only
// by removing the user and adding them again, so never by a typo); a key of
// another user is *KeyTakenError.
func (t *txn) AddUser(ctx context.Context, u User, at time.Time) error {
	var id int64
	var role string
	err := t.row(ctx, "SELECT id, role FROM user WHERE name = ?", u.Name).Scan(&id, &role)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		res, err := t.exec(ctx, "INSERT INTO user (name, role, person, plans, created) VALUES (?, ?, ?, ?, ?)",
			u.Name, u.Role, u.Person, strings.Join(u.Plans, ","), millis(at))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
	case err != nil:
		return err
	case role != u.Role:
		return &RoleTakenError{Name: u.Name, Role: role, Asked: u.Role}
	default:
		if u.Person != "" {
			if _, err := t.exec(ctx, "UPDATE user SET person = ? WHERE id = ?", u.Person, id); err != nil {
				return err
			}
		}
		if u.Plans != nil {
			if _, err := t.exec(ctx, "UPDATE user SET plans = ? WHERE id = ?", strings.Join(u.Plans, ","), id); err != nil {
				return err
			}
		}
	}
	for _, k := range u.Keys {
		owner, ok, err := t.UserByKey(ctx, k.Fingerprint)
		switch {
		case err != nil:
			return err
		case ok && owner == u.Name:
			continue // already theirs
		case ok:
			return &KeyTakenError{Fingerprint: k.Fingerprint, User: owner}
		}
		if _, err := t.exec(ctx, "INSERT INTO user_key (user_id, fingerprint, key, comment, added) VALUES (?, ?, ?, ?, ?)",
			id, k.Fingerprint, k.Key, k.Comment, millis(at)); err != nil {
			return err
		}
	}
	return nil
}

// RemoveUser deletes a user and their keys.
func (t *txn) RemoveUser(ctx context.Context, name string) error {
	res, err := t.exec(ctx, "DELETE FROM user WHERE name = ?", name)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return t.noUser(ctx, name)
	}
	return nil
}

func (t *txn) noUser(ctx context.Context, name string) error {
	var names sql.NullString
	_ = t.row(ctx, "SELECT group_concat(name, ', ') FROM (SELECT name FROM user ORDER BY name)").Scan(&names)
	if names.String == "" {
		return &NotFoundError{What: "user", Name: name, Known: "there are no users", None: true}
	}
	return &NotFoundError{What: "user", Name: name, Known: "users: " + names.String}
}

// UserByKey returns the name of the user a key fingerprint belongs to; ok
// is false for a key nobody has.
func (t *txn) UserByKey(ctx context.Context, fingerprint string) (name string, ok bool, err error) {
	err = t.row(ctx, "SELECT u.name FROM user_key k JOIN user u ON u.id = k.user_id WHERE k.fingerprint = ?", fingerprint).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return name, err == nil, err
}

// Users returns the users named name with their keys, or all by name for "".
func (t *txn) Users(ctx context.Context, name string) ([]User, error) {
	rows, err := t.query(ctx, `
		SELECT u.name, u.role, u.person, u.plans, u.created,
		       coalesce(k.fingerprint, ''), coalesce(k.key, ''), coalesce(k.comment, ''), coalesce(k.added, 0)
		FROM user u LEFT JOIN user_key k ON k.user_id = u.id
		WHERE ? = '' OR u.name = ?
		ORDER BY u.name, k.id`, name, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []User
	for rows.Next() {
		var u User
		var k Key
		var plans string
		var created, added int64
		if err := rows.Scan(&u.Name, &u.Role, &u.Person, &plans, &created, &k.Fingerprint, &k.Key, &k.Comment, &added); err != nil {
			return nil, err
		}
		if len(out) == 0 || out[len(out)-1].Name != u.Name {
			u.Created = fromMillis(created)
			if plans != "" {
				u.Plans = strings.Split(plans, ",")
			}
			u.Keys = []Key{}
			out = append(out, u)
		}
		if k.Fingerprint != "" {
			k.Added = fromMillis(added)
			last := &out[len(out)-1]
			last.Keys = append(last.Keys, k)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if name != "" && len(out) == 0 {
		return nil, t.noUser(ctx, name)
	}
	return out, nil
}
