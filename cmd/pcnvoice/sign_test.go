package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/pcnjson"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// demoCode is the demo PCN's code, the principal its director signs as.
const demoCode = "U99001"

// signSetup is a demo database, a director's key, a roster listing it for
// the demo PCN, and an empty config, all in one folder.
type signSetup struct {
	dir, db, config, roster, key string
	k                            sshsigntest.Key
}

func newSignSetup(t testing.TB) signSetup {
	t.Helper()
	s := signSetup{dir: t.TempDir(), db: cliDemoDB(t), k: sshsigntest.NewKey(t)}
	s.key = s.k.WriteKey(t, s.dir)
	s.roster = filepath.Join(s.dir, "allowed_signers")
	sshsigntest.Roster(t, s.roster, s.k.Line(demoCode, `namespaces="pcnvoice"`))
	s.config = writeText(t, filepath.Join(s.dir, "config.toml"), "")
	return s
}

func (s signSetup) run(t testing.TB, env map[string]string, args ...string) cliResult {
	t.Helper()
	return cliRun(t, env, append([]string{"--db", s.db, "--config", s.config}, args...)...)
}

// TestCLIExportSign: export --sign writes FILE.sig over the exact bytes
// written, which verify accepts against the roster, in every format.
func TestCLIExportSign(t *testing.T) {
	s := newSignSetup(t)
	for _, ext := range []string{"json", "md", "html"} {
		out := filepath.Join(s.dir, "riverside."+ext)
		r := s.run(t, nil, "export", "--format", ext, "--sign", s.key, "-o", out)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", ext, r.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "signed with "+s.key+" ("+s.k.Fingerprint()+") in "+out+".sig") {
			t.Errorf("%s: stderr %s", ext, r.stderr)
		}
		data, _ := os.ReadFile(out)
		sig, _ := os.ReadFile(out + ".sig")
		if _, err := sshsign.Verify(data, sig); err != nil {
			t.Errorf("%s: %v", ext, err)
		}
	}
	r := s.run(t, nil, "verify", "--allowed-signers", s.roster, filepath.Join(s.dir, "riverside.json"), filepath.Join(s.dir, "riverside.html"))
	if r.code != 0 || !strings.Contains(r.stdout, "riverside.json: digest ok, signed by "+demoCode+", key "+s.k.Fingerprint()) ||
		!strings.Contains(r.stdout, "riverside.html (paper): signed by "+demoCode+", key "+s.k.Fingerprint()) {
		t.Errorf("verify: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	// A paper changed after signing, or never signed, fails.
	appendBytes(t, filepath.Join(s.dir, "riverside.html"), "<p>")
	os.Remove(filepath.Join(s.dir, "riverside.md.sig"))
	r = s.run(t, nil, "verify", "--allowed-signers", s.roster, filepath.Join(s.dir, "riverside.html"), filepath.Join(s.dir, "riverside.md"))
	if r.code != 1 || !strings.Contains(r.stdout, "riverside.html (paper): signature FAILED: signature does not verify") ||
		!strings.Contains(r.stdout, "riverside.md: FAILED: a forum paper (Markdown or HTML), not a pack") {
		t.Errorf("verify changed papers: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
}

// TestCLIExportSignRefusals: --sign without -o is a usage error; a key
// that cannot be used, or a FILE.sig that may not be written, stops the
// export before anything is written or recorded.
func TestCLIExportSignRefusals(t *testing.T) {
	s := newSignSetup(t)
	encrypted := s.k.WriteEncryptedKey(t, s.dir, "correct horse")
	out := filepath.Join(s.dir, "out.json")
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no -o", []string{"export", "--sign", s.key}, 2, "--sign needs -o FILE: the signature is written beside the file, as FILE.sig"},
		{"-o -", []string{"export", "--sign", s.key, "-o", "-"}, 2, "--sign needs -o FILE"},
		{"no KEY", []string{"export", "--sign=", "-o", out}, 2, "--sign needs a KEY"},
		{"no such key", []string{"export", "--sign", filepath.Join(s.dir, "nokey"), "-o", out}, 1, "nokey: no such key file"},
		{"a public key, no agent", []string{"export", "--sign", s.roster, "-o", out}, 1, "not an SSH private key"},
		{"passphrase, no terminal", []string{"export", "--sign", encrypted, "-o", out}, 1,
			"passphrase: stdin is not a terminal to ask it on: add the key to ssh-agent (ssh-add " + encrypted + ") and sign with --sign agent"},
		{"agent, none running", []string{"export", "--sign", "agent", "-o", out}, 1, "no ssh-agent: SSH_AUTH_SOCK is not set"},
		{"FILE.sig is the config", []string{"--config", filepath.Join(s.dir, "out.json.sig"), "export", "--sign", s.key, "-o", out}, 1, "out.json.sig is the config file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if strings.HasSuffix(tc.want, "is the config file") {
				writeText(t, out+".sig", "")
				defer os.Remove(out + ".sig")
			}
			r := s.run(t, nil, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("exit %d, want %d: %s", r.code, tc.code, r.stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("the export was written")
			}
			if n := exportCount(t, s.db); n != 0 {
				t.Errorf("%d exports recorded", n)
			}
		})
	}
}

// TestCLIExportSigningKeyFromConfig: [director] signing_key, relative to
// the config file, signs exports written with -o; to stdout it signs
// nothing and says so; an unsigned export over a signed file removes the
// signature that no longer signs it.
func TestCLIExportSigningKeyFromConfig(t *testing.T) {
	s := newSignSetup(t)
	cfg := writeText(t, filepath.Join(s.dir, "with-key.toml"), `[director]`, `signing_key = "id_ed25519"`)
	out := filepath.Join(t.TempDir(), "sub.json")
	r := cliRun(t, nil, "--db", s.db, "--config", cfg, "export", "-o", out)
	if r.code != 0 || !strings.Contains(r.stderr, "signed with "+s.key) {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(out + ".sig"); err != nil {
		t.Fatal("no signature")
	}
	r = cliRun(t, nil, "--db", s.db, "--config", cfg, "export")
	if r.code != 0 || !strings.Contains(r.stderr, "note: not signed: [director] signing_key signs only a file written with -o") {
		t.Errorf("stdout: exit %d: %s", r.code, r.stderr)
	}
	// Unsigned (the plain config) and changed: the old .sig goes.
	db, err := store.Open(context.Background(), s.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.SetStatement(context.Background(), "Changed since the signed export.")
	db.Close()
	r = s.run(t, nil, "export", "-o", out)
	if r.code != 0 || !strings.Contains(r.stderr, "removed "+out+".sig: it signed the file's last version") {
		t.Errorf("re-export: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(out + ".sig"); !os.IsNotExist(err) {
		t.Error("the stale signature is still there")
	}
}

// TestCLIExportSignAgent: --sign agent signs with the running agent's key.
func TestCLIExportSignAgent(t *testing.T) {
	s := newSignSetup(t)
	sock := sshsigntest.StartAgent(t, s.k)
	out := filepath.Join(s.dir, "sub.json")
	r := s.run(t, map[string]string{"SSH_AUTH_SOCK": sock}, "export", "--sign", "agent", "-o", out)
	if r.code != 0 || !strings.Contains(r.stderr, "signed with ssh-agent ("+s.k.Fingerprint()+")") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	r = s.run(t, nil, "verify", "--allowed-signers", s.roster, out)
	if r.code != 0 || !strings.Contains(r.stdout, "signed by "+demoCode) {
		t.Errorf("verify: %s%s", r.stdout, r.stderr)
	}
}

// TestCLIMergeSignatures: merge applies the roster from the flag or the
// config, requires signatures when asked, signs the pack, and a merge of
// that pack checks every signature again.
func TestCLIMergeSignatures(t *testing.T) {
	dir := t.TempDir()
	inbox := filepath.Join(dir, "inbox")
	os.Mkdir(inbox, 0o700)
	director, chair := newVerifyKey(t), newVerifyKey(t)
	roster := writeText(t, filepath.Join(dir, "allowed_signers"),
		director.line("U20001,U20002,U20003,U20004,U20005", `namespaces="pcnvoice"`),
		chair.line("U20001", ""))
	var files []string
	for _, c := range []string{"U20001", "U20002", "U20003", "U20004", "U20005"} {
		files = append(files, copyFixture(t, inbox, "worked/"+c+".json", c+".json"))
	}
	for _, f := range files[:4] {
		director.sign(t, f, sshsign.Namespace)
	}
	cfg := writeText(t, filepath.Join(dir, "config.toml"), `[forum]`, `allowed_signers = "allowed_signers"`)
	empty := writeText(t, filepath.Join(dir, "empty.toml"), "")
	chairKey := sshsigntest.Key{Priv: chair.priv, Pub: chair.pub}.WriteKey(t, t.TempDir())

	t.Run("roster from the config: one unsigned is a warning", func(t *testing.T) {
		out := filepath.Join(dir, "pack.json")
		r := cliRun(t, nil, "--config", cfg, "merge", inbox, "-o", out, "--sign", chairKey)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		for _, want := range []string{
			"warning: " + files[4] + ": U20005 is unsigned (no U20005.json.sig beside it)",
			"signatures: 4 of 5 submissions signed by a key on the forum's roster",
			"signed with " + chairKey + " (" + chair.fingerprint() + ") in " + out + ".sig",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
			}
		}
		r = cliRun(t, nil, "--config", cfg, "verify", out)
		if r.code != 0 || !strings.Contains(r.stdout, "(forum pack): digest ok, signed by U20001, key "+chair.fingerprint()+"; submissions: 4 signed, 1 unsigned") {
			t.Errorf("verify the pack: exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
		// The pack merged again, without a roster: every signature
		// checked again, none by a roster.
		r = cliRun(t, nil, "--config", empty, "merge", out, "--format", "json")
		if r.code != 0 || !strings.Contains(r.stderr, "the forum pack itself is key not checked (no roster), key "+chair.fingerprint()) ||
			!strings.Contains(r.stderr, "signatures: 4 of 5 submissions signed, but no roster was given") ||
			strings.Count(r.stdout, `"status": "key not checked"`) != 4 {
			t.Errorf("merge of the pack: exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("verify: an embedded signature changed", func(t *testing.T) {
		pack := filepath.Join(dir, "forged.json")
		if r := cliRun(t, nil, "--config", cfg, "merge", inbox, "-o", pack); r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		data, _ := os.ReadFile(pack)
		p, err := pcnjson.DecodePack(pack, data)
		if err != nil {
			t.Fatal(err)
		}
		// A forger who knows the format: another valid signature of the
		// same bytes, by a key the roster does not list for U20002, and
		// the pack's digest made good.
		p.Submissions[1].Signature.Signature = string(chair.signBytes(t, []byte(p.Submissions[1].Signature.File)))
		out, err := pcnjson.EncodePack(p)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(pack, out, 0o600)
		r := cliRun(t, nil, "--config", cfg, "verify", pack)
		if r.code != 1 || !strings.Contains(r.stdout, "forged.json (forum pack): digest ok, embedded signature FAILED: submissions[1] (U20002): signature: key not listed for this PCN") {
			t.Errorf("verify: exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
		r = cliRun(t, nil, "--config", cfg, "merge", pack)
		if r.code != 1 || !strings.Contains(r.stderr, "forged.json: submissions[1] (U20002): signature: key not listed for this PCN") {
			t.Errorf("merge: exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("--require-signatures", func(t *testing.T) {
		out := filepath.Join(dir, "required.json")
		r := cliRun(t, nil, "--config", empty, "merge", "--allowed-signers", roster, "--require-signatures", inbox, "-o", out)
		if r.code != 1 || !strings.Contains(r.stderr, "U20005 is unsigned (no U20005.json.sig beside it): signatures are required (--require-signatures)") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Error("written")
		}
	})
	t.Run("a key listed for another PCN", func(t *testing.T) {
		chair.sign(t, files[4], sshsign.Namespace)
		defer os.Remove(files[4] + ".sig")
		r := cliRun(t, nil, "--config", empty, "merge", "--allowed-signers", roster, inbox)
		if r.code != 1 || !strings.Contains(r.stderr, files[4]+": signature U20005.json.sig: key not listed for this PCN") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("--sign without -o", func(t *testing.T) {
		r := cliRun(t, nil, "--config", empty, "merge", "--sign", chairKey, inbox)
		if r.code != 2 || !strings.Contains(r.stderr, "--sign needs -o FILE") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("-o over an input's signature", func(t *testing.T) {
		other := filepath.Join(dir, "other")
		os.Mkdir(other, 0o700)
		in := copyFixture(t, other, "worked/U20001.json", "U20001.json")
		director.sign(t, in, sshsign.Namespace)
		r := cliRun(t, nil, "--config", empty, "merge", in, "-o", filepath.Join(other, "U20001.json"), "--sign", chairKey)
		if r.code != 1 || !strings.Contains(r.stderr, "one of this command's input files") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	})
}

// signBytes signs data in namespace pcnvoice.
func (k verifyKey) signBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	return sshsigntest.Key{Priv: k.priv, Pub: k.pub}.Sign(t, data)
}

// TestCLIMergeNeverReplacesAnInputsSignature: merge reads X.sig beside
// every input X, so -o may not name it (SPEC §3), signed or not: an
// unsigned merge over a director's signature would put the Markdown pack
// where the SSHSIG was. The same for a .sig inside a merged folder.
func TestCLIMergeNeverReplacesAnInputsSignature(t *testing.T) {
	s := newSignSetup(t)
	for _, tc := range []struct {
		name string
		args func(sub, sig string) []string
	}{
		{"the file", func(sub, sig string) []string { return []string{"merge", "-o", sig, sub} }},
		{"the file, as JSON", func(sub, sig string) []string { return []string{"merge", "--format", "json", "-o", sig, sub} }},
		{"its folder", func(sub, sig string) []string { return []string{"merge", "-o", sig, filepath.Dir(sub)} }},
		{"signed", func(sub, sig string) []string { return []string{"merge", "--sign", s.key, "-o", sig, sub} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sub := filepath.Join(t.TempDir(), "s.json")
			if r := s.run(t, nil, "export", "--sign", s.key, "-o", sub); r.code != 0 {
				t.Fatalf("export: exit %d: %s", r.code, r.stderr)
			}
			sig := sub + ".sig"
			before := fileSum(t, sig)
			r := s.run(t, nil, tc.args(sub, sig)...)
			if r.code != 1 || !strings.Contains(r.stderr, sig+" is the signature of one of this command's input files") {
				t.Errorf("exit %d: %s", r.code, r.stderr)
			}
			if fileSum(t, sig) != before {
				t.Fatal("the signature was replaced")
			}
		})
	}
}

// TestCLIOutputNeverReplacesASettingsFile: the files a command reads
// because a flag or the config names them — the signing key, the roster,
// the chair's words — are its inputs too: -o naming one is refused and
// nothing is written. (export --sign KEY -o KEY once replaced the
// director's private key with the submission.)
func TestCLIOutputNeverReplacesASettingsFile(t *testing.T) {
	s := newSignSetup(t)
	sub := filepath.Join(t.TempDir(), "s.json")
	if r := s.run(t, nil, "export", "-o", sub); r.code != 0 {
		t.Fatal(r.stderr)
	}
	words := writeText(t, filepath.Join(s.dir, "words.md"), "The forum agrees.")
	withWords := writeText(t, filepath.Join(s.dir, "words.toml"), `[forum]`, `summary_file = "words.md"`, `allowed_signers = "allowed_signers"`)
	withKey := writeText(t, filepath.Join(s.dir, "key.toml"), `[director]`, `signing_key = "id_ed25519"`)
	for _, tc := range []struct {
		name, target string
		args         []string
	}{
		{"export --sign KEY -o KEY", s.key, []string{"export", "--sign", s.key, "-o", s.key}},
		{"export -o the config's signing_key", s.key, []string{"--config", withKey, "export", "-o", s.key}},
		{"merge --sign KEY -o KEY", s.key, []string{"merge", "--sign", s.key, "-o", s.key, sub}},
		{"merge --allowed-signers R -o R", s.roster, []string{"merge", "--allowed-signers", s.roster, "-o", s.roster, sub}},
		{"merge -o the config's roster", s.roster, []string{"--config", withWords, "merge", "-o", s.roster, sub}},
		{"merge -o the chair's words", words, []string{"--config", withWords, "merge", "-o", words, sub}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := fileSum(t, tc.target)
			r := s.run(t, nil, tc.args...)
			if r.code != 1 || !strings.Contains(r.stderr, tc.target+" is one of this command's input files") {
				t.Errorf("exit %d: %s", r.code, r.stderr)
			}
			if fileSum(t, tc.target) != before {
				t.Fatal("the file was replaced")
			}
		})
	}
}

// TestCLIExportSignHome: --sign=~/KEY, which no shell expands, is the key
// in the home folder (config.ExpandHome); with no home folder it is a
// one-line error naming the flag, and nothing is written.
func TestCLIExportSignHome(t *testing.T) {
	s := newSignSetup(t)
	t.Setenv("HOME", s.dir)
	t.Setenv("USERPROFILE", s.dir)
	out := filepath.Join(s.dir, "riverside.json")
	r := s.run(t, nil, "export", "--sign=~/"+filepath.Base(s.key), "-o", out)
	if r.code != 0 || !strings.Contains(r.stderr, "signed with "+s.key+" (") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	t.Setenv("HOME", "")
	t.Setenv("USERPROFILE", "")
	out = filepath.Join(s.dir, "again.json")
	r = s.run(t, nil, "export", "--sign=~/"+filepath.Base(s.key), "-o", out)
	if r.code == 0 || !strings.Contains(r.stderr, "--sign ~/"+filepath.Base(s.key)+": cannot find your home folder") {
		t.Errorf("no home: exit %d: %s", r.code, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("no home: the export was written anyway")
	}
}
