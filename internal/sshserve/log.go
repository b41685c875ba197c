package sshserve

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/termtext"
)

// logger writes the server's log: one line per event, each starting with
// the time in RFC 3339 UTC, so that `grep`, `journalctl` and a spreadsheet
// all read it. Lines are written whole under a lock: sessions end at once.
type logger struct {
	mu  sync.Mutex
	w   io.Writer
	now func() time.Time
}

func (l *logger) line(s string) {
	b := l.now().UTC().AppendFormat(nil, time.RFC3339)
	b = append(b, ' ')
	b = append(b, s...)
	b = append(b, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	l.w.Write(b) //nolint:errcheck // a full disk must not stop the server
}

// maxLogField is how much of one piece of client text a log line keeps:
// a command line or user name can be a quarter of a megabyte.
const maxLogField = 200

// quote makes text the client chose (user name, command, terminal type)
// safe for a log line by escaping it, Go-style: an escape sequence shows as
// \x1b[…, a newline as \n, a bidi override as \u202e. Nothing is dropped:
// stripping would log the refused "stat\x1b[0mus" as if it were "status".
// Text past maxLogField bytes is cut, with its full length noted.
func quote(s string) string {
	if len(s) <= maxLogField {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:maxLogField]) + fmt.Sprintf("…(%d bytes)", len(s))
}

func fingerprint(k gossh.PublicKey) string {
	if k == nil {
		return "-"
	}
	return gossh.FingerprintSHA256(k)
}

func addr(a net.Addr) string {
	if a == nil {
		return "-"
	}
	return a.String()
}

// session logs a finished session: who, with which key, ran what, how long
// it took and how it ended. end, when not "", says why the session ended
// other than by itself (the client went away, a limit, the server stopping).
func (l *logger) session(sess ssh.Session, command string, d time.Duration, code int, end string) {
	tail := ""
	if end != "" {
		tail = " end=" + strconv.Quote(end)
	}
	l.line(fmt.Sprintf("%s user=%s key=%s cmd=%s duration=%.3fs exit=%d%s",
		addr(sess.RemoteAddr()), quote(sess.User()), fingerprint(sess.PublicKey()), command, d.Seconds(), code, tail))
}

// who names a connection's client in a log line: address, user and key,
// as far as the connection has got. ctx.User would panic before the client
// has named a user, so the values are read as they stand.
func who(ctx ssh.Context, a net.Addr) string {
	if ra := ctx.RemoteAddr(); ra != nil {
		a = ra
	}
	user, _ := ctx.Value(ssh.ContextKeyUser).(string)
	var k gossh.PublicKey
	if pk, ok := ctx.Value(ssh.ContextKeyPublicKey).(ssh.PublicKey); ok {
		k = pk
	}
	return fmt.Sprintf("%s user=%s key=%s", addr(a), quote(user), fingerprint(k))
}

// refused logs an authentication attempt that was turned down. Passwords
// are never logged, not even their length.
func (l *logger) refused(ctx ssh.Context, method string, key gossh.PublicKey, why string) {
	k := ""
	if key != nil {
		k = " key=" + fingerprint(key)
	}
	l.line(fmt.Sprintf("%s user=%s refused %s%s: %s", addr(ctx.RemoteAddr()), quote(ctx.User()), method, k, termtext.Line(why)))
}
