package main

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

func (m *Main) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print pcnvoice's version",
		RunE: func(cmd *cobra.Command, args []string) error {
			commit := version.Commit()
			if commit != "" {
				commit = " " + commit
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "pcnvoice %s%s (%s %s/%s, database schema %d, submission format 1)\n",
				version.Number, commit, runtime.Version(), runtime.GOOS, runtime.GOARCH, store.SchemaVersion())
			return err
		},
	}
}
