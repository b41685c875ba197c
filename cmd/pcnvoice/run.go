package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// Exit codes (SPEC §3).
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
	exitPII   = 3
)

// Main is the program with its surroundings made explicit, so tests run it
// with buffers, a fixed clock and their own environment.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	Now    func() time.Time

	dbPath     string // from --db / PCNVOICE_DB / the platform default
	dbGiven    bool   // --db or PCNVOICE_DB named it
	demo       bool   // --demo: the demo database beside dbPath
	configPath string
	configSet  bool // the user named a config file: it must exist

	// The output boundary (output.go): Stdout and Stderr through the
	// sanitiser, and the outside names to quote in what they carry.
	out, errOut *termtext.Writer
	names       quotedNames
}

// exitErr carries an exit code other than 1 up to Run.
type exitErr struct {
	code int
	err  error
}

func (e *exitErr) Error() string { return e.err.Error() }
func (e *exitErr) Unwrap() error { return e.err }

func usageErr(format string, args ...any) error {
	return &exitErr{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// Run runs the command line args (without the program name) and returns the
// exit code. Errors are printed as one line on Stderr.
func (m *Main) Run(ctx context.Context, args []string) int {
	if m.Getenv == nil {
		m.Getenv = func(string) string { return "" }
	}
	if m.Now == nil {
		m.Now = time.Now
	}
	if m.Stdin == nil {
		m.Stdin = strings.NewReader("")
	}
	flush := m.setupOutput()
	defer flush()
	root := m.rootCommand()
	root.SetArgs(args)
	root.SetIn(m.Stdin)
	root.SetOut(m.out)
	root.SetErr(m.errOut)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	code := exitError
	var ee *exitErr
	if errors.As(err, &ee) {
		code = ee.code
	}
	msg := m.line(err.Error())
	if ctx.Err() != nil {
		// Whatever failed, failed because the user asked it to stop (the
		// driver reports an interrupted statement in its own words).
		msg = "interrupted: stopped before finishing; an unfinished import, export or backup changes nothing"
	}
	if code == exitUsage {
		path := "pcnvoice"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		msg += " (see `" + path + " --help`)"
	}
	fmt.Fprintln(m.errOut, "pcnvoice: "+msg)
	return code
}

func (m *Main) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "pcnvoice",
		Short: "Primary care's collective voice: record your PCN's view, merge a forum's",
		Long: `pcnvoice helps a PCN clinical director record their network's practices,
service delivery, workload and priorities, export a signed submission for the
PCN forum, and helps the forum merge many submissions into one board-ready pack.

Run it with no command to open the app on your database.`,
		Args:          noArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		RunE:          m.runTUI,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			m.rememberInputs(cmd, args)
			return m.resolvePaths(cmd)
		},
	}
	root.CompletionOptions.HiddenDefaultCmd = true
	pathFlag(root.PersistentFlags(), &m.dbPath, "db", "", "database file (default: $PCNVOICE_DB or your local data folder)")
	root.PersistentFlags().BoolVar(&m.demo, "demo", false, "use the demo database `pcnvoice demo` makes (the same as --db with its path)")
	pathFlag(root.PersistentFlags(), &m.configPath, "config", "", "config file (default: $PCNVOICE_CONFIG or your config folder)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageErr("%v", err) })
	root.AddCommand(
		m.demoCommand(),
		m.statusCommand(),
		m.exportCommand(),
		m.importCommand(),
		m.historyCommand(),
		m.diffCommand(),
		m.mergeCommand(),
		m.serveCommand(),
		m.verifyCommand(),
		m.versionCommand(),
	)
	for _, c := range root.Commands() {
		if c.Args == nil {
			c.Args = noArgs
		}
	}
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usageErr("unknown command %q", args[0])
		}
		return usageErr("%s takes no arguments, got %q", cmd.CommandPath(), args[0])
	}
	return nil
}

