package sshserve

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// The largest window the app is drawn in, whatever the client claims: a
// screen costs memory and time in proportion to its cells, and an SSH
// client may claim 2147483647×2147483647. 500×200 is past any real
// terminal on any real monitor.
const (
	MaxWidth  = 500
	MaxHeight = 200
)

// Bounds on what a session's requests may make the server hold.
const (
	maxTermBytes   = 64   // the pty request's TERM ("xterm-256color")
	maxEnvVars     = 32   // env requests a session may make (OpenSSH sends LANG, LC_*)
	maxEnvBytes    = 1024 // one env request's name and value together
	maxCommandLine = 1024 // an exec request's command line, before it is even split
)

// clampSize brings a window size the client sent within 1×1 to
// MaxWidth×MaxHeight.
func clampSize(w, h int) (int, int) {
	return min(max(w, 1), MaxWidth), min(max(h, 1), MaxHeight)
}

// slots counts the sessions open, in total and per key.
type slots struct {
	max, perKey int

	mu    sync.Mutex
	total int
	byKey map[string]int
}

// take claims a session for key, or says why it cannot.
func (s *slots) take(key string) (ok bool, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.byKey[key] >= s.perKey:
		return false, fmt.Sprintf("this key has %s open, the most allowed; close one and try again", sessions(s.byKey[key]))
	case s.total >= s.max:
		return false, fmt.Sprintf("the server has %s open, the most allowed; try again later", sessions(s.total))
	}
	if s.byKey == nil {
		s.byKey = map[string]int{}
	}
	s.total++
	s.byKey[key]++
	return true, ""
}

func sessions(n int) string {
	if n == 1 {
		return "1 session"
	}
	return fmt.Sprintf("%d sessions", n)
}

func (s *slots) release(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total--
	if s.byKey[key]--; s.byKey[key] == 0 {
		delete(s.byKey, key)
	}
}

// sessionChannel is the handler for "session" channels: it counts the
// session against the limits, refusing it with a one-line reason the
// client shows (OpenSSH: "channel 0: open failed: resource shortage: …"),
// and hands an accepted one to the ssh package with its requests filtered.
// The slot is held until the channel is closed, so a client that never
// closes its sessions cannot open more.
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	key := "-"
	if k, ok := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey); ok {
		key = fingerprint(k)
	}
	ok, why := s.slots.take(key)
	if !ok {
		s.log.line(fmt.Sprintf("%s refused session: %s", who(ctx, conn.RemoteAddr()), why))
		nc.Reject(gossh.ResourceShortage, "pcnvoice: "+why)
		return
	}
	defer s.slots.release(key)
	if tc := connOf(ctx); tc != nil {
		tc.sessionOpened()
		defer tc.sessionClosed()
	}
	ssh.DefaultSessionHandler(srv, conn, filteredChannel{nc, s, who(ctx, conn.RemoteAddr())}, ctx)
}

// filteredChannel hands the ssh package a session's requests through
// Server.filter; who names the client in the log.
type filteredChannel struct {
	gossh.NewChannel
	s   *Server
	who string
}

func (c filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return nil, nil, err
	}
	return ch, c.s.filter(reqs, c.who), nil
}

// sessionVar is the environment variable by which filter tells the
// session's handler which window is its own; a client cannot set it.
const sessionVar = "PCNVOICE_SESSION"

