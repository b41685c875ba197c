package sshserve

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/ssh"
)

// connKey holds a connection's *trackedConn in its ssh.Context, so that a
// session can tell the connection it opened and closed, and cut it off.
var connKey = &struct{ name string }{"pcnvoice-conn"}

// conns remembers every connection the server accepted, from the moment it
// is accepted, so that stopping can close each one. The ssh package tracks
// connections only once their handshake is over, which leaves one still
// authenticating, or one just authenticated, running after Serve returns.
//
// It also keeps each connection within bounds that cost nothing while it
// waits: at most max connections at once (logins in progress included),
// none without a session for longer than grace, none with no input from
// the client for longer than idle.
type conns struct {
	max         int
	idle, grace time.Duration
	log         *logger

	mu     sync.Mutex
	open   map[*trackedConn]struct{}
	closed bool
	// Refusals for too many connections are logged at most once a second,
	// with a count, so that a flood of them cannot fill the disk.
	refused    int
	refusedLog time.Time
}

// trackedConn is one accepted connection. Its timers run only when they
// fire (time.AfterFunc), so an idle connection holds no goroutine of ours.
type trackedConn struct {
	net.Conn
	set      *conns
	ctx      ssh.Context
	lastRead atomic.Int64 // UnixNano of the last byte the client sent
	why      atomic.Pointer[string]

	// leaving is closed when the server has decided to end the connection
	// (idle): each app on it quits first, handing the client's terminal
	// back as it found it, before the connection is cut.
	leaving   chan struct{}
	leaveOnce sync.Once

	mu        sync.Mutex
	sessions  int
	leaveT    *time.Timer // the cut after leaveGrace, once leaving; nil before
	idleT     *time.Timer
	graceT    *time.Timer
	done      bool // closed: the timers are stopped for good
	closeOnce sync.Once
}

// callback is the server's ConnCallback: after closeAll, or with max
// connections open, it turns the new one away at once.
func (s *conns) callback(ctx ssh.Context, c net.Conn) net.Conn {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		c.Close()
		return nil
	}
	if len(s.open) >= s.max {
		s.refused++
		if now := time.Now(); now.Sub(s.refusedLog) >= time.Second {
			s.log.line(fmt.Sprintf("%s refused: %d connections open, the most allowed (%d refused since the last such line)",
				addr(c.RemoteAddr()), len(s.open), s.refused))
			s.refused, s.refusedLog = 0, now
		}
		c.Close()
		return nil
	}
	if s.open == nil {
		s.open = map[*trackedConn]struct{}{}
	}
	tc := &trackedConn{Conn: c, set: s, ctx: ctx, leaving: make(chan struct{})}
	tc.lastRead.Store(time.Now().UnixNano())
	s.open[tc] = struct{}{}
	ctx.SetValue(connKey, tc)
	tc.mu.Lock()
	tc.idleT = time.AfterFunc(s.idle, tc.checkIdle)
	tc.graceT = time.AfterFunc(s.grace, tc.checkGrace)
	tc.mu.Unlock()
	return tc
}

// closeAll closes every connection and refuses new ones.
func (s *conns) closeAll() {
	s.mu.Lock()
	s.closed = true
	open := s.open
	s.open = nil
	s.mu.Unlock()
	for c := range open {
		c.cut("the server is stopping", false)
	}
}

func (c *trackedConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		c.lastRead.Store(time.Now().UnixNano())
	}
	return n, err
}

func (c *trackedConn) Close() error {
	c.closeOnce.Do(func() {
		c.set.mu.Lock()
		delete(c.set.open, c)
		c.set.mu.Unlock()
		c.mu.Lock()
		c.done = true
		c.idleT.Stop()
		c.graceT.Stop()
		if c.leaveT != nil {
			c.leaveT.Stop()
		}
		c.mu.Unlock()
	})
	return c.Conn.Close()
}

// cut closes the connection for a reason of the server's, which the
// sessions on it give as how they ended; logged, it gets a line of its own.
func (c *trackedConn) cut(why string, logged bool) {
	c.why.CompareAndSwap(nil, &why)
	if logged {
		c.set.log.line(fmt.Sprintf("%s connection closed: %s", who(c.ctx, c.RemoteAddr()), why))
	}
	c.Close()
}

// reason is why the server cut the connection off, or "" if it did not.
func (c *trackedConn) reason() string {
	if p := c.why.Load(); p != nil {
		return *p
	}
	return ""
}

// checkIdle closes the connection if the client has sent nothing for the
// idle timeout, else looks again when it would be due. Only the client's
// bytes count: the app redrawing its screen does not keep a silent client
// connected.
func (c *trackedConn) checkIdle() {
	silent := time.Since(time.Unix(0, c.lastRead.Load()))
	if wait := c.set.idle - silent; wait > 0 {
		c.mu.Lock()
		if !c.done {
			c.idleT.Reset(wait)
		}
		c.mu.Unlock()
		return
	}
	why := fmt.Sprintf("no input from the client for %s", c.set.idle)
	c.why.CompareAndSwap(nil, &why)
	// Cut at once, an app would leave the client's terminal on its
	// alternate screen with the cursor hidden: it quits first, and the
	// connection goes leaveGrace later whatever happens.
	c.leaveOnce.Do(func() { close(c.leaving) })
	c.mu.Lock()
	if !c.done { // closed meanwhile (the client left, the server stopped): nothing to cut
		c.leaveT = time.AfterFunc(leaveGrace, func() { c.cut(why, true) })
	}
	c.mu.Unlock()
}

// leaveGrace is how long the apps on a connection the server ends get to
// quit and restore the client's terminal before it is cut.
const leaveGrace = 2 * time.Second

// checkGrace closes a connection that has no session: one still logging in
// after the grace period, or one whose last session ended that long ago.
func (c *trackedConn) checkGrace() {
	c.mu.Lock()
	n, done := c.sessions, c.done
	c.mu.Unlock()
	if n == 0 && !done {
		c.cut(fmt.Sprintf("no session for %s", c.set.grace), true)
	}
}

// sessionOpened and sessionClosed count the connection's sessions, holding
// off the grace timer while there is one.
func (c *trackedConn) sessionOpened() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions++
	c.graceT.Stop()
}

func (c *trackedConn) sessionClosed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sessions--
	if c.sessions == 0 && !c.done {
		c.graceT.Reset(c.set.grace)
	}
}

// connOf is the connection a session runs on.
func connOf(ctx ssh.Context) *trackedConn {
	tc, _ := ctx.Value(connKey).(*trackedConn)
	return tc
}
