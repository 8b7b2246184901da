package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newUserCmd(e *env) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user add|list|remove",
		Short: "manage who may log in to rota serve, with their role and SSH keys",
		Long: `Users log in to rota serve over SSH with a public key; each has a role:
  admin    everything, including users and calendar feeds
  pa       edits plans and adopts what-ifs
  manager  reads plans; makes, keeps and drops what-ifs, but cannot adopt them
  ad       reads plans; records and removes their own absences (needs --person)`,
		Example: `  rota user add jo --role pa --key ~/jo.pub
  rota user add paul --role ad --person paul --key "ssh-ed25519 AAAAC3Nza… paul@laptop"
  rota user list
  rota user remove jo`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return badInput(fmt.Errorf("rota user: name what to do: add, list or remove"))
		},
	}
	cmd.AddCommand(newUserAddCmd(e), newUserListCmd(e), newUserRemoveCmd(e))
	return cmd
}
