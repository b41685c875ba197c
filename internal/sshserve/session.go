package sshserve

import (
	"bytes"
	"fmt"
	"strings"

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
	command, code := "(refused: stopping)", exitError
	defer func() {
		// One session's bug must not take the server, and everyone else's
		// sessions, down with it.
		if r := recover(); r != nil {
			s.log.line(fmt.Sprintf("%s user=%s panic in session: %v", addr(sess.RemoteAddr()), quote(sess.User()), r))
			s.errorLine(sess, "pcnvoice: internal error; the server log has the details")
			code = exitError
		}
		_ = sess.Exit(code)
		s.log.session(sess, command, s.cfg.Now().Sub(start), code)
	}()
	select {
	case <-s.stop:
		s.errorLine(sess, "pcnvoice serve is stopping; try again when it is back")
	default:
		command, code = s.dispatch(sess)
	}
}

// dispatch returns the command as logged and the exit status.
func (s *Server) dispatch(sess ssh.Session) (string, int) {
	raw := sess.RawCommand()
	_, _, hasPty := sess.Pty()
	switch args := strings.Fields(raw); {
	case len(args) == 0 && hasPty && s.cfg.App != nil:
		return "(app)", s.runApp(sess)
	case len(args) == 0:
		// A script's `ssh host` with no terminal gets the status, not a hang.
		return "(none)", s.status(sess, false)
	case len(args) == 1 && args[0] == "status":
		return quote(raw), s.status(sess, false)
	case len(args) == 2 && args[0] == "status" && args[1] == "--json":
		return quote(raw), s.status(sess, true)
	default:
		s.errorLine(sess, unknownCommand)
		return quote(raw), exitUsage
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
