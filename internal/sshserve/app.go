package sshserve

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	bm "github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// runApp runs the TUI for a session that asked for a terminal. Wish's
// Bubble Tea middleware does the SSH plumbing: input and output through the
// session, the client's window size and every change to it as
// tea.WindowSizeMsg, and quitting the program when the client goes away.
func (s *Server) runApp(sess ssh.Session) int {
	code := exitOK
	var done func()
	finished := make(chan struct{})
	defer func() {
		close(finished)
		if done != nil {
			done()
		}
	}()
	handler := func(sess ssh.Session) *tea.Program {
		// The renderer is the session's: colours follow the client's
		// terminal and TERM, not the server's (which may have none).
		r := bm.MakeRenderer(sess)
		m, d, err := s.cfg.App(sess.Context(), r, !s.cfg.AllowEdit)
		if err != nil {
			s.errorLine(sess, "pcnvoice: "+termtext.Line(err.Error()))
			code = exitError
			return nil
		}
		done = d
		opts := append(bm.MakeOptions(sess),
			tea.WithAltScreen(),
			// The server's own SIGINT/SIGTERM belong to Serve, which asks
			// every app to quit; a program must not react to them itself.
			tea.WithoutSignalHandler(),
		)
		p := tea.NewProgram(m, opts...)
		go func() {
			select {
			case <-s.stop:
				p.Quit()
			case <-finished:
			}
		}()
		return p
	}
	// termenv.Ascii as the floor: never force colours the client's
	// terminal did not ask for.
	bm.MiddlewareWithProgramHandler(handler, termenv.Ascii)(func(ssh.Session) {})(sess)
	return code
}
