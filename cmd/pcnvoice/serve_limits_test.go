package main

import (
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// waitLog waits for the server's log to hold a line matching re.
func (s *served) waitLog(t testing.TB, re string) {
	t.Helper()
	rx := regexp.MustCompile(re)
	for deadline := time.Now().Add(20 * time.Second); !rx.MatchString(s.log.String()); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the log has no line matching %s:\n%s", re, s.log.String())
		}
	}
}

// TestServeSessionLimit: with --max-sessions-per-key 2, a third session
// with the key is refused with one line saying why, and logged; the two
// open sessions carry on.
func TestServeSessionLimit(t *testing.T) {
	s := startServe(t, t.TempDir(), "--db", cliDemoDB(t), "--max-sessions-per-key", "2")
	s.waitLog(t, `limits: 16 sessions at once, 2 a key; 32 connections; idle 30m0s; commands 1m0s`)
	c := s.dial(t)
	a := openSSHTerminal(t, c, 80, 24)
	b := openSSHTerminal(t, s.dial(t), 80, 24)
	a.waitScreen(t, "Riverside Health PCN")
	b.waitScreen(t, "Riverside Health PCN")
	_, err := c.NewSession()
	if err == nil || !strings.Contains(err.Error(), "pcnvoice: this key has 2 sessions open, the most allowed; close one and try again") {
		t.Fatalf("a third session: %v", err)
	}
	s.waitLog(t, `(?m) user="clinical-director" key=SHA256:\S+ refused session: this key has 2 sessions open`)
	a.in.Write([]byte("2"))
	a.waitScreen(t, "Practices")
}

// TestServeIdleTimeout: a client that sends nothing for --idle-timeout is
// cut off, its app quitting first (so the client's terminal is handed
// back) with status 1, and logged.
func TestServeIdleTimeout(t *testing.T) {
	s := startServe(t, t.TempDir(), "--db", cliDemoDB(t), "--idle-timeout", "400ms")
	term := openSSHTerminal(t, s.dial(t), 80, 24)
	term.waitScreen(t, "Riverside Health PCN")
	err := term.sess.Wait()
	var exit *gossh.ExitError
	if !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("an idle app session ended with %v, want exit status 1", err)
	}
	s.waitLog(t, `(?m) cmd=\(app\) duration=\S+ exit=1 end="no input from the client for 400ms"$`)
}

// TestServeLimitFlags: a limit of none, or a time of zero, is a usage
// error naming the flag; nothing listens.
func TestServeLimitFlags(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"--max-sessions", "0"}, {"--max-sessions-per-key", "-1"}, {"--idle-timeout", "0s"}, {"--max-command-time", "-1m"},
		{"--idle-timeout", "soon"},
	} {
		r := cliRun(t, nil, append([]string{"serve", "--listen", "127.0.0.1:0", "--authorized-keys", filepath.Join(dir, "k"),
			"--host-key", filepath.Join(dir, "hk"), "--db", filepath.Join(dir, "db")}, args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, args[0]) || strings.Contains(r.stderr, "listening") ||
			strings.Count(r.stderr, "serve --help") != 1 || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%q: exit %d, %q", args, r.code, r.stderr)
		}
	}
}