// resolvePaths settles where the database and config live: flag, then
// environment, then the platform default.
func (m *Main) resolvePaths(cmd *cobra.Command) error {
	if m.dbPath == "" {
		if err := m.envPath(&m.dbPath, "PCNVOICE_DB"); err != nil {
			return err
		}
	}
	m.dbGiven = m.dbPath != ""
	if m.dbPath == "" {
		p, err := defaultDBPath(m.Getenv)
		if err != nil {
			return err
		}
		m.dbPath = p
	}
	if m.configPath != "" || m.Getenv("PCNVOICE_CONFIG") != "" {
		m.configSet = true
		if m.configPath == "" {
			if err := m.envPath(&m.configPath, "PCNVOICE_CONFIG"); err != nil {
				return err
			}
		}
	} else {
		m.configPath = defaultConfigPath()
	}
	if m.demo {
		m.dbPath = demoPath(m.dbPath)
	}
	m.names.addPath(m.dbPath)
	m.names.addPath(demoPath(m.dbPath))
	m.names.addPath(m.configPath)
	return nil
}

// envPath sets *p to the path in the environment variable name, with a
// leading ~ made the home folder as pathValue makes it of a flag's: a
// quoted "~/pcn.db" in a profile reaches us as it was written.
func (m *Main) envPath(p *string, name string) error {
	v, err := config.ExpandHome(m.Getenv(name))
	if err != nil {
		return fmt.Errorf("%s=%s: %w", name, v, err)
	}
	*p = v
	return nil
}

func (m *Main) config() (*config.Config, error) {
	return config.Load(m.configPath, m.configSet)
}

// checkConfig validates the config as config() would, for a command that
// uses none of it: a config named but missing, or broken, is an error for
// every command, not only those that happen to read it. It reads no
// defaults, so status stays fast.
func (m *Main) checkConfig() error {
	return config.Check(m.configPath, m.configSet)
}

// openDB opens the database for a command that may change it. With create
// false a missing file is an error that says how to make one.
func (m *Main) openDB(ctx context.Context, create bool) (*store.DB, error) {
	return m.open(ctx, store.Options{Create: create})
}

// openForReading opens the database for a command that only reads it: a
// read-only file or folder is opened read-only instead of refused.
func (m *Main) openForReading(ctx context.Context) (*store.DB, error) {
	return m.open(ctx, store.Options{ReadOnlyOK: true})
}

func (m *Main) open(ctx context.Context, opt store.Options) (*store.DB, error) {
	// Backups are named for when they happen, not SOURCE_DATE_EPOCH.
	opt.Period, opt.Now = domain.PeriodOf(m.now()).String(), m.Now
	db, err := store.Open(ctx, m.dbPath, opt)
	return db, m.openErr(err)
}

// readStatus reads the status summary the quick way (store.ReadStatus): a
// fresh process runs it every time.
func (m *Main) readStatus(ctx context.Context) (store.Summary, error) {
	s, err := store.ReadStatus(ctx, m.dbPath, store.Options{ReadOnlyOK: true, Period: domain.PeriodOf(m.now()).String(), Now: m.Now})
	return s, m.openErr(err)
}

// openErr says what to do about a database that could not be opened.
func (m *Main) openErr(err error) error {
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		return fmt.Errorf("no database at %s yet: run `pcnvoice` to set up your PCN, `pcnvoice import FILE` to restore a submission, or `pcnvoice demo` to try it", m.dbPath)
	case errors.Is(err, store.ErrReadOnly):
		return fmt.Errorf("%w; this command changes the database, so it cannot run, but `pcnvoice status`, `history`, `diff` and `export` (to stdout) can read it", err)
	case errors.Is(err, store.ErrNotPCNVoice):
		return notADatabase(m.dbPath, err)
	}
	return err
}

// now is the clock, or SOURCE_DATE_EPOCH when set, for reproducible output.
func (m *Main) now() time.Time {
	if s := m.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return m.Now()
}
