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

// quote makes text the client chose (user name, command) safe for a log
// line: no escape sequences for the terminal that tails it, and no newline
// that could forge a line of its own.
func quote(s string) string { return strconv.Quote(termtext.Line(s)) }

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
// it took and how it ended.
func (l *logger) session(sess ssh.Session, command string, d time.Duration, code int) {
	l.line(fmt.Sprintf("%s user=%s key=%s cmd=%s duration=%.3fs exit=%d",
		addr(sess.RemoteAddr()), quote(sess.User()), fingerprint(sess.PublicKey()), command, d.Seconds(), code))
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
