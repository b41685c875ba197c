package sshserve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	gossh "golang.org/x/crypto/ssh"
)

// sizes records every window size an app was given, across sessions.
type sizes struct {
	mu  sync.Mutex
	got []tea.WindowSizeMsg
}

func (s *sizes) add(m tea.WindowSizeMsg) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.got = append(s.got, m)
}

func (s *sizes) all() []tea.WindowSizeMsg {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]tea.WindowSizeMsg(nil), s.got...)
}

// waitLast waits for the last size given to be want.
func (s *sizes) waitLast(t testing.TB, want tea.WindowSizeMsg) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		got := s.all()
		if len(got) > 0 && got[len(got)-1] == want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the app's last size is not %dx%d; it was given %v", want.Width, want.Height, got)
		}
	}
}

// drawModel stands in for the TUI: it records its sizes, and its View
// costs what the real app's does, a string of every cell of the window.
type drawModel struct{ sizes *sizes }

type drawState struct {
	drawModel
	w, h int
}

func (m drawState) Init() tea.Cmd { return nil }

func (m drawState) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.sizes.add(msg)
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m drawState) View() string {
	line := strings.Repeat("─", max(m.w, 0))
	return strings.Repeat(line+"\n", max(m.h-1, 0)) + "ready."
}

func drawApp(s *sizes) AppFunc {
	return func(context.Context, *lipgloss.Renderer, bool) (tea.Model, func(), error) {
		return drawState{drawModel: drawModel{s}}, nil, nil
	}
}

// TestWindowClamped: the app never sees a window larger than 500×200, or
// smaller than 1×1, whatever the pty request or a window change claims.
func TestWindowClamped(t *testing.T) {
	var got sizes
	ts := startServer(t, func(c *Config) { c.App = drawApp(&got) })
	const huge = 2147483647
	term := openTerminal(t, ts.login(t), huge, huge)
	got.waitLast(t, tea.WindowSizeMsg{Width: 500, Height: 200})
	for _, tc := range []struct{ w, h, wantW, wantH int }{
		{120, 40, 120, 40},
		{huge, 10, 500, 10},
		{10, huge, 10, 200},
		{0, 0, 1, 1},
		{501, 201, 500, 200},
		{80, 24, 80, 24},
	} {
		if err := term.sess.WindowChange(tc.h, tc.w); err != nil {
			t.Fatal(err)
		}
		got.waitLast(t, tea.WindowSizeMsg{Width: tc.wantW, Height: tc.wantH})
	}
	for _, s := range got.all() {
		if s.Width < 1 || s.Width > MaxWidth || s.Height < 1 || s.Height > MaxHeight {
			t.Errorf("the app was given %dx%d", s.Width, s.Height)
		}
	}
}

// TestLogEscapesClientText: every field the client chose reaches the log
// escaped, never interpreted: a refused `stat<ESC>[0mus` is not logged as
// if it were "status", and a user name cannot paint the terminal that
// tails the log or forge a line.
func TestLogEscapesClientText(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.login(t)
	if _, _, code := run(t, c, "stat\x1b[0mus"); code != 2 {
		t.Errorf("stat<ESC>[0mus: exit %d, want 2", code)
	}
	waitForMatch(t, ts, `(?m) cmd="stat\\x1b\[0mus" duration=\S+ exit=2$`)
	long := strings.Repeat("x", 10000)
	run(t, c, long)
	waitForMatch(t, ts, `(?m) cmd="x{200}"…\(10000 bytes\) duration=\S+ exit=2$`)

	c2, err := ts.dialAs(t, "eve\x1b]0;pwned\x07\n2026-01-01T00:00:00Z forged", gossh.PublicKeys(ts.user))
	if err != nil {
		t.Fatal(err)
	}
	run(t, c2, "status")
	waitForMatch(t, ts, `(?m) user="eve\\x1b\]0;pwned\\a\\n2026-01-01T00:00:00Z forged" key=\S+ cmd="status" duration=\S+ exit=0$`)
	if _, err := ts.dialAs(t, "mallory\x1b[2J", gossh.PublicKeys(newSigner(t))); err == nil {
		t.Fatal("an unlisted key got in")
	}
	waitForMatch(t, ts, `(?m) user="mallory\\x1b\[2J" refused publickey`)
	if regexp.MustCompile(`cmd="status" duration=\S+ exit=2`).MatchString(ts.log.String()) {
		t.Errorf("the refused command was logged as status:\n%s", ts.log.String())
	}
	if strings.ContainsAny(ts.log.String(), "\x1b\r\a") {
		t.Errorf("a control character reached the log:\n%q", ts.log.String())
	}
}

