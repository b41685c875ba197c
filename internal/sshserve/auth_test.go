package sshserve

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func sleepBriefly() { time.Sleep(10 * time.Millisecond) }

func TestAuthRefusals(t *testing.T) {
	ts := startServer(t, nil)
	asked := false
	tests := []struct {
		name string
		auth []gossh.AuthMethod
		log  string
	}{
		{"unknown key", []gossh.AuthMethod{gossh.PublicKeys(newSigner(t))}, "refused publickey key=SHA256:"},
		{"password", []gossh.AuthMethod{gossh.Password("hunter2")}, ""},
		{"keyboard-interactive", []gossh.AuthMethod{gossh.KeyboardInteractive(
			func(_, _ string, questions []string, _ []bool) ([]string, error) {
				asked = asked || len(questions) > 0
				return nil, nil
			})},
			""},
		{"no authentication", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := ts.dial(t, tt.auth...)
			if err == nil {
				c.Close()
				t.Fatal("logged in")
			}
			if !strings.Contains(err.Error(), "unable to authenticate") {
				t.Errorf("error %v, want an authentication failure", err)
			}
			if tt.log != "" {
				waitFor(t, ts.log, tt.log, 5*time.Second)
			}
		})
	}
	if asked {
		t.Error("keyboard-interactive asked the client a question; the server must not offer it")
	}
	if strings.Contains(ts.log.String(), "hunter2") {
		t.Error("a password reached the log")
	}
	// A client that tries the refused methods first still gets in with its key.
	noAnswers := gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) { return nil, nil })
	if _, err := ts.dial(t, noAnswers, gossh.Password("x"), gossh.PublicKeys(ts.user)); err != nil {
		t.Errorf("key refused after the other methods: %v", err)
	}
}

func TestNewRefusesWithoutKeys(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope"), "no such file"},
		{"only comments", write("empty", "# nobody yet\n\n   \n"), "no keys"},
		{"bad line", write("bad", "# ok\n\nssh-ed25519 AAAAnotbase64!! x\n"), "line 3:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{AuthorizedKeys: tt.path, HostKey: filepath.Join(dir, "hk"), Status: fakeStatus})
			if err == nil {
				t.Fatal("New made a server nobody is authorized for")
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.path) {
				t.Errorf("error %q should name %s and say %q", err, tt.path, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if tt.name == "only comments" && !errors.Is(err, ErrNoKeys) {
				t.Errorf("error %v is not ErrNoKeys", err)
			}
		})
	}
}

// Adding a colleague's key works at their next login, with no restart;
// removing one locks them out the same way.
func TestAuthorizedKeysReread(t *testing.T) {
	ts := startServer(t, nil)
	colleague := newSigner(t)
	if c, err := ts.dial(t, gossh.PublicKeys(colleague)); err == nil {
		c.Close()
		t.Fatal("colleague let in before their key was added")
	}
	writeKeys(t, ts.keysPath, ts.user, colleague)
	if _, err := ts.dial(t, gossh.PublicKeys(colleague)); err != nil {
		t.Fatalf("colleague refused after their key was added: %v", err)
	}
	writeKeys(t, ts.keysPath, colleague)
	if c, err := ts.dial(t, gossh.PublicKeys(ts.user)); err == nil {
		c.Close()
		t.Fatal("removed key still let in")
	}
	// A file broken while the server runs refuses everyone, loudly.
	if err := os.WriteFile(ts.keysPath, []byte("garbage\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, err := ts.dial(t, gossh.PublicKeys(colleague)); err == nil {
		c.Close()
		t.Fatal("a malformed keys file let someone in")
	}
	waitFor(t, ts.log, ts.keysPath+": line 1:", 5*time.Second)
}

func TestParseAuthorizedKeysOptions(t *testing.T) {
	k := newSigner(t)
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(k.PublicKey())))
	keys, err := parseAuthorizedKeys(strings.NewReader("\r\n# c\n" + `from="10.0.0.0/8",no-pty ` + line + " bob\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 || keys[0].Line != 3 || keys[0].Comment != "bob" || len(keys[0].Options) != 2 {
		t.Fatalf("got %+v", keys)
	}
	w := optionWarnings("ak", keys)
	if len(w) != 1 || !strings.Contains(w[0], "ak line 3: options from=") || !strings.Contains(w[0], "ignored") {
		t.Errorf("warnings %q", w)
	}
}

func FuzzParseAuthorizedKeys(f *testing.F) {
	f.Add([]byte("# comment\n\nssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl x@y\n"))
	f.Add([]byte(`command="ls",no-pty ssh-rsa AAAA x` + "\n"))
	f.Add([]byte("\xff\xfe\x00garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		keys, err := parseAuthorizedKeys(strings.NewReader(string(data)))
		if err == nil {
			for _, k := range keys {
				if k.Key == nil || k.Line < 1 {
					t.Fatalf("bad entry %+v", k)
				}
			}
		}
	})
}
