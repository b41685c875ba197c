// Package sshserve is `pcnvoice serve`: an SSH server (charmbracelet/wish)
// that lets a colleague whose key is in an authorized_keys file run the
// status, or open the app, on the machine that holds the database.
//
// It knows nothing of the database or of package main: the command hands it
// a StatusFunc and an AppFunc, so the server is tested with stand-ins and
// the status it prints is byte for byte the one `pcnvoice status` prints.
package sshserve

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
)

// StatusFunc writes the status to w, as text or as SPEC §7's JSON. It opens
// the database itself, so each session reads a fresh snapshot.
type StatusFunc func(ctx context.Context, w io.Writer, asJSON bool) error

// AppFunc builds the TUI's root model for one SSH session, styled through r
// (the session's renderer, not the server's terminal) and refusing edits
// when readOnly. done, if not nil, is called when the session ends, to close
// what the model opened.
type AppFunc func(ctx context.Context, r *lipgloss.Renderer, readOnly bool) (m tea.Model, done func(), err error)

// Config is what Serve needs. AuthorizedKeys, HostKey and Status are
// required; the rest have defaults.
type Config struct {
	AuthorizedKeys string // OpenSSH authorized_keys file, re-read at every login
	HostKey        string // ed25519 private key, made on first start
	AllowEdit      bool   // the app over SSH may change the database
	Status         StatusFunc
	App            AppFunc  // nil: a session with a terminal gets the status
	Notes          []string // lines for the log when Serve starts, after its own

	Log             io.Writer        // one line per session and per refusal; default io.Discard
	Now             func() time.Time // default time.Now
	ShutdownTimeout time.Duration    // how long sessions get to finish; default 5s

	// Limits, so that no client (with a key or without) can exhaust the
	// host. Each has a default (DefaultLimits) used when it is zero.
	MaxSessions       int           // sessions open at once, in total
	MaxSessionsPerKey int           // sessions open at once with one key
	IdleTimeout       time.Duration // a connection whose client sends nothing this long is closed
	MaxCommandTime    time.Duration // a session without the app (status) is cut off after this
	// MaxConnections caps connections at once, logins in progress
	// included; default twice MaxSessions.
	MaxConnections int
	// LoginGrace is how long a connection may go without a session: to
	// log in and open one, or after its last one ended.
	LoginGrace time.Duration
}

// DefaultLimits returns the limits a Config gets for those it leaves zero
// (MaxConnections: twice MaxSessions).
func DefaultLimits() Config {
	return Config{
		MaxSessions:       16,
		MaxSessionsPerKey: 4,
		IdleTimeout:       30 * time.Minute,
		MaxCommandTime:    time.Minute,
		LoginGrace:        30 * time.Second,
	}
}

// Server is a configured SSH server, ready to Serve.
type Server struct {
	cfg     Config
	srv     *ssh.Server
	hostKey HostKey
	nkeys   int
	log     *logger
	stop    chan struct{} // closed when Serve starts shutting down: apps quit
	active  atomic.Int32  // sessions running
	conns   conns
	slots   slots
	windows windows
}

