package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/serve"
)

type userAddOptions struct {
	e      *env
	db     string
	role   string
	keys   []string
	person string
	plans  []string
	asJSON bool
}

func newUserAddCmd(e *env) *cobra.Command {
	o := &userAddOptions{e: e}
	cmd := &cobra.Command{
		Use:   "add NAME --role admin|pa|manager|ad --key KEY|FILE [--key …] [--person ID] [--plans a,b]",
		Short: "add a user, or more keys to one",
		Long: `NAME is recorded as the author of the user's changes. --key is a public key
("ssh-ed25519 AAAA… comment") or a public-key file (id_ed25519.pub, or an
authorized_keys file: every key in it); give --key again for more keys. Adding
an existing user again with the same role adds the keys; a role changes only
by removing the user and adding them again.`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVar(&o.role, "role", "", "admin, pa, manager or ad")
	cmd.Flags().StringArrayVar(&o.keys, "key", nil, "an SSH public key, or a file of them (repeatable)")
	cmd.Flags().StringVar(&o.person, "person", "", "their person id in the plans (an ad's own month and absences)")
	cmd.Flags().StringSliceVar(&o.plans, "plans", nil, "the only plans they may see (default every plan)")
	addJSONFlag(cmd, &o.asJSON, "print the user as JSON")
	return cmd
}

func (o *userAddOptions) run(name string) error {
	if err := backend.CheckName("user", name); err != nil {
		return badInput(err)
	}
	if !slices.Contains(backend.Roles, backend.Role(o.role)) {
		return badInput(fmt.Errorf("--role %q: give one of admin, pa, manager, ad", o.role))
	}
	if len(o.keys) == 0 {
		return badInput(fmt.Errorf("user %s: give their SSH public key with --key (a key, or a .pub file)", name))
	}
	if o.role == "ad" && o.person == "" {
		return badInput(fmt.Errorf("user %s: an ad needs --person, the person id they are in the plans (their own month and absences)", name))
	}
	if o.person != "" {
		if err := backend.CheckName("person", o.person); err != nil {
			return badInput(fmt.Errorf("--person: %v", err))
		}
	}
	u := backend.User{Name: name, Role: o.role, Person: o.person}
	for _, k := range o.keys {
		keys, err := serve.ParseKeys(k)
		if err != nil {
			return badInput(err)
		}
		u.Keys = append(u.Keys, keys...)
	}
	s, err := openStore(o.e, o.db, true)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx := context.Background()
	if o.plans != nil {
		if u.Plans, err = knownPlans(ctx, s, o.plans); err != nil {
			return err
		}
	}
	if u.Person != "" {
		if err := knownPerson(ctx, s, u.Person, u.Plans); err != nil {
			return err
		}
	}
	got, err := s.AddUser(ctx, u)
	if err != nil {
		return userErr(err)
	}
	if o.asJSON {
		return writeJSON(o.e.stdout, got)
	}
	fmt.Fprintf(o.e.stdout, "User %s (%s) has %d key(s).\n", got.Name, got.Role, len(got.Keys))
	return nil
}

// knownPlans checks that every plan named exists.
func knownPlans(ctx context.Context, s *backend.Session, names []string) ([]string, error) {
	list, err := s.Plans(ctx)
	if err != nil {
		return nil, storeErr(err)
	}
	var have []string
	for _, p := range list {
		have = append(have, p.Name)
	}
	out := []string{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if !slices.Contains(have, n) {
			return nil, badInput(&backend.NotFoundError{What: "plan", Name: n, Known: "plans: " + strings.Join(have, ", ")})
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, badInput(fmt.Errorf("--plans: name at least one plan, or leave it out for every plan"))
	}
	return out, nil
}

// knownPerson checks that person is a person of at least one of the plans
// (every plan when plans is nil): a mistyped --person would give an AD no
// month and no absences of their own, silently. With no plan saved yet any
// id is taken, so users may be added before the plan.
func knownPerson(ctx context.Context, s *backend.Session, person string, plans []string) error {
	if plans == nil {
		list, err := s.Plans(ctx)
		if err != nil {
			return storeErr(err)
		}
		for _, p := range list {
			plans = append(plans, p.Name)
		}
	}
	ids := map[string]bool{}
	for _, name := range plans {
		snap, err := s.Load(ctx, backend.Ref{Plan: name}, 0)
		if err != nil {
			return storeErr(err)
		}
		for _, p := range snap.Plan.Persons {
			if p.ID == person {
				return nil
			}
			ids[p.ID] = true
		}
	}
	if len(plans) == 0 {
		return nil
	}
	known := slices.Sorted(maps.Keys(ids))
	return badInput(&backend.NotFoundError{What: "person", Name: person, Known: fmt.Sprintf("%s %s: %s", plural(len(plans), "plan", "plans"), strings.Join(plans, ", "), strings.Join(known, ", "))})
}

// userErr gives the users' errors their exit codes.
func userErr(err error) error {
	var taken *backend.KeyTakenError
	var role *backend.RoleTakenError
	var unknown *backend.UnknownRoleError
	switch {
	case errors.As(err, &taken):
		return badInput(fmt.Errorf("%w (remove it there first: rota user remove %s)", err, shellArg(taken.User)))
	case errors.As(err, &role):
		return badInput(fmt.Errorf("user %s exists as %s, not %s: to change their role, rota user remove %s, then add them again", role.Name, role.Role, role.Asked, shellArg(role.Name)))
	case errors.As(err, &unknown):
		return badInput(err)
	}
	return storeErr(err)
}
