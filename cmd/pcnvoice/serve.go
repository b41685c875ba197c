package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/sshserve"
	"github.com/pcnvoice/pcnvoice/internal/termtext"
	"github.com/pcnvoice/pcnvoice/internal/tui"
)

// defaultListen is loopback: reaching the server from another machine is a
// decision the user makes with --listen, not one made for them.
const defaultListen = "127.0.0.1:23234"

func (m *Main) serveCommand() *cobra.Command {
	var listen, keysPath, hostKeyPath, forumDir string
	var allowEdit bool
	lim := sshserve.DefaultLimits()
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the status (and the app, read-only) over SSH to authorised keys",
		Long: `Serve runs an SSH server so that colleagues whose public keys are in the
authorized keys file can run the status, or open the app, without a login on
this machine. Only public keys are accepted; passwords never are. The keys
file is read again at every login, so adding a colleague needs no restart.
OpenSSH options on a key line (from=, command=, no-pty…) are not enforced.

The host key (ed25519) is made on first start, mode 0600, and kept.
Defaults live in your config folder: pcnvoice/authorized_keys and
pcnvoice/ssh_host_ed25519_key.

A key holder reaches the database and nothing else: the app over SSH opens
no file the user names. Its Forum section lists the forum packs in
--forum-dir, if given, and opens only those. Sessions are limited in number
(in all and per key), a silent connection is closed, and a command other
than the app is cut off after --max-command-time.`,
		Example: `  pcnvoice serve
  ssh -p 23234 localhost status
  ssh -p 23234 localhost status --json
  ssh -t -p 23234 localhost          # the app, read-only
  pcnvoice serve --forum-dir ~/forum  # its Forum section lists the packs there`,
		RunE: func(cmd *cobra.Command, args []string) error {
			// Each `ssh -t` session reads the config: a broken one stops
			// the server now, not every session later.
			if err := m.checkConfig(); err != nil {
				return err
			}
			if err := checkLimits(lim); err != nil {
				return err
			}
			if forumDir != "" {
				dir, err := sharedForumDir(forumDir)
				if err != nil {
					return err
				}
				forumDir = dir
			}
			if keysPath == "" || hostKeyPath == "" {
				dir, err := os.UserConfigDir()
				if err != nil {
					return fmt.Errorf("cannot find your config folder: give --authorized-keys FILE and --host-key FILE")
				}
				keysPath = cmp.Or(keysPath, filepath.Join(dir, "pcnvoice", "authorized_keys"))
				hostKeyPath = cmp.Or(hostKeyPath, filepath.Join(dir, "pcnvoice", "ssh_host_ed25519_key"))
			}
			return m.serve(cmd.Context(), listen, forumDir, sshserve.Config{
				AuthorizedKeys:    keysPath,
				HostKey:           hostKeyPath,
				AllowEdit:         allowEdit,
				Status:            m.sshStatus,
				App:               m.sshApp(forumDir),
				Log:               cmd.ErrOrStderr(),
				Now:               m.Now,
				MaxSessions:       lim.MaxSessions,
				MaxSessionsPerKey: lim.MaxSessionsPerKey,
				IdleTimeout:       lim.IdleTimeout,
				MaxCommandTime:    lim.MaxCommandTime,
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", defaultListen, "address to listen on")
	pathFlag(f, &keysPath, "authorized-keys", "", "OpenSSH authorized_keys file of the keys let in (default: pcnvoice/authorized_keys in your config folder)")
	pathFlag(f, &hostKeyPath, "host-key", "", "the server's private key, made on first start (default: pcnvoice/ssh_host_ed25519_key in your config folder)")
	f.BoolVar(&allowEdit, "allow-edit", false, "let the app over SSH change the database (default: read-only)")
	pathFlag(f, &forumDir, "forum-dir", "", "folder of forum packs the app's Forum section lists over SSH (default: the forum is not shared)")
	f.IntVar(&lim.MaxSessions, "max-sessions", lim.MaxSessions, "sessions open at once, in all")
	f.IntVar(&lim.MaxSessionsPerKey, "max-sessions-per-key", lim.MaxSessionsPerKey, "sessions open at once with one key")
	f.DurationVar(&lim.IdleTimeout, "idle-timeout", lim.IdleTimeout, "close a connection whose client sends nothing for this long")
	f.DurationVar(&lim.MaxCommandTime, "max-command-time", lim.MaxCommandTime, "cut off a command other than the app (status) after this long")
	return cmd
}

// checkLimits refuses limits that would make the server useless, or
// unlimited: each must be at least one session, or a positive time.
func checkLimits(l sshserve.Config) error {
	for _, n := range []struct {
		flag string
		v    int
	}{{"--max-sessions", l.MaxSessions}, {"--max-sessions-per-key", l.MaxSessionsPerKey}} {
		if n.v < 1 {
			return usageErr("%s %d: give at least 1", n.flag, n.v)
		}
	}
	for _, d := range []struct {
		flag string
		v    time.Duration
	}{{"--idle-timeout", l.IdleTimeout}, {"--max-command-time", l.MaxCommandTime}} {
		if d.v <= 0 {
			return usageErr("%s %s: give a time such as 30m or 1m", d.flag, d.v)
		}
	}
	return nil
}

// sharedForumDir checks --forum-dir at start, so that a mistyped folder is
// an error now rather than an empty list for every colleague later, and
// makes it absolute: sessions must not depend on the server's working
// folder.
func sharedForumDir(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("--forum-dir %s: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("--forum-dir %s: no such folder", abs)
	case err != nil:
		return "", fmt.Errorf("--forum-dir %w", err)
	case !fi.IsDir():
		return "", fmt.Errorf("--forum-dir %s: not a folder", abs)
	}
	return abs, nil
}

func (m *Main) serve(ctx context.Context, listen, forumDir string, cfg sshserve.Config) error {
	if forumDir != "" {
		cfg.Notes = append(cfg.Notes, "the app's Forum section lists the packs in "+termtext.Line(forumDir))
	} else {
		cfg.Notes = append(cfg.Notes, "the forum is not shared over SSH (give --forum-dir DIR to list the packs in DIR)")
	}
	srv, err := sshserve.New(cfg)
	if errors.Is(err, fs.ErrNotExist) {
		if _, statErr := os.Stat(cfg.AuthorizedKeys); errors.Is(statErr, fs.ErrNotExist) {
			return fmt.Errorf("no authorized keys file at %s: put each colleague's public key (their ~/.ssh/id_ed25519.pub line) in it, or give --authorized-keys FILE; pcnvoice serve never runs open to all", cfg.AuthorizedKeys)
		}
	}
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return fmt.Errorf("%w (is another pcnvoice serve running? give --listen ADDR)", err)
	}
	return srv.Serve(ctx, ln)
}

// sshStatus is `pcnvoice status` for one SSH session: the database is
// opened for the session and closed after it, so each status is a fresh
// read, and a database made after the server started is found.
func (m *Main) sshStatus(ctx context.Context, w io.Writer, asJSON bool) error {
	db, err := m.openDB(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := db.Summary(ctx)
	if err != nil {
		return err
	}
	if asJSON {
		return writeStatusJSON(w, s)
	}
	_, err = io.WriteString(w, FormatStatus(s, 80))
	return err
}

// sshApp is the app for one `ssh -t` session: its own database handle and
// model, drawn with the session's renderer. The database must exist already:
// setting up a PCN is done at the machine, not over SSH. The app is remote:
// it opens no file the user names, and its Forum section offers only the
// packs in forumDir ("" : none).
func (m *Main) sshApp(forumDir string) sshserve.AppFunc {
	return func(ctx context.Context, r *lipgloss.Renderer, readOnly bool) (tea.Model, func(), error) {
		cfg, err := m.config()
		if err != nil {
			return nil, nil, err
		}
		db, err := m.openDB(ctx, false)
		if err != nil {
			return nil, nil, err
		}
		ctx, cancel := context.WithCancel(ctx)
		app := tui.New(ctx, tui.Options{DB: db, Config: cfg, Renderer: r, Now: m.now, ReadOnly: readOnly,
			Remote: true, ForumDir: forumDir})
		return app, func() {
			cancel()
			// Saves run beside the program: the last confirmed edit lands
			// before the database closes, however the session ended.
			app.Wait()
			db.Close()
		}, nil
	}
}
