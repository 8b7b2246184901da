package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/backend"
	"rota/internal/report"
)

type userListOptions struct {
	e      *env
	db     string
	asJSON bool
}

func newUserListCmd(e *env) *cobra.Command {
	o := &userListOptions{e: e}
	cmd := &cobra.Command{
		Use:   "list [--json]",
		Short: "list the users, their roles and keys",
		Args:  exactArgs(0),
		RunE:  func(*cobra.Command, []string) error { return o.run() },
	}
	addDBFlag(cmd, &o.db)
	addJSONFlag(cmd, &o.asJSON, "print the list as JSON")
	return cmd
}

func (o *userListOptions) run() error {
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	list, err := s.Users(context.Background())
	if err != nil {
		return storeErr(err)
	}
	w := o.e.stdout
	if o.asJSON {
		if list == nil {
			list = []backend.User{}
		}
		return writeJSON(w, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(w, "No users yet: add one with rota user add NAME --role pa --key FILE.pub.")
		return nil
	}
	rows := [][]string{{"USER", "ROLE", "PERSON", "PLANS", "KEY", "COMMENT"}}
	for _, u := range list {
		plans := "all"
		if u.Plans != nil {
			plans = strings.Join(u.Plans, ",")
		}
		row := []string{u.Name, u.Role, u.Person, plans, "", ""}
		if len(u.Keys) == 0 {
			rows = append(rows, row)
		}
		for i, k := range u.Keys {
			if i > 0 {
				row = []string{"", "", "", "", "", ""}
			}
			row[4], row[5] = k.Fingerprint, k.Comment
			rows = append(rows, row)
		}
	}
	report.WriteTable(w, rows)
	return nil
}
