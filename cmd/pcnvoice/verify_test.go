package main

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// verifyKey is a key made in Go for verify's tests.
type verifyKey struct {
	priv crypto.Signer
	pub  ssh.PublicKey
}

func newVerifyKey(t testing.TB) verifyKey {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	return verifyKey{priv, pub}
}

// sign writes path.sig, signed by k over path's bytes, in namespace ns.
func (k verifyKey) sign(t testing.TB, path, ns string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := ssh.NewSignerFromKey(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	var armored []byte
	if ns == sshsign.Namespace {
		sg, err := sshsign.NewSigner(s, "test key")
		if err != nil {
			t.Fatal(err)
		}
		if armored, err = sg.Sign(data); err != nil {
			t.Fatal(err)
		}
	} else {
		sig, err := sshsig.Sign(bytes.NewReader(data), s, sshsig.HashSHA512, ns)
		if err != nil {
			t.Fatal(err)
		}
		armored = sshsig.Armor(sig)
	}
	if err := os.WriteFile(path+".sig", armored, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fingerprint returns the key's SHA256 fingerprint.
func (k verifyKey) fingerprint() string { return ssh.FingerprintSHA256(k.pub) }

// line returns an allowed_signers line for the key.
func (k verifyKey) line(principals, options string) string {
	if options != "" {
		principals += " " + options
	}
	return principals + " " + sshsign.AuthorizedKey(k.pub)
}

// copyFixture copies a merge fixture into dir and returns its new path.
func copyFixture(t testing.TB, dir, fixture, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(mergeFixtures, fixture))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeText(t testing.TB, path string, lines ...string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestVerifyCommand runs verify over one folder of files in every state
// SPEC §13 and the issue name, with and without a roster.
func TestVerifyCommand(t *testing.T) {
	dir := t.TempDir()
	director, other, expired := newVerifyKey(t), newVerifyKey(t), newVerifyKey(t)
	roster := writeText(t, filepath.Join(dir, "allowed_signers"),
		"# Example ICS forum roster",
		director.line("U20001,U20002", `namespaces="pcnvoice"`),
		other.line("U20009", ""),
		expired.line("U20005", `valid-before="20260930Z"`),
	)
	signed := copyFixture(t, dir, "worked/U20001.json", "U20001.json")
	director.sign(t, signed, sshsign.Namespace)
	unsigned := copyFixture(t, dir, "worked/U20003.json", "U20003.json")
	changed := copyFixture(t, dir, "worked/U20002.json", "U20002.json")
	director.sign(t, changed, sshsign.Namespace)
	// One byte more: a reader of the JSON sees the same content, so the
	// digest still matches, but it is not the file that was signed.
	appendBytes(t, changed, "\n")
	otherPCN := copyFixture(t, dir, "worked/U20004.json", "U20004.json")
	other.sign(t, otherPCN, sshsign.Namespace)
	lapsed := copyFixture(t, dir, "worked/U20005.json", "U20005.json")
	expired.sign(t, lapsed, sshsign.Namespace)
	gitSig := copyFixture(t, dir, "received/moorview-q3.json", "moorview.json")
	director.sign(t, gitSig, "git")
	notSig := copyFixture(t, dir, "received/hillside_q3_FINAL.json", "hillside.json")
	writeText(t, notSig+".sig", "-----BEGIN PGP SIGNATURE-----", "", "iQEzBAABCAAdFiEE", "-----END PGP SIGNATURE-----")
	tampered := copyFixture(t, dir, "bad/tampered.json", "tampered.json")
	pack := copyFixture(t, dir, "received/northgate-neighbourhood-pack.json", "pack.json")
	director.sign(t, pack, sshsign.Namespace)

	want := map[string]string{
		signed:   ": digest ok, signed by U20001, key " + director.fingerprint(),
		unsigned: ": digest ok, unsigned (no U20003.json.sig)",
		changed:  ": digest ok, signature FAILED: signature does not verify",
		otherPCN: ": digest ok, signature FAILED: key not listed for this PCN: " + roster + " lists key " + other.fingerprint() + " for U20009, not U20004",
		lapsed:   ": digest ok, signature FAILED: " + roster + " line 4: roster line expired",
		gitSig:   `: digest ok, signature FAILED: a signature for another purpose: namespace "git", not "pcnvoice"`,
		notSig:   ": digest ok, signature FAILED: not an SSH signature",
		tampered: ": digest FAILED: does not match the content",
		pack:     " (forum pack): digest ok, signed by U20001,U20002, key " + director.fingerprint(),
	}
	files := []string{signed, unsigned, changed, otherPCN, lapsed, gitSig, notSig, tampered, pack}
	r := cliRun(t, nil, append([]string{"verify", "--allowed-signers", roster}, files...)...)
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines for %d files:\n%s", len(lines), len(files), r.stdout)
	}
	for i, f := range files {
		if !strings.HasPrefix(lines[i], f+want[f]) {
			t.Errorf("line %d:\n got %s\nwant %s…", i+1, lines[i], f+want[f])
		}
	}
	if !strings.Contains(r.stderr, "6 of 9 files failed verification") {
		t.Errorf("stderr: %s", r.stderr)
	}

	t.Run("all good: exit 0", func(t *testing.T) {
		r := cliRun(t, nil, "verify", "--allowed-signers", roster, signed, unsigned, pack)
		if r.code != 0 || r.stderr != "" {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("no roster: key not checked, still an error when it does not verify", func(t *testing.T) {
		r := cliRun(t, nil, "verify", "--config", writeText(t, filepath.Join(t.TempDir(), "c.toml"), ""), signed, otherPCN, changed)
		if r.code != 1 {
			t.Errorf("exit %d, want 1 (a changed file)", r.code)
		}
		for _, w := range []string{
			"U20001.json: digest ok, key not checked, key " + director.fingerprint(),
			"U20004.json: digest ok, key not checked, key " + other.fingerprint(),
			"U20002.json: digest ok, signature FAILED: signature does not verify",
		} {
			if !strings.Contains(r.stdout, w+"\n") && !strings.Contains(r.stdout, w) {
				t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
			}
		}
		if !strings.Contains(r.stderr, "no roster given") {
			t.Errorf("stderr: %s", r.stderr)
		}
	})
	t.Run("roster from the config, relative to it", func(t *testing.T) {
		cdir := t.TempDir()
		writeText(t, filepath.Join(cdir, "forum.roster"), director.line("U20001", ""))
		cfg := writeText(t, filepath.Join(cdir, "config.toml"), "[forum]", `allowed_signers = "forum.roster"`)
		r := cliRun(t, nil, "verify", "--config", cfg, signed)
		if r.code != 0 || !strings.Contains(r.stdout, "signed by U20001") {
			t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
		// The flag wins over the config.
		r = cliRun(t, nil, "verify", "--config", cfg, "--allowed-signers", roster, otherPCN)
		if r.code != 1 || !strings.Contains(r.stdout, "for U20009, not U20004") {
			t.Fatalf("exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
	})
}

func appendBytes(t testing.TB, path, s string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(s); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyCommandRefusals(t *testing.T) {
	dir := t.TempDir()
	k := newVerifyKey(t)
	file := copyFixture(t, dir, "worked/U20001.json", "U20001.json")
	k.sign(t, file, sshsign.Namespace)
	empty := writeText(t, filepath.Join(dir, "empty.toml"), "")
	for _, c := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"no files", []string{"verify"}, 2, "verify needs at least one FILE"},
		{"roster line that does not parse", []string{"verify", "--config", empty, "--allowed-signers",
			writeText(t, filepath.Join(dir, "bad_roster"), "# roster", k.line("U20001", ""), "U20002 cert-authority "+sshsign.AuthorizedKey(k.pub)), file},
			1, "roster: " + filepath.Join(dir, "bad_roster") + ": line 3: cert-authority"},
		{"roster missing", []string{"verify", "--config", empty, "--allowed-signers", filepath.Join(dir, "nope"), file}, 1, "roster: " + filepath.Join(dir, "nope") + ": no such file"},
		{"roster flag empty", []string{"verify", "--config", empty, "--allowed-signers", "", file}, 2, "--allowed-signers needs a FILE"},
		{"roster from the config missing", []string{"verify", "--config", writeText(t, filepath.Join(dir, "c.toml"), "[forum]", `allowed_signers = "gone"`), file}, 1, filepath.Join(dir, "gone") + ": no such file"},
		{"config broken", []string{"verify", "--config", writeText(t, filepath.Join(dir, "d.toml"), "[forum]", `allowed_signers = 3`), file}, 1, "d.toml"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := cliRun(t, nil, c.args...)
			if r.code != c.code || !strings.Contains(r.stderr, c.stderr) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", r.code, r.stderr, c.code, c.stderr)
			}
			if r.stdout != "" {
				t.Errorf("a bad roster or usage still printed lines:\n%s", r.stdout)
			}
		})
	}
	t.Run("files that are not there or not files", func(t *testing.T) {
		r := cliRun(t, nil, "verify", "--config", empty,
			filepath.Join(dir, "missing.json"), dir, file+".sig", copyFixture(t, dir, "bad/paper.md", "paper.md"))
		if r.code != 1 {
			t.Errorf("exit %d", r.code)
		}
		for _, w := range []string{"missing.json: FAILED: no such file", dir + ": FAILED: is a directory", "U20001.json.sig: FAILED: a signature file; give the file it signs", "paper.md: FAILED: a forum paper"} {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("stdout lacks %q:\n%s", w, r.stdout)
			}
		}
		if !strings.Contains(r.stderr, "4 of 4 files failed") {
			t.Errorf("stderr %q", r.stderr)
		}
	})
	t.Run("names from outside reach the terminal sanitised", func(t *testing.T) {
		evil := copyFixture(t, dir, "worked/U20002.json", "U2\x1b[31m0002\x07.json")
		r := cliRun(t, nil, "verify", "--config", empty, evil)
		if r.code != 0 || strings.ContainsAny(r.stdout+r.stderr, "\x1b\x07") {
			t.Fatalf("exit %d, output %q %q", r.code, r.stdout, r.stderr)
		}
	})
}

// TestVerifyStopsWhenCancelled: verify reads under the command's context
// (Ctrl-C), so a cancelled run stops at once with one line, instead of
// reading every file it was given.
func TestVerifyStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	file := copyFixture(t, dir, "worked/U20001.json", "U20001.json")
	empty := writeText(t, filepath.Join(dir, "empty.toml"), "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errb, Now: func() time.Time { return cliClock }, Getenv: func(string) string { return "" }}
	code := m.Run(ctx, []string{"verify", "--config", empty, file, file, file})
	if code == 0 || strings.Contains(out.String(), "digest ok") {
		t.Fatalf("exit %d, stdout %q: a cancelled verify still checked files", code, out.String())
	}
	if lines := strings.Split(strings.TrimSpace(errb.String()), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "interrupted") {
		t.Errorf("stderr %q, want one line saying the run was cancelled", errb.String())
	}
}
