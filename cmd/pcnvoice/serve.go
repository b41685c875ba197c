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

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/spf13/cobra"

	"github.com/pcnvoice/pcnvoice/internal/sshserve"
	"github.com/pcnvoice/pcnvoice/internal/tui"
)

// defaultListen is loopback: reaching the server from another machine is a
// decision the user makes with --listen, not one made for them.
const defaultListen = "127.0.0.1:23234"

func (m *Main) serveCommand() *cobra.Command {
	var listen, keysPath, hostKeyPath string
	var allowEdit bool
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
pcnvoice/ssh_host_ed25519_key.`,
		Example: `  pcnvoice serve
  ssh -p 23234 localhost status
  ssh -p 23234 localhost status --json
  ssh -t -p 23234 localhost          # the app, read-only`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if keysPath == "" || hostKeyPath == "" {
				dir, err := os.UserConfigDir()
				if err != nil {
					return fmt.Errorf("cannot find your config folder: give --authorized-keys FILE and --host-key FILE")
				}
				keysPath = cmp.Or(keysPath, filepath.Join(dir, "pcnvoice", "authorized_keys"))
				hostKeyPath = cmp.Or(hostKeyPath, filepath.Join(dir, "pcnvoice", "ssh_host_ed25519_key"))
			}
			return m.serve(cmd.Context(), listen, sshserve.Config{
				AuthorizedKeys: keysPath,
				HostKey:        hostKeyPath,
				AllowEdit:      allowEdit,
				Status:         m.sshStatus,
				App:            m.sshApp(),
				Log:            cmd.ErrOrStderr(),
				Now:            m.Now,
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&listen, "listen", defaultListen, "address to listen on")
	f.StringVar(&keysPath, "authorized-keys", "", "OpenSSH authorized_keys file of the keys let in (default: pcnvoice/authorized_keys in your config folder)")
	f.StringVar(&hostKeyPath, "host-key", "", "the server's private key, made on first start (default: pcnvoice/ssh_host_ed25519_key in your config folder)")
	f.BoolVar(&allowEdit, "allow-edit", false, "let the app over SSH change the database (default: read-only)")
	return cmd
}

func (m *Main) serve(ctx context.Context, listen string, cfg sshserve.Config) error {
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
// setting up a PCN is done at the machine, not over SSH.
func (m *Main) sshApp() sshserve.AppFunc {
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
		app := tui.New(ctx, tui.Options{DB: db, Config: cfg, Renderer: r, Now: m.now, ReadOnly: readOnly})
		return app, func() {
			cancel()
			// Saves run beside the program: the last confirmed edit lands
			// before the database closes, however the session ended.
			app.Wait()
			db.Close()
		}, nil
	}
}
