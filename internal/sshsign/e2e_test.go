//go:build e2e

package sshsign

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// These tests run the real OpenSSH tools (ssh-keygen, ssh-agent, ssh-add)
// against this package, both ways: what pcnvoice signs ssh-keygen accepts,
// what ssh-keygen signs pcnvoice accepts, and where a roster refuses, both
// refuse. CI installs openssh-client (.ci/run).

// needTool fails, never skips, when an OpenSSH tool is missing.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install OpenSSH's client tools (apt-get install -y openssh-client; macOS has them)", name)
	}
	return p
}

// run runs an OpenSSH tool with env added to a clean environment (TZ=UTC,
// no agent unless given) and stdin; it returns combined output and the
// exit error, if any.
func run(t testing.TB, stdin []byte, env []string, name string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(needTool(t, name), args...)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "TZ=UTC"}, env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// sshKeygenKey makes a key with ssh-keygen and returns its file's path.
func sshKeygenKey(t testing.TB, dir, typ, passphrase string) string {
	t.Helper()
	path := filepath.Join(dir, "id_"+typ)
	args := []string{"-q", "-t", typ, "-N", passphrase, "-C", typ + "@e2e", "-f", path}
	if typ == "rsa" {
		args = append(args, "-b", "3072")
	}
	if out, err := run(t, nil, nil, "ssh-keygen", args...); err != nil {
		t.Fatalf("ssh-keygen -t %s: %v\n%s", typ, err, out)
	}
	return path
}

// pubLine returns the key of a .pub file as an allowed_signers key field.
func pubLine(t testing.TB, keyPath string) string {
	t.Helper()
	b, err := os.ReadFile(keyPath + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	return f[0] + " " + f[1]
}

// keygenVerify runs ssh-keygen -Y verify as SPEC §13 quotes it, at time
// at (verify-time), and returns nil when ssh-keygen accepts.
func keygenVerify(t testing.TB, allowed, principal, sigPath string, data []byte, at time.Time) error {
	t.Helper()
	out, err := run(t, data, nil, "ssh-keygen", "-Y", "verify", "-f", allowed, "-I", principal, "-n", Namespace,
		"-s", sigPath, "-Overify-time="+at.UTC().Format("20060102150405")+"Z")
	if err != nil {
		return fmt.Errorf("%v: %s", err, strings.TrimSpace(out))
	}
	if want := fmt.Sprintf("Good %q signature for %s", Namespace, principal); !strings.Contains(out, want) {
		return fmt.Errorf("accepted, but said %q", out)
	}
	return nil
}

var e2eTypes = []string{"ed25519", "ecdsa", "rsa"}

// TestVerifyE2EPcnvoiceSignsSSHKeygenAccepts: keys made by ssh-keygen
// (one passphrase-protected, read through the callback), signed by
// pcnvoice, checked by ssh-keygen -Y verify.
func TestVerifyE2EPcnvoiceSignsSSHKeygenAccepts(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	for _, typ := range e2eTypes {
		t.Run(typ, func(t *testing.T) {
			pass := ""
			if typ == "ecdsa" {
				pass = "correct horse battery"
			}
			key := sshKeygenKey(t, dir, typ, pass)
			allowed := writeFile(t, filepath.Join(dir, typ+".allowed"), []byte("U51234,U51235 "+pubLine(t, key)+"\n"))
			s, err := Open(key, KeyOptions{Passphrase: func(string) ([]byte, error) { return []byte(pass), nil }})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			sig, err := s.Sign(submission)
			if err != nil {
				t.Fatal(err)
			}
			sigPath := writeFile(t, filepath.Join(dir, typ+".json.sig"), sig)
			if err := keygenVerify(t, allowed, "U51235", sigPath, submission, now); err != nil {
				t.Fatalf("ssh-keygen refuses what pcnvoice signed: %v", err)
			}
			// And ssh-keygen refuses it for the changed file, as pcnvoice does.
			if err := keygenVerify(t, allowed, "U51235", sigPath, append(bytes.Clone(submission), ' '), now); err == nil {
				t.Fatal("ssh-keygen accepts the signature over a changed file")
			}
			// ssh-keygen finds the same principals pcnvoice does.
			out, err := run(t, nil, nil, "ssh-keygen", "-Y", "find-principals", "-f", allowed, "-s", sigPath)
			r, perr := ReadRoster(allowed, time.UTC)
			if perr != nil {
				t.Fatal(perr)
			}
			if err != nil || strings.Join(strings.Fields(out), ",") != strings.Join(r.Principals(s.PublicKey(), Namespace, now), ",") {
				t.Errorf("ssh-keygen find-principals says %q (%v); pcnvoice says %v", out, err, r.Principals(s.PublicKey(), Namespace, now))
			}
		})
	}
}

// TestVerifyE2ESSHKeygenSignsPcnvoiceAccepts: ssh-keygen -Y sign, checked
// by Check against a roster, with both hashes ssh-keygen offers.
func TestVerifyE2ESSHKeygenSignsPcnvoiceAccepts(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, filepath.Join(dir, "U51234.json"), submission)
	for _, typ := range e2eTypes {
		for _, hash := range []string{"sha512", "sha256"} {
			t.Run(typ+"/"+hash, func(t *testing.T) {
				key := sshKeygenKey(t, t.TempDir(), typ, "")
				if out, err := run(t, nil, nil, "ssh-keygen", "-Y", "sign", "-n", Namespace, "-Ohashalg="+hash, "-f", key, file); err != nil {
					t.Fatalf("ssh-keygen -Y sign: %v\n%s", err, out)
				}
				sig, err := os.ReadFile(file + ".sig")
				if err != nil {
					t.Fatal(err)
				}
				os.Remove(file + ".sig")
				r, err := ParseRoster("allowed_signers", []byte("U51234 "+pubLine(t, key)+"\n"), time.UTC)
				if err != nil {
					t.Fatal(err)
				}
				res, err := Check(Input{Data: submission, Sig: sig, Roster: r, Principal: "U51234", Time: time.Now()})
				if err != nil || res.Status != Signed || res.Principal != "U51234" {
					t.Fatalf("status %q principal %q err %v", res.Status, res.Principal, err)
				}
				fp, err := run(t, nil, nil, "ssh-keygen", "-l", "-E", "sha256", "-f", key+".pub")
				if err != nil || !strings.Contains(fp, res.Fingerprint) {
					t.Errorf("fingerprint %s; ssh-keygen -l says %s", res.Fingerprint, fp)
				}
			})
		}
	}
}

