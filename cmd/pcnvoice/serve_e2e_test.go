//go:build e2e && unix

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// OpenSSH's own client against `pcnvoice serve`: `ssh -t` in a real
// terminal (tmux's) gets the app, its Forum section shared or not; a
// session past the per-key limit is refused with one line; a refused
// command is logged escaped. CI installs openssh-client and tmux.

// sshClient is OpenSSH's ssh set up for one served instance: its own key,
// and the server's host key as the only known host.
type sshClient struct {
	ssh  string
	args []string
}

func newSSHClient(t *testing.T, dir string, args ...string) (*served, sshClient) {
	t.Helper()
	key := filepath.Join(dir, "id_ed25519")
	if out, err := openssh(t, nil, nil, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "director@practice", "-f", key); err != nil {
		t.Fatalf("ssh-keygen: %v %s", err, out)
	}
	// startServe writes its own key; the last --authorized-keys wins.
	s := startServe(t, dir, append(args, "--authorized-keys", key+".pub")...)
	host, err := openssh(t, nil, nil, "ssh-keygen", "-y", "-f", s.hostKey)
	if err != nil {
		t.Fatalf("ssh-keygen -y: %v %s", err, host)
	}
	_, port, _ := strings.Cut(s.addr, ":")
	known := filepath.Join(dir, "known_hosts")
	if err := os.WriteFile(known, []byte(fmt.Sprintf("[127.0.0.1]:%s %s", port, host)), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := exec.LookPath("ssh")
	if err != nil {
		t.Fatal("ssh not found: install OpenSSH's client (apt-get install -y openssh-client)")
	}
	return s, sshClient{ssh: p, args: []string{"-F", "/dev/null", "-p", port, "-i", key, "-o", "IdentitiesOnly=yes",
		"-o", "UserKnownHostsFile=" + known, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "director@127.0.0.1"}}
}

// run runs ssh with a command and no terminal.
func (c sshClient) run(command string) (stdout, stderr string, code int) {
	cmd := exec.Command(c.ssh, append(c.args, command)...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Run()
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// terminal opens `ssh -t` in a new tmux window of 100×30.
func (c sshClient) terminal(t *testing.T) term {
	t.Helper()
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Fatalf("tmux is needed for this test (apt-get install -y tmux): %v", err)
	}
	tm := term{t: t, tmux: tmux, sock: fmt.Sprintf("pcnvoice-ssh-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	t.Cleanup(func() { tm.run("kill-server") })
	quoted := make([]string, len(c.args))
	for i, a := range c.args {
		quoted[i] = shellQuote(a)
	}
	line := fmt.Sprintf("TERM=xterm-256color %s -t %s; echo \"ssh exited $?\"; sleep 60", shellQuote(c.ssh), strings.Join(quoted, " "))
	if out, err := tm.run("-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", line); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	return tm
}

func TestServeOpenSSH(t *testing.T) {
	secret := serverSecret(t)
	db := cliDemoDB(t)

	t.Run("forum not shared", func(t *testing.T) {
		s, c := newSSHClient(t, t.TempDir(), "--db", db)
		tm := c.terminal(t)
		tm.waitFor("Riverside Health PCN", "1 Overview", "read-only")
		tm.keys(forumKey)
		tm.waitFor("The forum is not shared over SSH")
		tm.keys("o")
		tm.text(secret)
		tm.keys("Enter", "7")
		tm.waitFor("over SSH the app opens no file on the server")
		tm.keys("x")
		tm.keys("q")
		screen := tm.waitFor("ssh exited 0")
		if strings.Contains(screen, "TOP-SECRET") {
			t.Errorf("the secret reached the screen:\n%s", screen)
		}
		s.waitLog(t, `(?m) user="director" key=SHA256:\S+ cmd=\(app\) duration=\S+ exit=0$`)
	})

	t.Run("forum dir", func(t *testing.T) {
		dir := t.TempDir()
		sub := filepath.Join(t.TempDir(), "U99001.json")
		if r := cliRun(t, nil, "--db", db, "export", "-o", sub); r.code != 0 {
			t.Fatal(r.stderr)
		}
		if r := cliRun(t, nil, "merge", "-o", filepath.Join(dir, "2026-27-Q3.json"), sub); r.code != 0 {
			t.Fatal(r.stderr)
		}
		os.Symlink(secret, filepath.Join(dir, "secret.json"))
		_, c := newSSHClient(t, t.TempDir(), "--db", db, "--forum-dir", dir, "--max-sessions-per-key", "1")
		tm := c.terminal(t)
		tm.waitFor("Riverside Health PCN")
		tm.keys(forumKey, "o")
		screen := tm.waitFor("Forum packs shared on this server", "▸ 2026-27-Q3.json", "1 pack")
		if strings.Contains(screen, dir) {
			t.Errorf("the picker names the server's folder:\n%s", screen)
		}
		if strings.Contains(screen, "secret.json") {
			t.Errorf("a link out of the folder is offered:\n%s", screen)
		}
		tm.keys("Enter")
		tm.waitFor("merged 1 PCN for 2026/27 Q3", "[r ranking]", "Estates")

		// A second session with the one key allowed: one line, exit 255
		// (ssh's own status for a failure of its own).
		out, errOut, code := c.run("status")
		if code != 255 || out != "" || strings.TrimSpace(errOut) != "channel 0: open failed: resource shortage: pcnvoice: this key has 1 session open, the most allowed; close one and try again" {
			t.Errorf("second session: exit %d, stdout %q, stderr %q", code, out, errOut)
		}
		tm.keys("q")
		tm.waitFor("ssh exited 0")
	})

	t.Run("status and a refused command", func(t *testing.T) {
		s, c := newSSHClient(t, t.TempDir(), "--db", db)
		out, _, code := c.run("status")
		if code != 0 || !strings.Contains(out, "Riverside Health PCN (U99001)") {
			t.Errorf("status: exit %d, %q", code, out)
		}
		_, errOut, code := c.run("stat\x1b[0mus")
		if code != 2 || errOut != "unknown command; try: status, status --json\n" {
			t.Errorf("stat<ESC>[0mus: exit %d, %q", code, errOut)
		}
		s.waitLog(t, `(?m) cmd="stat\\x1b\[0mus" duration=\S+ exit=2$`)
		if regexp.MustCompile(`cmd="status" duration=\S+ exit=2`).MatchString(s.log.String()) {
			t.Errorf("the refused command was logged as status:\n%s", s.log.String())
		}
	})
}
