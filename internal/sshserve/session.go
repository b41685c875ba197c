package sshserve

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// Exit statuses sent to the client, the same as the command line's (SPEC §3).
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// unknownCommand is the whole help a client gets: the server runs nothing
// but these, whatever the command line asks for.
const unknownCommand = "unknown command; try: status, status --json"

// publicKeyAuth lets in a key listed in the authorized keys file. The file
// is read again for every attempt, so adding or removing a colleague's key
// takes effect at their next login with no restart; if it has become
// unreadable or malformed, everybody is refused until it is fixed.
func (s *Server) publicKeyAuth(ctx ssh.Context, key ssh.PublicKey) bool {
	keys, err := LoadAuthorizedKeys(s.cfg.AuthorizedKeys)
	if err != nil {
		s.log.refused(ctx, "publickey", key, err.Error())
		return false
	}
	if _, ok := match(keys, key); !ok {
		s.log.refused(ctx, "publickey", key, "not in "+s.cfg.AuthorizedKeys)
		return false
	}
	return true
}

// handle runs one session and logs it. The command line is matched word for
// word; nothing the client sends reaches a shell.
func (s *Server) handle(sess ssh.Session) {
	s.active.Add(1)
	defer s.active.Add(-1)
	start := s.cfg.Now()
	win := s.windows.of(sess.Environ())
	command, code, end := "(refused: stopping)", exitError, ""
	defer func() {
		// One session's bug must not take the server, and everyone else's
		// sessions, down with it.
		if r := recover(); r != nil {
			s.log.line(fmt.Sprintf("%s user=%s panic in session: %v", addr(sess.RemoteAddr()), quote(sess.User()), r))
			s.errorLine(sess, "pcnvoice: internal error; the server log has the details")
			code = exitError
		}
		_ = sess.Exit(code)
		s.log.session(sess, command, s.cfg.Now().Sub(start), code, end)
	}()
	select {
	case <-s.stop:
		s.errorLine(sess, "pcnvoice serve is stopping; try again when it is back")
	default:
		command, code, end = s.dispatch(sess, win)
	}
}

// dispatch runs the session's command and returns it as logged, the exit
// status, and how it ended if not by itself.
func (s *Server) dispatch(sess ssh.Session, win *window) (command string, code int, end string) {
	raw := sess.RawCommand()
	_, _, hasPty := sess.Pty()
	if strings.TrimSpace(raw) == "" && hasPty && s.cfg.App != nil {
		code, end = s.runApp(sess, win)
		return "(app)", code, end
	}
	// Anything but the app is over in moments; a command still running
	// after MaxCommandTime is stuck, most likely writing to a client that
	// takes nothing, and only closing the connection frees it.
	var cut atomic.Bool
	t := time.AfterFunc(s.cfg.MaxCommandTime, func() {
		cut.Store(true)
		if tc := connOf(sess.Context()); tc != nil {
			tc.cut(fmt.Sprintf("a command ran past %s, the most allowed", s.cfg.MaxCommandTime), true)
		}
	})
	defer func() {
		t.Stop()
		if cut.Load() {
			code, end = exitError, fmt.Sprintf("cut off after %s", s.cfg.MaxCommandTime)
		}
	}()
	command = quote(raw)
	if len(raw) > maxCommandLine { // refused before any work in proportion to it
		s.errorLine(sess, unknownCommand)
		return command, exitUsage, ""
	}
	switch args := strings.Fields(raw); {
	case len(args) == 0:
		// A script's `ssh host` with no terminal gets the status, not a hang.
		return "(none)", s.status(sess, false), ""
	case len(args) == 1 && args[0] == "status":
		return command, s.status(sess, false), ""
	case len(args) == 2 && args[0] == "status" && args[1] == "--json":
		return command, s.status(sess, true), ""
	default:
		s.errorLine(sess, unknownCommand)
		return command, exitUsage, ""
	}
}

// status prints the status. It is built in memory first so that the read
// transaction ends before a slow client has taken the first byte, and so an
// error never leaves half a status on the screen.
func (s *Server) status(sess ssh.Session, asJSON bool) int {
	var buf bytes.Buffer
	if err := s.cfg.Status(sess.Context(), &buf, asJSON); err != nil {
		s.errorLine(sess, "pcnvoice: "+termtext.Line(err.Error()))
		return exitError
	}
	if _, err := sess.Write(buf.Bytes()); err != nil {
		return exitError
	}
	return exitOK
}

// errorLine writes one line on the session's stderr. With a terminal the
// line ends in CR LF: stderr does not pass through the emulated terminal's
// newline translation, and a bare LF would leave the cursor mid-screen.
func (s *Server) errorLine(sess ssh.Session, msg string) {
	end := "\n"
	if _, _, hasPty := sess.Pty(); hasPty {
		end = "\r\n"
	}
	fmt.Fprint(sess.Stderr(), msg+end)
}
