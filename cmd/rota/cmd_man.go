package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

type manOptions struct {
	e   *env
	dir string
}

// newManCmd writes rota's manual pages from the same definitions as its
// help; hidden, as packagers run it, not users.
func newManCmd(e *env) *cobra.Command {
	o := &manOptions{e: e}
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "write rota's manual pages (section 1) into DIR",
		Long:   `Writes rota.1 and a page for every command (rota-plan.1, rota-scenario-new.1, …). SOURCE_DATE_EPOCH, when set, fixes their date.`,
		Hidden: true,
		Args:   exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.dir = args[0]
			return o.run(cmd.Root())
		},
	}
}

func (o *manOptions) run(root *cobra.Command) error {
	stamp, err := exportStamp(o.e)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return badInput(fmt.Errorf("rota man: cannot make %s: %v", o.dir, err))
	}
	header := &doc.GenManHeader{Title: "ROTA", Section: "1", Source: versionLine(), Manual: "rota manual", Date: &stamp}
	if err := doc.GenManTree(root, header, o.dir); err != nil {
		return fmt.Errorf("rota man: %v", err)
	}
	fmt.Fprintf(o.e.stderr, "Wrote the manual pages into %s.\n", o.dir)
	return nil
}