// startSSHAgent starts the real ssh-agent on a socket in a short temporary
// folder and returns the socket; the agent is killed when the test ends.
func startSSHAgent(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ag")
	if err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "agent.sock")
	cmd := exec.Command(needTool(t, "ssh-agent"), "-D", "-a", sock)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		os.RemoveAll(dir)
	})
	// The socket appears once the agent listens; a busy machine may take
	// a while.
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(sock); err == nil {
			return sock
		}
		if time.Now().After(deadline) {
			t.Fatal("ssh-agent did not create its socket within 20s")
		}
	}
}

// TestVerifyE2EAgent: keys added to a running ssh-agent with ssh-add, signed
// through it by pcnvoice ("agent", and a .pub naming one of several), and
// checked by ssh-keygen; and ssh-keygen signing through the same agent,
// checked by pcnvoice.
func TestVerifyE2EAgent(t *testing.T) {
	dir := t.TempDir()
	sock := startSSHAgent(t)
	env := []string{"SSH_AUTH_SOCK=" + sock}
	var roster []string
	keyFiles := map[string]string{}
	for i, typ := range e2eTypes {
		key := sshKeygenKey(t, dir, typ, "")
		keyFiles[typ] = key
		roster = append(roster, fmt.Sprintf("U5123%d %s", i, pubLine(t, key)))
	}
	allowed := writeFile(t, filepath.Join(dir, "allowed_signers"), []byte(strings.Join(roster, "\n")+"\n"))
	r, err := ReadRoster(allowed, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for i, typ := range e2eTypes {
		t.Run(typ, func(t *testing.T) {
			principal := fmt.Sprintf("U5123%d", i)
			if out, err := run(t, nil, env, "ssh-add", keyFiles[typ]); err != nil {
				t.Fatalf("ssh-add: %v\n%s", err, out)
			}
			// With one key in the agent, "agent" is enough; with more, the
			// .pub file names the one.
			spec := Agent
			if i > 0 {
				spec = keyFiles[typ] + ".pub"
				if _, err := Open(Agent, KeyOptions{AgentSocket: sock}); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("holds %d keys", i+1)) {
					t.Errorf("agent with %d keys: err %v", i+1, err)
				}
			}
			s, err := Open(spec, KeyOptions{AgentSocket: sock})
			if err != nil {
				t.Fatal(err)
			}
			sig, err := s.Sign(submission)
			s.Close()
			if err != nil {
				t.Fatal(err)
			}
			sigPath := writeFile(t, filepath.Join(dir, typ+".agent.sig"), sig)
			if err := keygenVerify(t, allowed, principal, sigPath, submission, time.Now()); err != nil {
				t.Fatalf("ssh-keygen refuses what pcnvoice signed through ssh-agent: %v", err)
			}

			// ssh-keygen signs through the agent (-f names the public key).
			file := writeFile(t, filepath.Join(dir, typ+".json"), submission)
			if out, err := run(t, nil, env, "ssh-keygen", "-Y", "sign", "-n", Namespace, "-f", keyFiles[typ]+".pub", file); err != nil {
				t.Fatalf("ssh-keygen -Y sign through the agent: %v\n%s", err, out)
			}
			ks, err := os.ReadFile(file + ".sig")
			if err != nil {
				t.Fatal(err)
			}
			res, err := Check(Input{Data: submission, Sig: ks, Roster: r, Principal: principal, Time: time.Now()})
			if err != nil || res.Status != Signed {
				t.Fatalf("pcnvoice refuses what ssh-keygen signed through the agent: %v", err)
			}
		})
	}
}

