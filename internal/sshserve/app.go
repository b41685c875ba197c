package sshserve

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/ssh"
	"github.com/muesli/termenv"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// resizeEvery is the least time between two sizes handed to the app: a
// client sending window changes as fast as it can gets a redraw twenty
// times a second, of the latest size, and no more.
const resizeEvery = 50 * time.Millisecond

// errClientGone ends an app whose input has ended: the client closed the
// session, or its end of it, or dropped the connection (which of these
// cannot be told apart reliably: all three end the input first).
var errClientGone = errors.New("the client went away")

// runApp runs the TUI for a session that asked for a terminal: input and
// output through the session, the client's window size (clamped) as
// tea.WindowSizeMsg, and the program ended the moment the client goes —
// whether it drops the connection or only closes this session.
//
// It does the plumbing Wish's Bubble Tea middleware would, itself, so that
// sizes are clamped and coalesced before the app sees them and every
// goroutine it starts ends with the session.
func (s *Server) runApp(sess ssh.Session, win *window) (code int, end string) {
	ctx, cancel := context.WithCancelCause(sess.Context())
	defer cancel(nil)
	r := renderer(sess)
	m, done, err := s.cfg.App(ctx, r, !s.cfg.AllowEdit)
	if err != nil {
		s.errorLine(sess, "pcnvoice: "+termtext.Line(err.Error()))
		return exitError, ""
	}
	if done != nil {
		defer done()
	}
	p := tea.NewProgram(m,
		tea.WithInput(inputReader{r: sess, closed: func() { cancel(errClientGone) }}),
		tea.WithOutput(sess),
		tea.WithAltScreen(),
		tea.WithContext(ctx),
		// The server's own SIGINT/SIGTERM belong to Serve, which asks
		// every app to quit; a program must not react to them itself.
		tea.WithoutSignalHandler(),
	)
	finished := make(chan struct{})
	var leaving <-chan struct{} // nil, and so never ready, without a tracked connection
	if tc := connOf(sess.Context()); tc != nil {
		leaving = tc.leaving
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		select {
		case <-s.stop:
			p.Quit()
		case <-leaving: // the server ends the connection (idle): quit as if q was pressed
			p.Quit()
		case <-finished:
		}
	}()
	go func() {
		defer wg.Done()
		win.feed(p, finished)
	}()
	_, err = p.Run()
	close(finished)
	wg.Wait()
	switch {
	case ctx.Err() != nil:
		return exitError, s.why(sess)
	case isClosed(leaving):
		why := s.why(sess)
		s.errorLine(sess, "pcnvoice: session closed: "+why)
		return exitError, why
	case err != nil:
		s.log.line(addr(sess.RemoteAddr()) + " app stopped: " + termtext.Line(err.Error()))
		return exitError, ""
	}
	return exitOK, ""
}

// why says how a session ended that did not end by itself.
func (s *Server) why(sess ssh.Session) string {
	select {
	case <-s.stop:
		return "the server is stopping"
	default:
	}
	if tc := connOf(sess.Context()); tc != nil && tc.reason() != "" {
		return tc.reason()
	}
	return errClientGone.Error()
}

// inputReader is the session's input for the program. When it ends (the
// client closed the session, or its end of it) there is nobody left to
// type, so the app ends too: Bubble Tea itself would carry on, drawing for
// no one, for as long as the connection lasts.
type inputReader struct {
	r      io.Reader
	closed func()
}

func (in inputReader) Read(p []byte) (int, error) {
	n, err := in.r.Read(p)
	if err != nil {
		in.closed()
	}
	return n, err
}

// window is the latest size of a session's terminal, clamped, as filter
// records it.
type window struct {
	mu      sync.Mutex
	w, h    int
	changed chan struct{} // holds a token while a size is waiting
}

func newWindow() *window { return &window{changed: make(chan struct{}, 1)} }

func (win *window) set(w, h int) {
	w, h = clampSize(w, h)
	win.mu.Lock()
	win.w, win.h = w, h
	win.mu.Unlock()
	select {
	case win.changed <- struct{}{}:
	default: // a size is already waiting; it now reads as this one
	}
}

func (win *window) size() (int, int) {
	win.mu.Lock()
	defer win.mu.Unlock()
	return win.w, win.h
}

// feed hands p each new size, the latest one only, at most every
// resizeEvery, until finished.
func (win *window) feed(p *tea.Program, finished <-chan struct{}) {
	pause := time.NewTimer(0)
	defer pause.Stop()
	for {
		select {
		case <-win.changed:
		case <-finished:
			return
		}
		w, h := win.size()
		p.Send(tea.WindowSizeMsg{Width: w, Height: h})
		pause.Reset(resizeEvery)
		select {
		case <-pause.C:
		case <-finished:
			return
		}
	}
}

// renderer is the session's own: colours follow the client's TERM (and
// NO_COLOR, should the client send it), not the server's terminal, which
// it may not have. Unlike Wish's, it does not ask the terminal for its
// background colour: the app's colours do not depend on it, and the
// question would hold the session up to a second for a client that does
// not answer, and leave a reader behind that takes its first keystrokes.
func renderer(sess ssh.Session) *lipgloss.Renderer {
	pty, _, _ := sess.Pty()
	if pty.Term == "" || pty.Term == "dumb" {
		return lipgloss.NewRenderer(sess, termenv.WithProfile(termenv.Ascii))
	}
	env := environ(append(sess.Environ(), "TERM="+pty.Term))
	return lipgloss.NewRenderer(sess, termenv.WithEnvironment(env), termenv.WithUnsafe(), termenv.WithColorCache(true))
}

// environ is a session's environment for termenv.
type environ []string

// Environ is the whole environment.
func (e environ) Environ() []string { return e }

// Getenv is one variable's value, the last one set.
func (e environ) Getenv(k string) string {
	v := ""
	for _, kv := range e {
		if rest, ok := strings.CutPrefix(kv, k+"="); ok {
			v = rest
		}
	}
	return v
}

// isClosed reports whether c is closed (a nil c never is).
func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
