//go:build e2e

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests check pcnvoice's signing against the real OpenSSH tools,
// both ways, for ed25519, ECDSA and RSA keys and through a running
// ssh-agent: export --sign and merge --sign make what ssh-keygen -Y verify
// accepts, exactly as SPEC §13 quotes the command; files ssh-keygen -Y
// sign signed merge as signed, also once packed and merged again.

var keyTypes = []string{"ed25519", "ecdsa", "rsa"}

// startSSHAgent runs a real ssh-agent for the test and returns its socket.
func startSSHAgent(t *testing.T) string {
	t.Helper()
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
			return sock
		}
		if time.Now().After(deadline) {
			t.Fatal("ssh-agent did not create its socket within 20s")
		}
	}
}

// keygenAccepts runs the very command SPEC §13 quotes and fails the test
// unless ssh-keygen says the signature is good.
func keygenAccepts(t *testing.T, allowed, principal, file string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	out, err := openssh(t, data, nil, "ssh-keygen", "-Y", "verify", "-f", allowed, "-I", principal, "-n", "pcnvoice", "-s", file+".sig")
	if err != nil || !strings.Contains(out, `Good "pcnvoice" signature for `+principal) {
		t.Fatalf("ssh-keygen -Y verify refuses %s: %v\n%s", filepath.Base(file), err, out)
	}
}

