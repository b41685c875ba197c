// Package agenttest serves an in-process ssh-agent for tests. It imports
// nothing of pcnvoice, so sshsign's own tests can use it as well as
// sshsigntest (which imports sshsign, and so cannot be imported by them).
package agenttest

import (
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/crypto/ssh/agent"
)

// Start serves an in-process ssh-agent holding keys on a Unix socket, for
// the test's life, and returns the socket's path (what SSH_AUTH_SOCK
// names). The socket lives in a short temporary folder: a t.TempDir path
// can pass the 108-byte limit on socket paths.
func Start(tb testing.TB, keys ...agent.AddedKey) string {
	tb.Helper()
	dir, err := os.MkdirTemp("", "ag")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { os.RemoveAll(dir) })
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		tb.Fatal(err)
	}
	ring := agent.NewKeyring()
	for _, k := range keys {
		if err := ring.Add(k); err != nil {
			tb.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var conns []net.Conn
	closed := false // set by the cleanup: a connection accepted after it is closed at once
	wg.Go(func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			if closed {
				mu.Unlock()
				c.Close()
				return
			}
			conns = append(conns, c)
			mu.Unlock()
			wg.Go(func() { _ = agent.ServeAgent(ring, c) })
		}
	})
	tb.Cleanup(func() {
		l.Close()
		mu.Lock()
		closed = true
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return sock
}
