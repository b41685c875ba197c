package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"go.uber.org/goleak"
	gossh "golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// serveLog is the server's stderr, written by its goroutines while the
// test reads it.
type serveLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *serveLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *serveLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// served is a `pcnvoice serve` running in the test through Main.Run.
type served struct {
	addr    string
	log     *serveLog
	user    gossh.Signer // its key is in the authorized keys file
	hostKey string       // path
	stop    func() int   // cancels Run's context, returns the exit code
}

func serveSigner(t testing.TB) gossh.Signer {
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

// startServe runs `pcnvoice serve` on a loopback port with a fresh
// authorized key and host key in dir, plus args.
func startServe(t testing.TB, dir string, args ...string) *served {
	t.Helper()
	s := &served{log: &serveLog{}, user: serveSigner(t), hostKey: filepath.Join(dir, "ssh_host_ed25519_key")}
	keys := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(keys, gossh.MarshalAuthorizedKey(s.user.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	m := &Main{Stdout: &bytes.Buffer{}, Stderr: s.log, Now: time.Now, Getenv: func(string) string { return "" }}
	done := make(chan int, 1)
	go func() {
		done <- m.Run(ctx, append([]string{"serve", "--listen", "127.0.0.1:0",
			"--authorized-keys", keys, "--host-key", s.hostKey}, args...))
	}()
	var once sync.Once
	code := -1
	s.stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-done:
			case <-time.After(15 * time.Second):
				t.Errorf("serve did not stop within 15s")
			}
		})
		return code
	}
	t.Cleanup(func() { s.stop() })
	listening := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+) `)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if m := listening.FindStringSubmatch(s.log.String()); m != nil {
			s.addr = m[1]
			return s
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, s.log.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start: %s", s.log.String())
		}
	}
}

// dial logs in with the authorized key, trusting only the host key in the
// file the server wrote. Every connection has a deadline.
func (s *served) dial(t testing.TB) *gossh.Client {
	t.Helper()
	pem, err := os.ReadFile(s.hostKey)
	if err != nil {
		t.Fatal(err)
	}
	host, err := gossh.ParsePrivateKey(pem)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", s.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	c, chans, reqs, err := gossh.NewClientConn(conn, s.addr, &gossh.ClientConfig{
		User: "clinical-director", Auth: []gossh.AuthMethod{gossh.PublicKeys(s.user)},
		HostKeyCallback: gossh.FixedHostKey(host.PublicKey()),
	})
	if err != nil {
		t.Fatalf("log in: %v", err)
	}
	client := gossh.NewClient(c, chans, reqs)
	t.Cleanup(func() { client.Close() })
	return client
}

// sshRun runs command in a session without a terminal.
func sshRun(t testing.TB, c *gossh.Client, command string) cliResult {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	var out, errb bytes.Buffer
	sess.Stdout, sess.Stderr = &out, &errb
	err = sess.Run(command)
	code := 0
	var exit *gossh.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitStatus()
	} else if err != nil {
		t.Fatalf("ssh %q: %v", command, err)
	}
	return cliResult{code, out.String(), errb.String()}
}

func TestServeStatus(t *testing.T) {
	db := cliDemoDB(t)
	s := startServe(t, t.TempDir(), "--db", db)
	c := s.dial(t)

	local := cliRun(t, nil, "status", "--db", db)
	got := sshRun(t, c, "status")
	if got.code != 0 || got.stdout != local.stdout {
		t.Errorf("ssh status: exit %d\n%s\nwant what `pcnvoice status` prints:\n%s", got.code, got.stdout, local.stdout)
	}
	for _, want := range []string{"Riverside Health PCN (U99001)", "population 41,230"} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("status lacks %q", want)
		}
	}

	got = sshRun(t, c, "status --json")
	var v struct {
		PCN       struct{ Code string } `json:"pcn"`
		Practices int                   `json:"practices"`
	}
	if err := json.Unmarshal([]byte(got.stdout), &v); err != nil || got.code != 0 {
		t.Fatalf("status --json: exit %d, %v:\n%s", got.code, err, got.stdout)
	}
	if v.PCN.Code != "U99001" || v.Practices != 6 {
		t.Errorf("status --json: %+v", v)
	}

	got = sshRun(t, c, "export -o /tmp/x")
	if got.code != 2 || got.stderr != "unknown command; try: status, status --json\n" {
		t.Errorf("unknown command: exit %d, stderr %q", got.code, got.stderr)
	}

	fp := regexp.QuoteMeta(gossh.FingerprintSHA256(s.user.PublicKey()))
	line := regexp.MustCompile(`(?m)^\S+Z 127\.0\.0\.1:\d+ user="clinical-director" key=` + fp + ` cmd="status --json" duration=\S+ exit=0$`)
	for deadline := time.Now().Add(5 * time.Second); !line.MatchString(s.log.String()); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no log line for the session:\n%s", s.log.String())
		}
	}
	if code := s.stop(); code != 0 {
		t.Errorf("serve exited %d after a clean stop", code)
	}
}

func TestServeNoDatabase(t *testing.T) {
	dir := t.TempDir()
	s := startServe(t, dir, "--db", filepath.Join(dir, "none.db"))
	got := sshRun(t, s.dial(t), "status")
	if got.code != 1 || got.stdout != "" || !strings.HasPrefix(got.stderr, "pcnvoice: no database at ") ||
		strings.Count(got.stderr, "\n") != 1 {
		t.Errorf("exit %d, stdout %q, stderr %q; want exit 1 and one line", got.code, got.stdout, got.stderr)
	}
	// The app over SSH does not set up a PCN either: that is done at the machine.
	term := openSSHTerminal(t, s.dial(t), 80, 24)
	var exit *gossh.ExitError
	if err := term.sess.Wait(); !errors.As(err, &exit) || exit.ExitStatus() != 1 {
		t.Errorf("ssh -t with no database: %v, want exit status 1", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("a session over SSH created a database")
	}
}

// The server never runs open to all: no keys file, or one with no keys,
// stops it before it listens, with one line saying what to do.
func TestServeRefusesWithoutKeys(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("# nobody yet\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, keys := range []string{filepath.Join(dir, "missing"), empty} {
		r := cliRun(t, nil, "serve", "--listen", "127.0.0.1:0", "--authorized-keys", keys,
			"--host-key", filepath.Join(dir, "hk"), "--db", filepath.Join(dir, "db"))
		if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, keys) ||
			strings.Contains(r.stderr, "listening") {
			t.Errorf("keys %s: exit %d, stderr %q; want exit 1 and one line naming the file", keys, r.code, r.stderr)
		}
	}
}

// The host key is made once, 0600, and a restart serves the same one, so
// clients' known_hosts entries stay valid.
func TestServeHostKeyKept(t *testing.T) {
	dir := t.TempDir()
	first := startServe(t, dir, "--db", cliDemoDB(t))
	first.dial(t)
	if code := first.stop(); code != 0 {
		t.Fatalf("first serve exited %d", code)
	}
	before, err := os.ReadFile(first.hostKey)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(first.hostKey); fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %04o, want 0600", fi.Mode().Perm())
	}
	second := startServe(t, dir, "--db", cliDemoDB(t))
	sshRun(t, second.dial(t), "status") // dial trusts only the key on disk
	after, _ := os.ReadFile(second.hostKey)
	if !bytes.Equal(before, after) {
		t.Error("restart replaced the host key")
	}
	if strings.Contains(second.log.String(), "made a new host key") {
		t.Errorf("second start says it made a key:\n%s", second.log.String())
	}
}

// Ten colleagues run the status at once while the clinical director keeps
// saving notes: nobody waits on the writer, nobody fails.
func TestServeConcurrentStatusWhileWriting(t *testing.T) {
	path := cliDemoDB(t)
	// The test's ten colleagues share one key, which would otherwise be
	// let in four times at once; and a session counts until the server
	// has seen it closed, which may be just after the client opens its
	// next one.
	s := startServe(t, t.TempDir(), "--db", path, "--max-sessions-per-key", "20", "--max-sessions", "20")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	writer, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	stopWriting := make(chan struct{})
	wrote := make(chan int)
	go func() {
		n := 0
		defer func() { wrote <- n }()
		for {
			select {
			case <-stopWriting:
				return
			default:
			}
			note := domain.Note{Category: config.Default().Categories[0].Key, Severity: 2, Date: "2026-11-18", Text: "phones down again"}
			if _, err := writer.SaveNote(ctx, note); err != nil {
				t.Errorf("save note: %v", err)
				return
			}
			n++
		}
	}()
	var wg sync.WaitGroup
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := s.dial(t)
			for range 3 {
				if r := sshRun(t, c, "status"); r.code != 0 || !strings.Contains(r.stdout, "Riverside Health PCN") {
					t.Errorf("status during writes: exit %d, %q %q", r.code, r.stdout, r.stderr)
				}
			}
		}()
	}
	wg.Wait()
	close(stopWriting)
	if n := <-wrote; n == 0 {
		t.Error("the writer saved nothing while the statuses ran")
	}
}

// sshTerminal is the client end of `ssh -t`: it records the screen and
// answers the device-attributes query as terminal emulators do (the
// session's renderer asks, to learn the background colour).
type sshTerminal struct {
	sess *gossh.Session
	in   io.Writer
	out  *serveLog
}

func openSSHTerminal(t testing.TB, c *gossh.Client, w, h int) *sshTerminal {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := sess.StdinPipe()
	outPipe, _ := sess.StdoutPipe()
	term := &sshTerminal{sess: sess, in: in, out: &serveLog{}}
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := outPipe.Read(buf)
			term.out.Write(buf[:n])
			if strings.Contains(string(buf[:n]), "\x1b[c") {
				io.WriteString(in, "\x1b[?62;c")
			}
			if err != nil {
				return
			}
		}
	}()
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	return term
}

// waitScreen waits until the screen, stripped of escape sequences, shows want.
func (term *sshTerminal) waitScreen(t testing.TB, want string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(ansi.Strip(term.out.String()), want); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("screen never showed %q:\n%s", want, ansi.Strip(term.out.String()))
		}
	}
}

// Over SSH the app is read-only unless --allow-edit: adding a note is
// refused with a message, and the database does not change.
func TestServeAppReadOnly(t *testing.T) {
	path := cliDemoDB(t)
	before := dbFingerprint(t, path)
	s := startServe(t, t.TempDir(), "--db", path)
	term := openSSHTerminal(t, s.dial(t), 100, 30)
	term.waitScreen(t, "read-only")
	term.waitScreen(t, "Riverside Health PCN")
	io.WriteString(term.in, "5") // Workload
	io.WriteString(term.in, "a") // add a note
	term.waitScreen(t, "read-only session: edits are refused")
	io.WriteString(term.in, "q")
	if err := term.sess.Wait(); err != nil {
		t.Fatalf("app session: %v", err)
	}
	if after := dbFingerprint(t, path); after != before {
		t.Error("a read-only session changed the database")
	}
}

// A client that drops mid-app leaves nothing behind on the server: each
// session is logged as ended by the client going, and no goroutine of the
// server, the app or the database outlives it.
func TestServeAppDisconnect(t *testing.T) {
	s := startServe(t, t.TempDir(), "--db", cliDemoDB(t))
	sshRun(t, s.dial(t), "status") // the server is surely up and accepting
	ignore := goleak.IgnoreCurrent()
	for range 3 {
		c := s.dial(t)
		term := openSSHTerminal(t, c, 80, 24)
		term.waitScreen(t, "Riverside Health PCN")
		c.Close()
	}
	ended := regexp.MustCompile(`(?m) cmd=\(app\) duration=\S+ exit=1 end="the client went away"$`)
	for deadline := time.Now().Add(20 * time.Second); len(ended.FindAllString(s.log.String(), -1)) < 3; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not every dropped session was logged:\n%s", s.log.String())
		}
	}
	for deadline := time.Now().Add(20 * time.Second); ; {
		err := goleak.Find(ignore)
		if err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal(err)
		}
	}
}