// TestSessionLimits: with two sessions a key and three in all, the next
// session is refused with a one-line reason the client shows and the log
// records; once one closes, a new one is let in.
func TestSessionLimits(t *testing.T) {
	var got sizes
	other := newSigner(t)
	ts := startServer(t, func(c *Config) {
		c.App, c.MaxSessionsPerKey, c.MaxSessions = drawApp(&got), 2, 3
	})
	writeKeys(t, ts.keysPath, ts.user, other)
	c := ts.login(t)
	first := openTerminal(t, c, 80, 24)
	openTerminal(t, c, 80, 24)
	_, err := c.NewSession()
	if err == nil || !strings.Contains(err.Error(), "pcnvoice: this key has 2 sessions open, the most allowed") {
		t.Fatalf("third session with one key: %v", err)
	}
	waitForMatch(t, ts, `(?m) user="alice" key=\S+ refused session: this key has 2 sessions open`)

	// Another key gets one more, the server's third; then nobody does.
	c2, err := ts.dial(t, gossh.PublicKeys(other))
	if err != nil {
		t.Fatal(err)
	}
	openTerminal(t, c2, 80, 24)
	if _, err := c2.NewSession(); err == nil || !strings.Contains(err.Error(), "the server has 3 sessions open, the most allowed") {
		t.Fatalf("fourth session on the server: %v", err)
	}

	// Closing a session frees its place.
	io.WriteString(first.in, "q")
	if err := first.sess.Wait(); err != nil {
		t.Fatal(err)
	}
	first.sess.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		sess, err := c.NewSession()
		if err == nil {
			sess.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed session's place was not freed: %v", err)
		}
	}
}

// TestIdleClientDropped: a client that sends nothing — logged in with the
// app open, or only connected — is cut off after the idle timeout, and
// the log says why. The app quits first, as if q was pressed, so the
// client's terminal is handed back off the alternate screen with its
// cursor shown (cut at once, the client was left on a dead screen with no
// cursor), and the session ends with status 1.
func TestIdleClientDropped(t *testing.T) {
	var got sizes
	ts := startServer(t, func(c *Config) { c.App, c.IdleTimeout = drawApp(&got), 500*time.Millisecond })
	c := ts.login(t)
	start := time.Now()
	term := openTerminal(t, c, 80, 24)
	got.waitLast(t, tea.WindowSizeMsg{Width: 80, Height: 24})
	err := term.sess.Wait()
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("an idle session lasted %s", d)
	}
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("idle session ended with %v; want exit status 1", err)
	}
	out := term.out.String()
	on, off := strings.LastIndex(out, "\x1b[?1049h"), strings.LastIndex(out, "\x1b[?1049l")
	if on < 0 || off < on || !strings.Contains(out[off:], "\x1b[?25h") && !strings.Contains(out[on:off], "\x1b[?25h") {
		t.Errorf("the client's terminal was not handed back (alternate screen off, cursor shown): %q", out[max(0, len(out)-200):])
	}
	waitForMatch(t, ts, `(?m) connection closed: no input from the client for 500ms$`)
	waitForMatch(t, ts, `(?m) cmd=\(app\) duration=\S+ exit=1 end="no input from the client for 500ms"$`)
}

// TestLoginGrace: a connection that never logs in, or logs in and opens
// no session, is closed after the grace period.
func TestLoginGrace(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.LoginGrace = 300 * time.Millisecond })
	raw, err := net.Dial("tcp", ts.addr) // connected; says nothing at all
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(15 * time.Second))
	if _, err := io.Copy(io.Discard, raw); err != nil {
		t.Fatalf("a silent connection was not closed: %v", err)
	}
	waitForMatch(t, ts, `(?m) user="" key=- connection closed: no session for 300ms$`)

	c := ts.login(t) // logged in; no session
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("a connection with no session is still open")
	}
	waitForMatch(t, ts, `(?m) user="alice" key=SHA256:\S+ connection closed: no session for 300ms$`)
}

