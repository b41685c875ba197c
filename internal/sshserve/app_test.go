package sshserve

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"go.uber.org/goleak"
	gossh "golang.org/x/crypto/ssh"
)

// echoModel stands in for the TUI: it shows what the server handed it.
type echoModel struct {
	readOnly bool
	w, h     int
	typed    string
}

func (m echoModel) Init() tea.Cmd { return nil }

func (m echoModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		if msg.String() == "q" {
			return m, tea.Quit
		}
		m.typed += msg.String()
	}
	return m, nil
}

func (m echoModel) View() string {
	return fmt.Sprintf("readonly=%v size=%dx%d typed=%s.", m.readOnly, m.w, m.h, m.typed)
}

// fakeApp counts the apps still open, to prove each session closes its own.
func fakeApp(open *atomic.Int32) AppFunc {
	return func(_ context.Context, _ *lipgloss.Renderer, readOnly bool) (tea.Model, func(), error) {
		open.Add(1)
		return echoModel{readOnly: readOnly}, func() { open.Add(-1) }, nil
	}
}

// terminal is the client side of a session with a PTY. It answers the
// device-attributes query the way every terminal emulator does (the
// session's renderer asks, to learn the background colour).
type terminal struct {
	sess *gossh.Session
	in   io.Writer
	out  *syncBuffer
}

func openTerminal(t testing.TB, c *gossh.Client, w, h int) *terminal {
	t.Helper()
	return openTerminalThen(t, c, w, h, nil)
}

// openTerminalThen is openTerminal with before run between the pty request
// and the shell.
func openTerminalThen(t testing.TB, c *gossh.Client, w, h int, before func(*gossh.Session)) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	outPipe, _ := sess.StdoutPipe()
	term := &terminal{sess: sess, in: in, out: &syncBuffer{}}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := outPipe.Read(buf)
			term.out.Write(buf[:n])
			if strings.Contains(string(buf[:n]), "\x1b[c") {
				io.WriteString(in, "\x1b[?62;c")
			}
			if err != nil {
				return
			}
		}
	}()
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if before != nil {
		before(sess)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return term
}

func TestAppOverPTY(t *testing.T) {
	var open atomic.Int32
	ts := startServer(t, func(c *Config) { c.App = fakeApp(&open) })
	term := openTerminal(t, ts.login(t), 100, 30)
	waitFor(t, term.out, "readonly=true size=100x30", 10*time.Second)
	if err := term.sess.WindowChange(40, 120); err != nil {
		t.Fatal(err)
	}
	waitFor(t, term.out, "size=120x40", 5*time.Second)
	io.WriteString(term.in, "ab")
	waitFor(t, term.out, "typed=ab.", 5*time.Second)
	io.WriteString(term.in, "q")
	if err := term.sess.Wait(); err != nil {
		t.Fatalf("app session ended with %v", err)
	}
	waitForMatch(t, ts, `cmd=\(app\) duration=\S+ exit=0`)
	if n := open.Load(); n != 0 {
		t.Errorf("%d apps left open", n)
	}
	// With a terminal and a command, the command wins.
	term = openTerminalCommand(t, ts.login(t), "status")
	if err := term.sess.Wait(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(term.out.String(), "Riverside Health PCN (U99001)\r\n") {
		t.Errorf("status over a terminal: %q", term.out.String())
	}
}

func openTerminalCommand(t testing.TB, c *gossh.Client, command string) *terminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	term := &terminal{sess: sess, out: &syncBuffer{}}
	sess.Stdout = term.out
	if err := sess.RequestPty("xterm", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Start(command); err != nil {
		t.Fatal(err)
	}
	return term
}

func TestAppAllowEdit(t *testing.T) {
	var open atomic.Int32
	ts := startServer(t, func(c *Config) { c.App, c.AllowEdit = fakeApp(&open), true })
	term := openTerminal(t, ts.login(t), 80, 24)
	waitFor(t, term.out, "readonly=false", 10*time.Second)
}

// A client that vanishes mid-app leaves nothing running on the server: the
// program quits, the app's done func runs, and no goroutine is left.
func TestAppDisconnectLeavesNothing(t *testing.T) {
	var open atomic.Int32
	ts := startServer(t, func(c *Config) { c.App = fakeApp(&open) })
	run(t, ts.login(t), "status") // the server is surely up and accepting
	ignore := goleak.IgnoreCurrent()
	for range 3 {
		c := ts.login(t)
		term := openTerminal(t, c, 80, 24)
		waitFor(t, term.out, "size=80x24", 10*time.Second)
		c.Close() // no quit key, no exit: the connection just drops
	}
	verifyNoLeaks(t, ignore)
	if n := open.Load(); n != 0 {
		t.Errorf("%d apps left open", n)
	}
}

// Stopping the server asks open apps to quit rather than waiting out the
// shutdown timeout.
func TestShutdownQuitsApps(t *testing.T) {
	var open atomic.Int32
	ts := startServer(t, func(c *Config) { c.App, c.ShutdownTimeout = fakeApp(&open), 10*time.Second })
	term := openTerminal(t, ts.login(t), 80, 24)
	waitFor(t, term.out, "size=80x24", 10*time.Second)
	start := time.Now()
	ts.stop()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("shutdown waited %s for an open app", d)
	}
	if n := open.Load(); n != 0 {
		t.Errorf("%d apps left open", n)
	}
}
