//go:build e2e

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// These tests run `pcnvoice verify` on files the real ssh-keygen signed, with
// keys on disk and through a running ssh-agent, and have ssh-keygen check
// what pcnvoice signed through that agent. CI installs openssh-client.

// openssh runs an OpenSSH tool in a clean environment plus env; a missing
// tool fails the test with an install hint.
func openssh(t testing.TB, stdin []byte, env []string, name string, args ...string) (string, error) {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install OpenSSH's client tools (apt-get install -y openssh-client)", name)
	}
	cmd := exec.Command(p, args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TZ=UTC"}, env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// keygen makes a key with ssh-keygen and returns its path and its
// allowed_signers key field.
func keygen(t testing.TB, dir, typ string) (path, pub string) {
	t.Helper()
	path = filepath.Join(dir, "id_"+typ)
	if out, err := openssh(t, nil, nil, "ssh-keygen", "-q", "-t", typ, "-N", "", "-C", typ+"@e2e", "-f", path); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	b, err := os.ReadFile(path + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	return path, f[0] + " " + f[1]
}

func TestVerifyE2ESSHKeygenSignedFiles(t *testing.T) {
	dir := t.TempDir()
	var roster, files []string
	for i, typ := range []string{"ed25519", "ecdsa", "rsa"} {
		key, pub := keygen(t, dir, typ)
		code := fmt.Sprintf("U2000%d", i+1)
		roster = append(roster, code+" "+pub)
		file := copyFixture(t, dir, "worked/"+code+".json", code+".json")
		if out, err := openssh(t, nil, nil, "ssh-keygen", "-Y", "sign", "-n", "pcnvoice", "-f", key, file); err != nil {
			t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
		}
		files = append(files, file)
	}
	allowed := writeText(t, filepath.Join(dir, "allowed_signers"), roster...)
	r := cliRun(t, nil, append([]string{"verify", "--allowed-signers", allowed}, files...)...)
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	for i := range files {
		if want := fmt.Sprintf("U2000%d.json: digest ok, signed by U2000%d, key SHA256:", i+1, i+1); !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}

	// A byte added after signing: ssh-keygen and pcnvoice both refuse.
	appendBytes(t, files[2], " ")
	data, err := os.ReadFile(files[2])
	if err != nil {
		t.Fatal(err)
	}
	if out, err := openssh(t, data, nil, "ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "U20003", "-n", "pcnvoice", "-s", files[2]+".sig"); err == nil {
		t.Fatalf("ssh-keygen accepts a changed file: %s", out)
	}
	r = cliRun(t, nil, "verify", "--allowed-signers", allowed, files[2])
	if r.code != 1 || !strings.Contains(r.stdout, "signature FAILED: signature does not verify") {
		t.Fatalf("exit %d: %s", r.code, r.stdout)
	}
}

// TestVerifyE2EThroughSSHAgent: a real ssh-agent holds a key; pcnvoice signs
// through it (KEY "agent"), ssh-keygen -Y verify accepts; ssh-keygen signs
// through it, pcnvoice verify accepts.
func TestVerifyE2EThroughSSHAgent(t *testing.T) {
	dir := t.TempDir()
	adir, err := os.MkdirTemp("", "ag")
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(adir, "agent.sock")
	p, err := exec.LookPath("ssh-agent")
	if err != nil {
		t.Fatal("ssh-agent not found: install OpenSSH's client tools (apt-get install -y openssh-client)")
	}
	agent := exec.Command(p, "-D", "-a", sock)
	if err := agent.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		agent.Process.Kill()
		agent.Wait()
		os.RemoveAll(adir)
	})
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("ssh-agent did not create its socket within 20s")
		}
	}
	env := []string{"SSH_AUTH_SOCK=" + sock}
	key, pub := keygen(t, dir, "rsa")
	if out, err := openssh(t, nil, env, "ssh-add", key); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	allowed := writeText(t, filepath.Join(dir, "allowed_signers"), "U20001,U20002 namespaces=\"pcnvoice\" "+pub)

	// pcnvoice signs through the agent.
	ours := copyFixture(t, dir, "worked/U20001.json", "U20001.json")
	data, err := os.ReadFile(ours)
	if err != nil {
		t.Fatal(err)
	}
	s, err := sshsign.Open(sshsign.Agent, sshsign.KeyOptions{AgentSocket: sock})
	if err != nil {
		t.Fatal(err)
	}
	sig, err := s.Sign(data)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ours+".sig", sig, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := openssh(t, data, nil, "ssh-keygen", "-Y", "verify", "-f", allowed, "-I", "U20001", "-n", "pcnvoice", "-s", ours+".sig"); err != nil {
		t.Fatalf("ssh-keygen refuses what pcnvoice signed through ssh-agent: %v\n%s", err, out)
	}

	// ssh-keygen signs through the agent.
	theirs := copyFixture(t, dir, "worked/U20002.json", "U20002.json")
	if out, err := openssh(t, nil, env, "ssh-keygen", "-Y", "sign", "-n", "pcnvoice", "-f", key+".pub", theirs); err != nil {
		t.Fatalf("ssh-keygen -Y sign through ssh-agent: %v\n%s", err, out)
	}
	r := cliRun(t, nil, "verify", "--allowed-signers", allowed, ours, theirs)
	if r.code != 0 || strings.Count(r.stdout, "digest ok, signed by U2000") != 2 {
		t.Fatalf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
}
