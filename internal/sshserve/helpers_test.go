package sshserve

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// syncBuffer is a bytes.Buffer that the server's goroutines and the test
// may use at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor polls until s holds want or the deadline passes.
func waitFor(t testing.TB, s *syncBuffer, want string, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !strings.Contains(s.String(), want) {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %q; have:\n%s", within, want, s.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// writeKeys writes an authorized_keys file listing signers, with the
// comments and blank lines real files have.
func writeKeys(t testing.TB, path string, signers ...gossh.Signer) {
	t.Helper()
	var b strings.Builder
	b.WriteString("# colleagues allowed to see our status\n\n")
	for _, s := range signers {
		b.Write(bytes.TrimSpace(gossh.MarshalAuthorizedKey(s.PublicKey())))
		b.WriteString(" someone@practice\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

type testServer struct {
	srv      *Server
	addr     string
	keysPath string
	log      *syncBuffer
	user     gossh.Signer // in the authorized keys file
	stop     func()       // shuts down and waits; also run at cleanup
}

// startServer runs a real server on a loopback port with one authorized
// key, after edit has adjusted the Config.
func startServer(t testing.TB, edit func(*Config)) *testServer {
	t.Helper()
	dir := t.TempDir()
	ts := &testServer{keysPath: filepath.Join(dir, "authorized_keys"), log: &syncBuffer{}, user: newSigner(t)}
	writeKeys(t, ts.keysPath, ts.user)
	cfg := Config{
		AuthorizedKeys: ts.keysPath,
		HostKey:        filepath.Join(dir, "ssh_host_ed25519_key"),
		Status:         fakeStatus,
		Log:            ts.log,
	}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ts.srv, ts.addr = srv, ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	var once sync.Once
	ts.stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Serve: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Errorf("server did not stop within 15s")
			}
		})
	}
	t.Cleanup(ts.stop)
	return ts
}

// dial connects as user "alice" with the given methods, checking the host
// key. The connection has a deadline so that no test can hang on it.
func (ts *testServer) dial(t testing.TB, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	return ts.dialAs(t, "alice", auth...)
}

// dialAs is dial as the given user.
func (ts *testServer) dialAs(t testing.TB, user string, auth ...gossh.AuthMethod) (*gossh.Client, error) {
	t.Helper()
	conn, err := net.DialTimeout("tcp", ts.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(20 * time.Second))
	c, chans, reqs, err := gossh.NewClientConn(conn, ts.addr, &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(ts.srv.HostKey().Signer.PublicKey()),
	})
	if err != nil {
		conn.Close()
		return nil, err
	}
	client := gossh.NewClient(c, chans, reqs)
	t.Cleanup(func() { client.Close() })
	return client, nil
}

// login dials with the authorized key and fails the test if refused.
func (ts *testServer) login(t testing.TB) *gossh.Client {
	t.Helper()
	c, err := ts.dial(t, gossh.PublicKeys(ts.user))
	if err != nil {
		t.Fatalf("authorized key refused: %v", err)
	}
	return c
}

// run runs command ("" for none) in a session without a terminal.
func run(t testing.TB, c *gossh.Client, command string) (stdout, stderr string, code int) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errb
	if command == "" {
		err = sess.Shell()
		if err == nil {
			err = sess.Wait()
		}
	} else {
		err = sess.Run(command)
	}
	var exit *gossh.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitStatus()
	case err != nil:
		t.Fatalf("run %q: %v", command, err)
	}
	return out.String(), errb.String(), code
}
