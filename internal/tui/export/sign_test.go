package export

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/config"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
	"github.com/pcnvoice/pcnvoice/internal/store"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// signScreen is the export screen with [director] signing_key set to key.
func signScreen(t testing.TB, key string) (Model, *store.DB, string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	t.Setenv("SSH_AUTH_SOCK", "")
	db := tuitest.DB(t, true)
	com := tuitest.Common(t, db, false, 80, 20)
	com.Config.Director.SigningKey = key
	m, cmd := New(com).SetSize(80, 20).Focus()
	m, _ = tuitest.Drive(t, m, tuitest.Run(t, cmd)...)
	return m, db, home
}

// verified fails the test unless path.sig is k's signature over path.
func verified(t testing.TB, path string, k sshsigntest.Key) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := os.ReadFile(path + ".sig")
	if err != nil {
		t.Fatal("no signature beside the export")
	}
	s, err := sshsign.Verify(data, sig)
	if err != nil || s.Fingerprint() != k.Fingerprint() {
		t.Fatalf("signature: %v", err)
	}
}

func TestExportSignedWithConfigKey(t *testing.T) {
	k := sshsigntest.NewKey(t)
	m, db, _ := signScreen(t, k.WriteKey(t, t.TempDir()))
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Sign    signed with ") {
		t.Fatalf("view:\n%s", v)
	}
	m, note := press(t, m, "x")
	verified(t, m.path, k)
	if !strings.Contains(note, "revision 1 exported to ~/") || !strings.Contains(note, "· signed, "+k.Fingerprint()) || exports(t, db) != 1 {
		t.Errorf("notice %q", note)
	}
	// s turns signing off: the next (unchanged) export keeps the
	// signature, which still signs the same bytes.
	m, _ = press(t, m, "s")
	if v := tuitest.Strip(m.View()); !strings.Contains(v, "Sign    not signed · s: sign with ") {
		t.Errorf("after s:\n%s", v)
	}
	m, _ = press(t, m, "x")
	verified(t, m.path, k)
}

// TestExportAsksPassphrase: an encrypted key's passphrase is asked in a
// masked field; a wrong one asks again; esc, or three wrong ones, export
// nothing; the right one signs.
func TestExportAsksPassphrase(t *testing.T) {
	k := sshsigntest.NewKey(t)
	m, db, home := signScreen(t, k.WriteEncryptedKey(t, t.TempDir(), "correct horse"))
	m, _ = press(t, m, "x")
	v := tuitest.Strip(m.View())
	if m.mode != asking || !m.Capturing() || !strings.Contains(v, "is protected by a passphrase") || !strings.Contains(v, "Passphrase") {
		t.Fatalf("x did not ask:\n%s", v)
	}
	m, _ = press(t, m, "wrong", "enter")
	v = tuitest.Strip(m.View())
	if m.mode != asking || !strings.Contains(v, "Wrong passphrase (1 of 3 tries)") {
		t.Fatalf("a wrong passphrase:\n%s", v)
	}
	m, _ = press(t, m, "correct horse")
	v = tuitest.Strip(m.View())
	if strings.Contains(v, "correct horse") || !strings.Contains(v, strings.Repeat("•", len("correct horse"))) {
		t.Errorf("the field is not masked:\n%s", v)
	}
	m, note := press(t, m, "enter")
	verified(t, m.path, k)
	if m.mode != browsing || m.pass.Value() != "" || !strings.Contains(note, "signed, "+k.Fingerprint()) {
		t.Errorf("mode %d, field %q, notice %q", m.mode, m.pass.Value(), note)
	}
	if n := exports(t, db); n != 1 {
		t.Errorf("%d exports", n)
	}

	// esc at the question, and three wrong answers, export nothing.
	os.Remove(m.path)
	os.Remove(m.path + ".sig")
	m, note = press(t, m, "x", "esc")
	if m.mode != browsing || m.running || !strings.Contains(note, "not exported") {
		t.Errorf("esc: mode %d, running %v, %q", m.mode, m.running, note)
	}
	m, note = press(t, m, "x", "a", "enter", "b", "enter", "c", "enter")
	if m.mode != browsing || m.running || !strings.Contains(note, "wrong passphrase 3 times: not exported") {
		t.Errorf("three wrong: mode %d, running %v, %q", m.mode, m.running, note)
	}
	if left, _ := os.ReadDir(home); len(left) != 0 || exports(t, db) != 1 {
		t.Errorf("left %v and %d exports", left, exports(t, db))
	}
}

func TestExportSignKeyProblems(t *testing.T) {
	m, db, home := signScreen(t, filepath.Join(t.TempDir(), "no-such-key"))
	_, note := press(t, m, "x")
	if !strings.Contains(note, "error: not exported: ") || !strings.Contains(note, "no-such-key: no such key file") {
		t.Errorf("missing key: %q", note)
	}
	if left, _ := os.ReadDir(home); len(left) != 0 || exports(t, db) != 0 {
		t.Errorf("left %v and %d exports", left, exports(t, db))
	}
	m, _, _ = signScreen(t, "")
	if _, note := press(t, m, "s"); !strings.Contains(note, "set [director] signing_key in your config") {
		t.Errorf("s with no key: %q", note)
	}
	m, _, _ = signScreen(t, "agent")
	if _, note := press(t, m, "x"); !strings.Contains(note, "not exported: no ssh-agent") {
		t.Errorf("no agent: %q", note)
	}
}

// TestExportSignsThroughAgent: signing_key = "agent" signs with the key
// the running agent holds.
func TestExportSignsThroughAgent(t *testing.T) {
	k := sshsigntest.NewKey(t)
	sock := sshsigntest.StartAgent(t, k)
	m, _, _ := signScreen(t, "agent")
	m.com.AgentSocket = sock // from tui.Options; the environment is not read here
	m, note := press(t, m, "x")
	verified(t, m.path, k)
	if !strings.Contains(note, "signed, "+k.Fingerprint()) {
		t.Errorf("notice %q", note)
	}
}

// TestExportRefusesTheKeyAndConfig: a director who types the signing
// key's own name, or the config file's, as the file to write is refused
// and keeps both — signing on or off, as the command line refuses them.
func TestExportRefusesTheKeyAndConfig(t *testing.T) {
	k := sshsigntest.NewKey(t)
	dir := t.TempDir()
	key := k.WriteKey(t, dir)
	cfgFile := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(cfgFile, []byte("[director]\nsigning_key = "+strconv.Quote(key)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, target string
		signOff      bool
	}{
		{"key, signing", key, false},
		{"key, signing off", key, true},
		{"config", cfgFile, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := os.ReadFile(tc.target)
			if err != nil {
				t.Fatal(err)
			}
			m, db, _ := signScreen(t, key)
			cfg, err := config.Load(cfgFile, true)
			if err != nil {
				t.Fatal(err)
			}
			m.com.Config = cfg
			if tc.signOff {
				m, _ = press(t, m, "s")
			}
			m.path, m.named = tc.target, true // as typed after o
			_, note := press(t, m, "x")
			if !strings.Contains(note, "pcnvoice never writes over it") {
				t.Errorf("notice %q, want a refusal", note)
			}
			after, err := os.ReadFile(tc.target)
			if err != nil || string(after) != string(before) {
				t.Errorf("%s was replaced: %.40q", tc.target, after)
			}
			if _, err := os.Stat(tc.target + ".sig"); !os.IsNotExist(err) {
				t.Errorf("a signature was written beside %s", tc.target)
			}
			if n := exports(t, db); n != 0 {
				t.Errorf("%d exports recorded", n)
			}
		})
	}
}
