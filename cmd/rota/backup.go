package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

type backupOptions struct {
	e  *env
	db string
}

func newBackupCmd(e *env) *cobra.Command {
	o := &backupOptions{e: e}
	cmd := &cobra.Command{
		Use:   "backup PATH",
		Short: "write a consistent copy of the database, also while rota serve runs",
		Long: `The copy holds every plan with its history, the what-ifs, the users and the
feeds, as of one moment; rota serve and the command line go on working
meanwhile. PATH must not exist. To restore: stop rota serve, put the copy in
the database's place (rota --db PATH works on it directly), start rota serve.`,
		Args: exactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error { return o.run(args[0]) },
	}
	addDBFlag(cmd, &o.db)
	return cmd
}

func (o *backupOptions) run(path string) error {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return badInput(fmt.Errorf("rota backup: %s is a folder: give the copy's own file name, such as %s", path, filepath.Join(path, "rota-backup.db")))
	}
	s, err := openStore(o.e, o.db, false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(context.Background(), path); err != nil {
		return storeErr(err)
	}
	fmt.Fprintf(o.e.stdout, "Backup written to %s.\n", path)
	return nil
}
