package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

func (m *Main) demoCommand() *cobra.Command {
	var noTUI bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "(Re)create the demo database, a fictional PCN, and open it",
		Long: `Demo makes a fictional PCN — Riverside Health PCN, six practices, this
period's services, a dozen workload notes and five priorities — in a database of
its own beside your real one (pcnvoice-demo.db), never in it, and opens it.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := m.config()
			if err != nil {
				return err
			}
			m.dbPath = demoPath(m.dbPath)
			// Only a demo database is replaced: a file of another kind that
			// happens to have its name is left alone.
			if err := store.Recognise(cmd.Context(), m.dbPath); err != nil && !errors.Is(err, store.ErrNoDatabase) {
				return fmt.Errorf("%w; the demo database is made at that path, so move the file away first", err)
			}
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(m.dbPath + suffix); err != nil && !os.IsNotExist(err) {
					return fmt.Errorf("remove the old demo database: %w", err)
				}
			}
			snap := demo.Snapshot(cfg, m.now())
			db, err := store.Open(cmd.Context(), m.dbPath, store.Options{Create: true, Period: snap.Period.String(), Now: m.Now})
			if err != nil {
				return err
			}
			err = db.Restore(cmd.Context(), snap, nil)
			db.Close()
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "demo database: %s\n", termtext.Name(m.dbPath))
			if noTUI {
				return m.printStatus(cmd)
			}
			return m.runTUI(cmd, nil)
		},
	}
	cmd.Flags().BoolVar(&noTUI, "no-tui", false, "only create the database and print its status")
	return cmd
}

func (m *Main) printStatus(cmd *cobra.Command) error {
	db, err := m.openForReading(cmd.Context())
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.Summary(cmd.Context())
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(cmd.OutOrStdout(), FormatStatus(s, 80))
	return err
}
