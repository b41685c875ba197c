package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-isatty"
	"github.com/muesli/termenv"
	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/tui"
)

// runTUI opens the app on the database, creating it (in today's period) if
// there is none yet, so that a first run lands on the setup form. Without a
// terminal on both ends there is no app to show: it prints the status
// instead, which is what a pipe or a script wants.
func (m *Main) runTUI(cmd *cobra.Command, args []string) error {
	in, inOK := terminal(m.Stdin)
	out, outOK := terminal(m.Stdout)
	if !inOK || !outOK {
		fmt.Fprintln(cmd.ErrOrStderr(), "pcnvoice: not a terminal, so here is the status (run `pcnvoice` in a terminal for the app)")
		return m.printStatus(cmd)
	}
	ctx := cmd.Context()
	cfg, err := m.config()
	if err != nil {
		return err
	}
	db, err := m.openDB(ctx, true)
	if err != nil {
		return err
	}
	defer db.Close()

	r := lipgloss.NewRenderer(out)
	if m.Getenv("NO_COLOR") != "" || m.Getenv("TERM") == "dumb" {
		r.SetColorProfile(termenv.Ascii)
	}
	app := tui.New(ctx, tui.Options{DB: db, Config: cfg, Renderer: r, Now: m.now,
		AgentSocket: m.Getenv("SSH_AUTH_SOCK")})
	// WithReportFocus: back from another window, where the database may
	// have been changed, the app checks it before the next key.
	_, err = tea.NewProgram(app, tea.WithAltScreen(), tea.WithReportFocus(), tea.WithInput(in), tea.WithOutput(out)).Run()
	// Saves run beside the program: let the last confirmed edit land before
	// the database closes, however the program ended.
	app.Wait()
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("the app stopped: %w", err)
	}
	return nil
}

// terminal returns f as an *os.File when it is a terminal.
func terminal(f any) (*os.File, bool) {
	file, ok := f.(*os.File)
	if !ok {
		return nil, false
	}
	fd := file.Fd()
	return file, isatty.IsTerminal(fd) || isatty.IsCygwinTerminal(fd)
}