// filter passes a session's requests on, bounded: a pty request with an
// outlandish TERM refused, its window clamped; env requests limited in
// number and size. Window changes it keeps to itself: it records the
// latest, clamped, in the session's window, which the app reads. (The ssh
// package would put each in a channel with room for one, which blocks its
// request loop until the session empties it, and rewrite the session's pty
// while the handler reads it.) A refusal is logged with its reason, as
// who: the client sees only "PTY allocation request failed". The
// goroutine ends when the client's side of the channel closes.
func (s *Server) filter(in <-chan *gossh.Request, who string) <-chan *gossh.Request {
	out := make(chan *gossh.Request)
	win := newWindow()
	id := s.windows.add(win)
	go func() {
		defer close(out)
		defer s.windows.remove(id)
		envs := 0
		logged := map[string]bool{} // the refusals this session has logged
		for req := range in {
			ok, why := true, ""
			switch req.Type {
			case "window-change":
				if w, h, good := parseDims(req.Payload); good {
					win.set(w, h)
				}
				req.Reply(true, nil)
				continue
			case "pty-req":
				if why = clampPty(req.Payload); why == "" {
					if w, h, good := parseDims(req.Payload[4+binary.BigEndian.Uint32(req.Payload):]); good {
						win.set(w, h)
					}
				}
				ok = why == ""
			case "env":
				envs++
				switch {
				case envs > maxEnvVars:
					why = fmt.Sprintf("refused environment variable: more than %d", maxEnvVars)
				case len(req.Payload) > maxEnvBytes:
					why = fmt.Sprintf("refused environment variable: over %d bytes", maxEnvBytes)
				case setsVar(req.Payload, sessionVar):
					why = "refused environment variable: " + sessionVar + " is the server's"
				}
				ok = why == ""
			case "shell", "exec":
				out <- &gossh.Request{Type: "env", Payload: gossh.Marshal(struct{ Name, Value string }{sessionVar, strconv.FormatUint(id, 10)})}
			}
			if !ok {
				if why != "" && !logged[why] {
					// Each reason once a session, not a line per request
					// of a client that sends thousands.
					logged[why] = true
					s.log.line(who + " " + why)
				}
				req.Reply(false, nil)
				continue
			}
			out <- req
		}
	}()
	return out
}

// setsVar reports whether an env request's payload names the variable v.
func setsVar(p []byte, v string) bool {
	var kv struct{ Name, Value string }
	return gossh.Unmarshal(p, &kv) == nil && kv.Name == v
}

// windows are the sessions' windows, by the id filter gives each.
type windows struct {
	mu   sync.Mutex
	next uint64
	m    map[uint64]*window
}

func (ws *windows) add(w *window) uint64 {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if ws.m == nil {
		ws.m = map[uint64]*window{}
	}
	ws.next++
	ws.m[ws.next] = w
	return ws.next
}

func (ws *windows) remove(id uint64) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	delete(ws.m, id)
}

// of is the window of the session whose environment is env.
func (ws *windows) of(env []string) *window {
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, sessionVar+"="); ok {
			id, _ := strconv.ParseUint(v, 10, 64)
			ws.mu.Lock()
			w := ws.m[id]
			ws.mu.Unlock()
			if w != nil {
				return w
			}
		}
	}
	return newWindow()
}

// parseDims reads the window size of a window-change payload (RFC 4254
// 6.7: four uint32s, columns, rows, width and height in pixels), clamped.
func parseDims(p []byte) (w, h int, ok bool) {
	if len(p) < 16 {
		return 0, 0, false
	}
	w, h = clampSize(int(min(binary.BigEndian.Uint32(p), MaxWidth)), int(min(binary.BigEndian.Uint32(p[4:]), MaxHeight)))
	return w, h, true
}

// clampPty checks a pty-req payload (RFC 4254 6.2: TERM, then the window
// as in window-change, then the terminal modes) and clamps its window in
// place. A TERM longer than any real one, or holding anything but
// printable ASCII, refuses the pty; why says so, for the log ("" when the
// pty is accepted).
func clampPty(p []byte) (why string) {
	if len(p) < 4 {
		return "refused terminal: a malformed request"
	}
	n := binary.BigEndian.Uint32(p)
	if n > maxTermBytes {
		return fmt.Sprintf("refused terminal: its type (TERM) is over %d bytes", maxTermBytes)
	}
	if uint64(len(p)) < 4+uint64(n)+16 {
		return "refused terminal: a malformed request"
	}
	for _, b := range p[4 : 4+n] {
		if b <= ' ' || b > '~' {
			return "refused terminal: its type (TERM) is not printable ASCII"
		}
	}
	clampDims(p[4+n:])
	return ""
}

// clampDims clamps columns and rows to MaxWidth×MaxHeight (and at least
// 1×1), and the pixel sizes to what such a window could have.
func clampDims(p []byte) {
	w, h, _ := parseDims(p)
	binary.BigEndian.PutUint32(p, uint32(w))
	binary.BigEndian.PutUint32(p[4:], uint32(h))
	binary.BigEndian.PutUint32(p[8:], min(binary.BigEndian.Uint32(p[8:]), MaxWidth*64))
	binary.BigEndian.PutUint32(p[12:], min(binary.BigEndian.Uint32(p[12:]), MaxHeight*128))
}