// TestSignE2EExportVerifiedBySSHKeygen: export --sign with a key file of
// each type, and with each through ssh-agent (--sign agent), makes a
// signature ssh-keygen accepts; a changed file it refuses.
func TestSignE2EExportVerifiedBySSHKeygen(t *testing.T) {
	dir := t.TempDir()
	db := cliDemoDB(t)
	cfg := writeText(t, filepath.Join(dir, "config.toml"), "")
	for _, typ := range keyTypes {
		t.Run(typ, func(t *testing.T) {
			key, pub := keygen(t, t.TempDir(), typ)
			allowed := writeText(t, filepath.Join(t.TempDir(), "allowed_signers"), demoCode+` namespaces="pcnvoice" `+pub)
			out := filepath.Join(dir, "riverside-"+typ+".json")
			if r := cliRun(t, nil, "--db", db, "--config", cfg, "export", "--sign", key, "-o", out); r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			keygenAccepts(t, allowed, demoCode, out)

			sock := startSSHAgent(t)
			if out, err := openssh(t, nil, []string{"SSH_AUTH_SOCK=" + sock}, "ssh-add", key); err != nil {
				t.Fatalf("ssh-add: %v\n%s", err, out)
			}
			viaAgent := filepath.Join(dir, "agent-"+typ+".html")
			env := map[string]string{"SSH_AUTH_SOCK": sock}
			if r := cliRun(t, env, "--db", db, "--config", cfg, "export", "--format", "html", "--sign", "agent", "-o", viaAgent); r.code != 0 ||
				!strings.Contains(r.stderr, "signed with ssh-agent") {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			keygenAccepts(t, allowed, demoCode, viaAgent)

			appendBytes(t, out, "\n")
			data, _ := os.ReadFile(out)
			if o, err := openssh(t, data, nil, "ssh-keygen", "-Y", "verify", "-f", allowed, "-I", demoCode, "-n", "pcnvoice", "-s", out+".sig"); err == nil {
				t.Fatalf("ssh-keygen accepts a changed file: %s", o)
			}
		})
	}
}

// TestSignE2EMergeSSHKeygenSigned: five submissions signed by ssh-keygen
// -Y sign (ed25519, ECDSA and RSA keys; two through ssh-agent) merge as
// signed under --require-signatures; split into two packs and merged
// again under the roster they are all still signed, and the merged pack's
// own signature (merge --sign agent) is one ssh-keygen accepts.
func TestSignE2EMergeSSHKeygenSigned(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	os.Mkdir(inbox, 0o700)
	sock := startSSHAgent(t)
	agentEnv := []string{"SSH_AUTH_SOCK=" + sock}
	codes := []string{"U20001", "U20002", "U20003", "U20004", "U20005"}
	var roster, files []string
	for i, code := range codes {
		typ := keyTypes[i%len(keyTypes)]
		key, pub := keygen(t, t.TempDir(), typ)
		roster = append(roster, code+` namespaces="pcnvoice" `+pub)
		file := copyFixture(t, inbox, "worked/"+code+".json", code+".json")
		files = append(files, file)
		var env []string
		signWith := key
		if i >= 3 { // the agent holds the key; ssh-keygen is given the .pub
			if out, err := openssh(t, nil, agentEnv, "ssh-add", key); err != nil {
				t.Fatalf("ssh-add: %v\n%s", err, out)
			}
			env, signWith = agentEnv, key+".pub"
		}
		if out, err := openssh(t, nil, env, "ssh-keygen", "-Y", "sign", "-n", "pcnvoice", "-f", signWith, file); err != nil {
			t.Fatalf("ssh-keygen -Y sign (%s): %v\n%s", typ, err, out)
		}
	}
	chairKey, chairPub := keygen(t, t.TempDir(), "ed25519")
	if out, err := openssh(t, nil, agentEnv, "ssh-add", chairKey); err != nil {
		t.Fatalf("ssh-add: %v\n%s", err, out)
	}
	roster = append(roster, "U20001 "+chairPub) // the chair is U20001's director too
	allowed := writeText(t, filepath.Join(dir, "allowed_signers"), roster...)
	cfg := writeText(t, filepath.Join(dir, "config.toml"), "")
	run := func(env map[string]string, args ...string) cliResult {
		t.Helper()
		r := cliRun(t, env, append([]string{"--config", cfg}, args...)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		return r
	}
	statuses := func(pack string) []string {
		t.Helper()
		data, err := os.ReadFile(pack)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Submissions []struct {
				Code      string
				Signature struct{ Status, Principal string }
			}
		}
		if err := json.Unmarshal(data, &p); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range p.Submissions {
			out = append(out, fmt.Sprintf("%s %s %s", s.Code, s.Signature.Status, s.Signature.Principal))
		}
		return out
	}
	wantSigned := func(pack string) {
		t.Helper()
		got := statuses(pack)
		if len(got) != len(codes) {
			t.Fatalf("%d submissions in %s", len(got), pack)
		}
		for i, code := range codes {
			if got[i] != code+" signed "+code {
				t.Errorf("%s: %q, want %s signed by %s", filepath.Base(pack), got[i], code, code)
			}
		}
	}

	flat := filepath.Join(dir, "flat.json")
	r := run(nil, "merge", "--allowed-signers", allowed, "--require-signatures", inbox, "-o", flat)
	if !strings.Contains(r.stderr, "signatures: 5 of 5 submissions signed by a key on the forum's roster") {
		t.Errorf("stderr: %s", r.stderr)
	}
	wantSigned(flat)

	north, south := filepath.Join(dir, "north.json"), filepath.Join(dir, "south.json")
	run(nil, "merge", "--allowed-signers", allowed, files[0], files[1], "-o", north)
	run(nil, "merge", files[2], files[3], files[4], "-o", south) // no roster here: key not checked
	agent := map[string]string{"SSH_AUTH_SOCK": sock}
	top := filepath.Join(dir, "top.json")
	r = run(agent, "merge", "--allowed-signers", allowed, "--require-signatures", north, south, "-o", top, "--sign", chairKey+".pub")
	wantSigned(top)
	keygenAccepts(t, allowed, "U20001", top)
	a, _ := os.ReadFile(flat)
	b, _ := os.ReadFile(top)
	if string(a) != string(b) {
		t.Error("the merge of the packs is not the flat merge")
	}
	if r := cliRun(t, nil, "--config", cfg, "verify", "--allowed-signers", allowed, top); r.code != 0 ||
		!strings.Contains(r.stdout, "(forum pack): digest ok, signed by U20001, key SHA256:") || !strings.Contains(r.stdout, "; submissions: 5 signed") {
		t.Errorf("verify: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
}
