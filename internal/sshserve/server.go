// Package sshserve is `pcnvoice serve`: an SSH server (charmbracelet/wish)
// that lets a colleague whose key is in an authorized_keys file run the
// status, or open the app, on the machine that holds the database.
//
// It knows nothing of the database or of package main: the command hands it
// a StatusFunc and an AppFunc, so the server is tested with stand-ins and
// the status it prints is byte for byte the one `pcnvoice status` prints.
package sshserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
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
	App            AppFunc // nil: a session with a terminal gets the status

	Log             io.Writer        // one line per session and per refusal; default io.Discard
	Now             func() time.Time // default time.Now
	ShutdownTimeout time.Duration    // how long sessions get to finish; default 5s
	IdleTimeout     time.Duration    // a connection silent this long is closed; default 30m
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
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = 30 * time.Minute
	}
	keys, err := LoadAuthorizedKeys(cfg.AuthorizedKeys)
	if err != nil {
		return nil, err
	}
	hk, err := LoadOrCreateHostKey(cfg.HostKey)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, hostKey: hk, nkeys: len(keys), log: &logger{w: cfg.Log, now: cfg.Now}, stop: make(chan struct{})}
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
	s.srv, err = wish.NewServer(
		func(srv *ssh.Server) error { srv.AddHostKey(hk.Signer); return nil },
		wish.WithVersion("pcnvoice"),
		wish.WithPublicKeyAuth(s.publicKeyAuth),
		wish.WithIdleTimeout(cfg.IdleTimeout),
		func(srv *ssh.Server) error {
			srv.Handle(s.handle)
			srv.ConnCallback = s.conns.callback
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

// conns remembers every connection the server accepted, from the moment it
// is accepted, so that stopping can close each one. The ssh package tracks
// connections only once their handshake is over, which leaves one still
// authenticating, or one just authenticated, running after Serve returns.
type conns struct {
	mu     sync.Mutex
	open   map[*trackedConn]struct{}
	closed bool
}

type trackedConn struct {
	net.Conn
	set  *conns
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.set.mu.Lock()
		delete(c.set.open, c)
		c.set.mu.Unlock()
	})
	return c.Conn.Close()
}

// callback is the server's ConnCallback: after closeAll it turns every new
// connection away.
func (s *conns) callback(_ ssh.Context, c net.Conn) net.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		c.Close()
		return nil
	}
	if s.open == nil {
		s.open = map[*trackedConn]struct{}{}
	}
	tc := &trackedConn{Conn: c, set: s}
	s.open[tc] = struct{}{}
	return tc
}

func (s *conns) closeAll() {
	s.mu.Lock()
	s.closed = true
	open := s.open
	s.open = nil
	s.mu.Unlock()
	for c := range open {
		c.Conn.Close()
	}
}
