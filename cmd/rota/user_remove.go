package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

type userRemoveOptions struct {
	e  *env
	db string
}

func newUserRemoveCmd(e *env) *cobra.Command {
	o := &userRemoveOptions{e: e}
	cmd := &cobra.Command{
		Use:   "remove NAME",
		Short: "remove a user and their keys: they can no longer log in, and rota serve closes their open sessions",
		Args:  exactArgs(1),
		RunE:  func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
	}
	addDBFlag(cmd, &o.db)
	return cmd
}

func (o *userRemoveOptions) run(name string) error {
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.RemoveUser(context.Background(), name); err != nil {
		return storeErr(err)
	}
	fmt.Fprintf(o.e.stdout, "User %s removed.\n", name)
	return nil
}
