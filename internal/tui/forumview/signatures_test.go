package forumview

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
	"github.com/pcnvoice/pcnvoice/internal/tui/tuitest"
)

// signedFolder copies the worked example into a folder, signs the first
// three with a director's key the returned roster lists for them, and the
// fourth with a key it lists for another PCN.
func signedFolder(t *testing.T) (dir, roster string, k sshsigntest.Key) {
	t.Helper()
	dir = t.TempDir()
	k, stranger := sshsigntest.NewKey(t), sshsigntest.NewKey(t)
	for i, code := range []string{"U20001", "U20002", "U20003", "U20004", "U20005"} {
		data, err := os.ReadFile(filepath.Join(worked, code+".json"))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, code+".json")
		os.WriteFile(path, data, 0o600)
		if i < 3 {
			k.SignFile(t, path)
		}
	}
	roster = filepath.Join(t.TempDir(), "allowed_signers")
	sshsigntest.Roster(t, roster, k.Line("U20001,U20002,U20003", ""), stranger.Line("U20009", ""))
	return dir, roster, k
}

// TestSignatureStatusShown: with the config's roster, the PCN list shows
// each PCN's signature status, a PCN's page says by whom and with which
// key, and the coverage view sums it up as the paper does.
func TestSignatureStatusShown(t *testing.T) {
	dir, roster, k := signedFolder(t)
	com := tuitest.Common(t, nil, true, 100, 30)
	com.Config.Forum.AllowedSigners = roster
	m, said := open(t, New(com).SetSize(100, 30), dir)
	if !m.opened {
		t.Fatalf("open: %q", said)
	}
	for _, tc := range []struct {
		keys []string
		want []string
	}{
		{[]string{"p"}, []string{"Signature", "U20001  Riverside Health PCN", "signed", "U20005  Harbourside PCN"}},
		{[]string{"p", "enter"}, []string{"Signature", "signed by a key the forum's roster lists for U20001 ·", k.Fingerprint()}},
		{[]string{"p", "j", "j", "j", "enter"}, []string{"Signature", "unsigned"}},
		{[]string{"v"}, []string{"Signatures   3 of 5 submissions signed by a key on the forum's roster"}},
	} {
		_, v := press(t, m, tc.keys...)
		for _, w := range tc.want {
			if !strings.Contains(v, w) {
				t.Errorf("%v: the view lacks %q:\n%s", tc.keys, w, v)
			}
		}
	}
	_, v := press(t, m, "p")
	n := 0
	for _, l := range strings.Split(v, "\n") {
		if strings.HasSuffix(strings.TrimRight(l, " "), "  signed") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d PCNs shown signed, want 3:\n%s", n, v)
	}

	// Without a roster: key not checked.
	m, _ = open(t, screen(t), dir)
	_, v = press(t, m, "v")
	if !strings.Contains(v, "3 of 5 submissions signed, but no roster was given") {
		t.Errorf("no roster:\n%s", v)
	}
}

// TestBadSignatureRefused: a signature that fails stops the merge here as
// it does on the command line, naming the file; so does a roster that does
// not parse.
func TestBadSignatureRefused(t *testing.T) {
	dir, roster, _ := signedFolder(t)
	stranger := sshsigntest.NewKey(t)
	stranger.SignFile(t, filepath.Join(dir, "U20004.json"))
	com := tuitest.Common(t, nil, true, 80, 22)
	com.Config.Forum.AllowedSigners = roster
	m, said := open(t, New(com).SetSize(80, 22), dir)
	if m.opened || len(said) != 1 || !strings.Contains(said[0], "U20004.json: signature U20004.json.sig: key not on the roster") {
		t.Errorf("a stranger's signature: %q", said)
	}
	os.WriteFile(roster, []byte("U20001 not-a-key AAAA\n"), 0o600)
	m, said = open(t, New(com).SetSize(80, 22), dir)
	if m.opened || len(said) != 1 || !strings.Contains(said[0], "roster") || !strings.Contains(said[0], "line 1") {
		t.Errorf("a broken roster: %q", said)
	}
}