// TestConnectionLimit: past MaxConnections, a new connection is closed at
// once, before any work on it, and the refusal logged; once one closes,
// a new one is let in.
func TestConnectionLimit(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.MaxConnections = 2 })
	var held []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", ts.addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(15 * time.Second))
		// The server's version line shows it has taken the connection.
		if _, err := c.Read(make([]byte, 8)); err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
	}
	if _, err := ts.dial(t, gossh.PublicKeys(ts.user)); err == nil {
		t.Fatal("a third connection was let in")
	}
	waitForMatch(t, ts, `(?m) refused: 2 connections open, the most allowed`)
	held[0].Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if c, err := ts.dial(t, gossh.PublicKeys(ts.user)); err == nil {
			c.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a closed connection's place was not freed")
		}
	}
}

// TestCommandTimeLimit: a command still running after MaxCommandTime
// (here, a status that hangs) is cut off and logged as such.
func TestCommandTimeLimit(t *testing.T) {
	ts := startServer(t, func(c *Config) {
		c.MaxCommandTime = 300 * time.Millisecond
		c.Status = func(ctx context.Context, w io.Writer, _ bool) error {
			<-ctx.Done()
			return ctx.Err()
		}
	})
	c := ts.login(t)
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	sess.Run("status")
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("a hung command lasted %s", d)
	}
	waitForMatch(t, ts, `(?m) cmd="status" duration=\S+ exit=1 end="cut off after 300ms"$`)
}

// TestRequestBounds: what a session's requests can make the server hold
// is bounded: env requests past the limit, a pty request with an
// outlandish terminal type, and window changes before the session starts
// are refused or held to one, and the session still works.
func TestRequestBounds(t *testing.T) {
	var got sizes
	ts := startServer(t, func(c *Config) { c.App = drawApp(&got) })
	c := ts.login(t)

	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	refused := 0
	for i := range 100 {
		if sess.Setenv(fmt.Sprintf("LC_%d", i), "en_GB.UTF-8") != nil {
			refused++
		}
	}
	if big := sess.Setenv("LANG", strings.Repeat("x", 4096)); big == nil {
		t.Error("a 4 KiB env request was accepted")
	}
	if refused != 100-maxEnvVars {
		t.Errorf("%d of 100 env requests refused, want %d", refused, 100-maxEnvVars)
	}
	sess.Close()
	if sess, err = c.NewSession(); err != nil {
		t.Fatal(err)
	}
	if sess.Setenv(sessionVar, "1") == nil {
		t.Errorf("the client set %s", sessionVar)
	}
	if err := sess.RequestPty(strings.Repeat("x", 100), 24, 80, gossh.TerminalModes{}); err == nil {
		t.Error("a 100-byte TERM was accepted")
	}
	for range 50 {
		if err := sess.RequestPty("xterm\x1b[31m", 24, 80, gossh.TerminalModes{}); err == nil {
			t.Fatal("a TERM with an escape sequence was accepted")
		}
	}
	sess.Close()
	// The client is told only "PTY allocation request failed": the log
	// says why, each reason once a session however often it is sent.
	waitForMatch(t, ts, `(?m) user="alice" key=\S+ refused terminal: its type \(TERM\) is over \d+ bytes$`)
	waitForMatch(t, ts, `(?m) user="alice" key=\S+ refused terminal: its type \(TERM\) is not printable ASCII$`)
	waitForMatch(t, ts, `(?m) user="alice" key=\S+ refused environment variable: more than \d+$`)
	waitForMatch(t, ts, `(?m) refused environment variable: PCNVOICE_SESSION is the server's$`)
	for _, why := range []string{"refused environment variable: more than", "refused terminal: its type (TERM) is not printable ASCII"} {
		if n := strings.Count(ts.log.String(), why); n != 1 {
			t.Errorf("%d log lines %q, want 1 for the session:\n%s", n, why, ts.log.String())
		}
	}

	// Window changes before the shell: held back, the latest passed on
	// once it runs; the ssh package's one-place channel never blocks.
	term := openTerminalThen(t, c, 80, 24, func(sess *gossh.Session) {
		for i := range 50 {
			if err := sess.WindowChange(30+i, 100); err != nil {
				t.Fatal(err)
			}
		}
	})
	got.waitLast(t, tea.WindowSizeMsg{Width: 100, Height: 79})
	io.WriteString(term.in, "q")
	if err := term.sess.Wait(); err != nil {
		t.Fatalf("session after early window changes: %v", err)
	}
}
