package sshserve

import (
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestHostKeyCreatedThenReused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config", "pcnvoice", "ssh_host_ed25519_key")
	first, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Created || first.Signer.PublicKey().Type() != "ssh-ed25519" {
		t.Fatalf("first start: created %v, type %s", first.Created, first.Signer.PublicKey().Type())
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("host key mode %04o, want 0600", fi.Mode().Perm())
		}
		di, _ := os.Stat(filepath.Dir(path))
		if di.Mode().Perm() != 0o700 {
			t.Errorf("host key folder mode %04o, want 0700", di.Mode().Perm())
		}
	}
	second, err := LoadOrCreateHostKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if second.Created || second.Fingerprint() != first.Fingerprint() {
		t.Errorf("restart changed the host key: %s then %s (created %v)", first.Fingerprint(), second.Fingerprint(), second.Created)
	}
	if second.Warning != "" {
		t.Errorf("unexpected warning %q", second.Warning)
	}
}

func TestHostKeyProblems(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	if _, err := LoadOrCreateHostKey(good); err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" {
		if err := os.Chmod(good, 0o644); err != nil {
			t.Fatal(err)
		}
		h, err := LoadOrCreateHostKey(good)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(h.Warning, "0644") || !strings.Contains(h.Warning, "chmod 600") {
			t.Errorf("loose mode warning %q", h.Warning)
		}
	}
	bad := filepath.Join(dir, "bad")
	if err := os.WriteFile(bad, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateHostKey(bad); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("corrupt key: error %v, want one naming %s", err, bad)
	}
	if b, _ := os.ReadFile(bad); string(b) != "not a key" {
		t.Error("a corrupt host key was replaced; it should be left for the user to look at")
	}
}

// Stopping waits for sessions, then cuts off what is still open; Serve
// returns and the port is free.
func TestShutdownWithOpenConnection(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.ShutdownTimeout = 200 * time.Millisecond })
	c := ts.login(t) // authenticated and idle: Shutdown alone would wait for it
	start := time.Now()
	ts.stop()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("shutdown took %s", d)
	}
	if _, _, err := c.SendRequest("keepalive@openssh.com", true, nil); err == nil {
		t.Error("connection still open after shutdown")
	}
	ln, err := net.Listen("tcp", ts.addr)
	if err != nil {
		t.Fatalf("port still held: %v", err)
	}
	ln.Close()
	waitFor(t, ts.log, "stopped", time.Second)
}

// The server is for status and the app only: no tunnels into the PCN's
// network through it.
func TestNoPortForwarding(t *testing.T) {
	ts := startServer(t, nil)
	c := ts.login(t)
	if conn, err := c.Dial("tcp", "127.0.0.1:22"); err == nil {
		conn.Close()
		t.Error("direct-tcpip channel accepted")
	}
	if ln, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		ln.Close()
		t.Error("remote forwarding accepted")
	}
}

func TestNewNeedsStatus(t *testing.T) {
	if _, err := New(Config{}); err == nil {
		t.Fatal("New with no Status func succeeded")
	}
}
