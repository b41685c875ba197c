package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/demo"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/version"
)

func (m *Main) demoCommand() *cobra.Command {
	var noTUI bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "(Re)create the demo database, a fictional PCN, and open it",
		Long: `Demo makes a fictional PCN — Riverside Health PCN, six practices, this
period's services, a dozen workload notes, five priorities, nine additional
roles' workforce and a year of submissions it exported (pcnvoice history lists
them) — in a database of its own beside your real one (pcnvoice-demo.db), never
in it, and opens it.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := m.config()
			if err != nil {
				return err
			}
			if !m.demo { // --demo has already pointed dbPath at it
				m.dbPath = demoPath(m.dbPath)
			}
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
			err = demo.Seed(cmd.Context(), db, cfg, m.now(), version.Generator())
			db.Close()
			if err != nil {
				return err
			}
			if noTUI {
				err = m.printStatus(cmd)
			} else {
				err = m.runTUI(cmd, nil)
			}
			if err != nil {
				return err
			}
			m.demoHint(cmd.ErrOrStderr())
			return nil
		},
	}
	cmd.Flags().BoolVar(&noTUI, "no-tui", false, "only create the database and print its status")
	return cmd
}

// demoHint says, as demo ends, where the demo database is and how to point
// the other commands at it (SPEC §3): --demo, or --db with its path when
// the database was named with --db or PCNVOICE_DB (--demo alone would then
// mean the demo beside the default one).
func (m *Main) demoHint(w io.Writer) {
	fmt.Fprintf(w, "demo database: %s\n", termtext.Name(m.dbPath))
	how := "--db " + shellArg(m.dbPath)
	if !m.dbGiven {
		how = "--demo"
	}
	fmt.Fprintf(w, "To use it with any other command, give %s: pcnvoice %s status\n", how, how)
}

// shellArg quotes s for a shell when it needs it (a space, as in macOS's
// "Application Support"): single quotes, or double quotes on Windows. A
// name that is not printable is shown quoted by termtext.Name instead.
func shellArg(s string) string {
	if !termtext.Printable(s) {
		return termtext.Name(s)
	}
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.,/:@%+=~") == "" {
		return s
	}
	if runtime.GOOS == "windows" {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func (m *Main) printStatus(cmd *cobra.Command) error {
	s, err := m.readStatus(cmd.Context())
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(cmd.OutOrStdout(), FormatStatus(s, 80))
	return err
}
