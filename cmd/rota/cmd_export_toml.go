package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"rota/internal/outfile"
)

type exportTOMLOptions struct {
	e       *env
	db, out string
}

func newExportTOMLCmd(e *env) *cobra.Command {
	o := &exportTOMLOptions{e: e}
	cmd := &cobra.Command{
		Use:   "export-toml PLAN[@VERSION] [-o FILE]",
		Short: "write a saved plan's version as a plan file",
		Long: refHelp + `
The file re-imports to the same plan (rota save FILE --name PLAN@VERSION).
The saved rota itself (SPOC months, buddies, presence days) stays in the
database: a plan file holds the rules the rota is computed from.`,
		Args:              exactArgs(1),
		RunE:              func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
		ValidArgsFunction: completePlans(e, &o.db, 1),
	}
	addDBFlag(cmd, &o.db)
	cmd.Flags().StringVarP(&o.out, "output", "o", "", "write the plan file to `FILE` instead of to standard output")
	return cmd
}

func (o *exportTOMLOptions) run(arg string) error {
	s, snap, err := loadTarget(o.e, o.db, arg, true) // a plan file that re-imports to the same plan keeps them
	if err != nil {
		return err
	}
	defer s.Close()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s, version %d, exported by rota.\n", titleLine(snap.Ref), snap.Version)
	if snap.Ref.Scenario == "" {
		fmt.Fprintf(&b, "# After editing, re-import it with: rota save FILE --name %s@%d\n", snap.Ref.Plan, snap.Version)
	}
	b.WriteString("# The saved rota (SPOC months, buddies, presence days) stays in the database.\n\n")
	b.Write(snap.Export())
	if o.out == "" {
		_, err := io.WriteString(dataOut(o.e.stdout), b.String())
		return err
	}
	// Private, as the database is (0600): a plan names people's absences.
	if err := outfile.Write(o.out, 0o600, func(w io.Writer) error { _, err := io.WriteString(w, b.String()); return err }); err != nil {
		return outErr(err)
	}
	return nil
}