// New checks the configuration and prepares the server. It refuses to build
// one that anybody could log in to: no authorized keys file, or one with no
// keys, is an error. The host key is made here on first start.
func New(cfg Config) (*Server, error) {
	if cfg.Status == nil {
		return nil, errors.New("sshserve: Config.Status is required")
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = 5 * time.Second
	}
	d := DefaultLimits()
	cfg.MaxSessions = cmp.Or(max(cfg.MaxSessions, 0), d.MaxSessions)
	cfg.MaxSessionsPerKey = cmp.Or(max(cfg.MaxSessionsPerKey, 0), d.MaxSessionsPerKey)
	cfg.IdleTimeout = cmp.Or(max(cfg.IdleTimeout, 0), d.IdleTimeout)
	cfg.MaxCommandTime = cmp.Or(max(cfg.MaxCommandTime, 0), d.MaxCommandTime)
	cfg.LoginGrace = cmp.Or(max(cfg.LoginGrace, 0), d.LoginGrace)
	cfg.MaxConnections = cmp.Or(max(cfg.MaxConnections, 0), 2*cfg.MaxSessions)
	keys, err := LoadAuthorizedKeys(cfg.AuthorizedKeys)
	if err != nil {
		return nil, err
	}
	hk, err := LoadOrCreateHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, hostKey: hk, nkeys: len(keys), log: &logger{w: cfg.Log, now: cfg.Now}, stop: make(chan struct{})}
	s.conns = conns{max: cfg.MaxConnections, idle: cfg.IdleTimeout, grace: cfg.LoginGrace, log: s.log}
	s.slots = slots{max: cfg.MaxSessions, perKey: cfg.MaxSessionsPerKey}
	for _, w := range optionWarnings(cfg.AuthorizedKeys, keys) {
		s.log.line(w)
	}
	if hk.Warning != "" {
		s.log.line(hk.Warning)
	}
	if hk.Created {
		s.log.line(fmt.Sprintf("made a new host key %s (%s)", hk.Path, hk.Fingerprint()))
	}
	if cfg.AllowEdit {
		s.log.line("--allow-edit: anyone with an authorized key can change the database through the app")
	}
	// Only public keys are offered. Wish (like gliderlabs/ssh under it) lets
	// anyone in when no handler at all is set, so the key handler is always
	// installed and New refuses to start without keys. Refusing password and
	// keyboard-interactive handlers are deliberately not installed: an
	// offered method makes OpenSSH prompt for a password that can never work.
	//
	// The idle timeout is the connection's own (conns), not the ssh
	// package's, which the server's writes would reset; and the only
	// channel type is "session", through sessionChannel's limits.
	s.srv, err = wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(hk.Signer); return nil },
		wish.WithVersion("pcnvoice"),
		wish.WithPublicKeyAuth(s.publicKeyAuth),
		func(srv *ssh.Server) error {
			srv.Handle(s.handle)
			srv.ConnCallback = s.conns.callback
			srv.ChannelHandlers = map[string]ssh.ChannelHandler{"session": s.sessionChannel}
			return nil
		},
	)
	if err != nil {
		return nil, fmt.Errorf("ssh server: %w", err)
	}
	return s, nil
}

// HostKey is the server's host key, so the caller can print its fingerprint.
func (s *Server) HostKey() HostKey { return s.hostKey }

// Serve accepts connections on ln until ctx ends, then stops: no new
// connections, open apps asked to quit, and sessions still running after
// ShutdownTimeout cut off. It returns nil after a shutdown asked for by ctx.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.log.line(fmt.Sprintf("listening on %s · host key %s · keys from %s (%d now, re-read at every login)",
		ln.Addr(), s.hostKey.Fingerprint(), s.cfg.AuthorizedKeys, s.nkeys))
	c := s.cfg
	s.log.line(fmt.Sprintf("limits: %d sessions at once, %d a key; %d connections; idle %s; commands %s; %s to open a session",
		c.MaxSessions, c.MaxSessionsPerKey, c.MaxConnections, c.IdleTimeout, c.MaxCommandTime, c.LoginGrace))
	for _, n := range c.Notes {
		s.log.line(n)
	}
	errc := make(chan error, 1)
	go func() { errc <- s.srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	close(s.stop)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	// Shutdown stops listening and waits for connections to close. Once no
	// session runs there is nothing left worth waiting for: an idle
	// connection (ssh -N, a ControlMaster) would hold it to the timeout.
	go func() {
		for s.active.Load() > 0 {
			select {
			case <-sctx.Done():
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
		cancel()
	}()
	if err := s.srv.Shutdown(sctx); errors.Is(err, context.DeadlineExceeded) {
		s.log.line(fmt.Sprintf("stopping: cutting off sessions still running after %s", s.cfg.ShutdownTimeout))
	}
	s.conns.closeAll()
	<-errc // ssh.ErrServerClosed, now that the listener is shut
	s.log.line("stopped")
	return nil
}