// TestVerifyE2ERosterAgreesWithSSHKeygen is the differential test of the
// roster: for each line and question, ssh-keygen -Y verify (with
// verify-time) and Check agree on accept or refuse.
func TestVerifyE2ERosterAgreesWithSSHKeygen(t *testing.T) {
	dir := t.TempDir()
	keys := testKeys(t)
	k := keys["ed25519"]
	sigs := map[string][]byte{}
	for _, ns := range []string{Namespace, "git"} {
		sigs[ns] = sshsigWith(t, k, submission, "sha512", ns)
	}
	at := time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)
	for _, c := range []struct {
		name, line, principal, ns string
		at                        time.Time
	}{
		{"listed", "U51234", "U51234", Namespace, at},
		{"second of three", "U51233,U51234,U51235", "U51234", Namespace, at},
		{"quoted list", `"U51233,U51234"`, "U51234", Namespace, at},
		{"another PCN", "U51235", "U51234", Namespace, at},
		{"prefix is not a match", "U5123", "U51234", Namespace, at},
		{"case differs", "u51234", "U51234", Namespace, at},
		{"namespaces pcnvoice", `U51234 namespaces="pcnvoice"`, "U51234", Namespace, at},
		{"namespaces git only", `U51234 namespaces="git"`, "U51234", Namespace, at},
		{"namespaces pattern", `U51234 namespaces="pcn*"`, "U51234", Namespace, at},
		{"namespaces negated", `U51234 namespaces="*,!pcnvoice"`, "U51234", Namespace, at},
		{"namespaces other case", `U51234 namespaces="PCNVOICE"`, "U51234", Namespace, at},
		{"in window", `U51234 valid-after="20260401Z",valid-before="20270331Z"`, "U51234", Namespace, at},
		{"expired", `U51234 valid-before="20260930Z"`, "U51234", Namespace, at},
		{"expired a second ago", `U51234 valid-before="20261118164459Z"`, "U51234", Namespace, at},
		{"ends this second", `U51234 valid-before="20261118164500Z"`, "U51234", Namespace, at},
		{"starts this second", `U51234 valid-after="20261118164500Z"`, "U51234", Namespace, at},
		{"starts next second", `U51234 valid-after="20261118164501Z"`, "U51234", Namespace, at},
		{"not yet valid, minutes", `U51234 valid-after="202611181646Z"`, "U51234", Namespace, at},
		{"local time (TZ=UTC)", `U51234 valid-after="20261118"`, "U51234", Namespace, at},
		{"option names in capitals", `U51234 VALID-BEFORE="20261231Z",NAMESPACES="pcnvoice"`, "U51234", Namespace, at},
		{"signature for git", "U51234", "U51234", "git", at},
	} {
		t.Run(c.name, func(t *testing.T) {
			line := c.line
			if i := strings.IndexByte(line, ' '); i >= 0 {
				line = line[:i] + " " + line[i+1:] + " " + AuthorizedKey(k.pub)
			} else {
				line += " " + AuthorizedKey(k.pub)
			}
			allowed := writeFile(t, filepath.Join(dir, "allowed_signers"), []byte(line+"\n"))
			sigPath := writeFile(t, filepath.Join(dir, "f.sig"), sigs[c.ns])
			theirs := keygenVerify(t, allowed, c.principal, sigPath, submission, c.at)
			r, err := ReadRoster(allowed, time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			_, ours := Check(Input{Data: submission, Sig: sigs[c.ns], Roster: r, Principal: c.principal, Time: c.at})
			if (theirs == nil) != (ours == nil) {
				t.Fatalf("%s\nssh-keygen: %v\npcnvoice:   %v", line, theirs, ours)
			}
			if ours != nil && errors.Is(ours, ErrBadSignature) {
				t.Fatalf("refused for the wrong reason: %v", ours)
			}
		})
	}
}
