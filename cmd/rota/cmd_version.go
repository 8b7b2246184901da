package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

func newVersionCmd(e *env) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print rota's version (also rota --version)",
		Args:  cobra.ArbitraryArgs, // as before: rota version anything prints the version
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(e.stdout, versionLine())
			return err
		},
	}
}

// versionLine is what rota version and rota --version print: the version,
// the commit it was built from when known, and the Go release.
func versionLine() string {
	v := version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "rota " + v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return fmt.Sprintf("rota %s, %s", v, info.GoVersion)
}
