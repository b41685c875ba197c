package sshsign

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/ssh"
)

// signWith opens key, signs, checks the signature is the expected key's
// and closes.
func signWith(t testing.TB, key string, opt KeyOptions, want testKey) {
	t.Helper()
	s, err := Open(key, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	armored, err := s.Sign(submission)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := Verify(submission, armored)
	if err != nil {
		t.Fatal(err)
	}
	if !sameKey(sig.Key, want.pub) {
		t.Fatalf("signed with %s, want %s", sig.Fingerprint(), Fingerprint(want.pub))
	}
}

func TestOpenKeyFiles(t *testing.T) {
	keys := testKeys(t)
	dir := t.TempDir()
	ec, rsaKey := keys["ecdsa256"], keys["rsa"]
	for _, c := range []struct {
		name string
		file func() string
		want testKey
	}{
		{"OpenSSH ed25519", func() string { return keys["ed25519"].writeOpenSSH(t, dir) }, keys["ed25519"]},
		{"OpenSSH ECDSA P-384", func() string { return keys["ecdsa384"].writeOpenSSH(t, dir) }, keys["ecdsa384"]},
		{"OpenSSH RSA", func() string { return rsaKey.writeOpenSSH(t, dir) }, rsaKey},
		{"PKCS#1 RSA", func() string {
			return writeFile(t, filepath.Join(dir, "pkcs1"), pemFile("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey.priv.(*rsa.PrivateKey))))
		}, rsaKey},
		{"SEC 1 ECDSA", func() string {
			return writeFile(t, filepath.Join(dir, "sec1"), pemFile("EC PRIVATE KEY", mustDER(t, func() ([]byte, error) { return x509.MarshalECPrivateKey(ec.priv.(*ecdsa.PrivateKey)) })))
		}, ec},
		{"PKCS#8 ed25519", func() string {
			return writeFile(t, filepath.Join(dir, "pkcs8"), pemFile("PRIVATE KEY", mustDER(t, func() ([]byte, error) { return x509.MarshalPKCS8PrivateKey(keys["ed25519"].priv) })))
		}, keys["ed25519"]},
	} {
		t.Run(c.name, func(t *testing.T) {
			signWith(t, c.file(), KeyOptions{}, c.want)
		})
	}
}

// encryptedKey is testdata/encrypted_ed25519: made by ssh-keygen, encrypted
// with passphrase "correct horse" (see testdata/README.md). It returns the
// file's path and the key, decrypted.
func encryptedKey(t testing.TB) (string, testKey) {
	t.Helper()
	path := filepath.Join("testdata", "encrypted_ed25519")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := ssh.ParseRawPrivateKeyWithPassphrase(data, []byte("correct horse"))
	if err != nil {
		t.Fatal(err)
	}
	priv := raw.(*ed25519.PrivateKey)
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	return path, testKey{"encrypted", *priv, pub}
}

func TestOpenEncryptedKey(t *testing.T) {
	path, k := encryptedKey(t)
	answers := func(list ...string) (func(string) ([]byte, error), *[]string, *[][]byte) {
		var prompts []string
		var given [][]byte
		return func(prompt string) ([]byte, error) {
			prompts = append(prompts, prompt)
			if len(list) == 0 {
				t.Fatal("asked once too often")
			}
			a := []byte(list[0])
			list = list[1:]
			given = append(given, a)
			return a, nil
		}, &prompts, &given
	}

	t.Run("right first time", func(t *testing.T) {
		ask, prompts, given := answers("correct horse")
		signWith(t, path, KeyOptions{Passphrase: ask}, k)
		if len(*prompts) != 1 || !strings.Contains((*prompts)[0], path) {
			t.Errorf("prompts %q, want one naming %s", *prompts, path)
		}
		if g := (*given)[0]; strings.Trim(string(g), "\x00") != "" {
			t.Errorf("passphrase left in memory: %q", g)
		}
	})
	t.Run("right third time", func(t *testing.T) {
		ask, prompts, _ := answers("battery", "staple", "correct horse")
		signWith(t, path, KeyOptions{Passphrase: ask}, k)
		if len(*prompts) != 3 {
			t.Errorf("asked %d times, want 3", len(*prompts))
		}
	})
	for _, c := range []struct {
		name string
		ask  func(string) ([]byte, error)
		want string
	}{
		{"wrong three times", func() func(string) ([]byte, error) { a, _, _ := answers("a", "b", "c"); return a }(), "wrong passphrase (3 tries)"},
		{"empty", func() func(string) ([]byte, error) { a, _, _ := answers(""); return a }(), "no passphrase given"},
		{"cannot ask", nil, "ssh-add " + path},
		{"asking fails", func(string) ([]byte, error) { return nil, errors.New("no terminal") }, "no terminal"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(path, KeyOptions{Passphrase: c.ask})
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), path+": ") {
				t.Fatalf("err %v, want one starting with the path and saying %q", err, c.want)
			}
		})
	}
}

func TestOpenRefusals(t *testing.T) {
	k := testKeys(t)["ed25519"]
	dir := t.TempDir()
	pubFile := writeFile(t, filepath.Join(dir, "id.pub"), ssh.MarshalAuthorizedKey(k.pub))
	for _, c := range []struct {
		name, key, want string
	}{
		{"missing", filepath.Join(dir, "nope"), "no such key file"},
		{"folder", dir, "is a directory, not a file"},
		{"not a key", writeFile(t, filepath.Join(dir, "notes.txt"), []byte("hello\n")), "not an SSH private key"},
		{"public key, no agent", pubFile, "is a public key"},
		{"agent, none running", Agent, "SSH_AUTH_SOCK is not set"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(c.key, KeyOptions{})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err %v, want %q", err, c.want)
			}
		})
	}
	t.Run("agent socket gone", func(t *testing.T) {
		_, err := Open(Agent, KeyOptions{AgentSocket: filepath.Join(dir, "no-agent")})
		if err == nil || !strings.Contains(err.Error(), "ssh-agent at") {
			t.Fatalf("err %v", err)
		}
	})
}

func TestOpenAgent(t *testing.T) {
	keys := testKeys(t)
	ed, rsaKey := keys["ed25519"], keys["rsa"]
	dir := t.TempDir()

	t.Run("its only key", func(t *testing.T) {
		signWith(t, Agent, KeyOptions{AgentSocket: startAgent(t, ed)}, ed)
	})
	t.Run("RSA signs rsa-sha2-512", func(t *testing.T) {
		s, err := Open(Agent, KeyOptions{AgentSocket: startAgent(t, rsaKey)})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		armored, err := s.Sign(submission)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := Verify(submission, armored)
		if err != nil {
			t.Fatal(err)
		}
		if f := sig.sig.Signature.Format; f != ssh.KeyAlgoRSASHA512 {
			t.Errorf("agent signed with %q, want rsa-sha2-512", f)
		}
	})
	t.Run("several keys, none named", func(t *testing.T) {
		_, err := Open(Agent, KeyOptions{AgentSocket: startAgent(t, ed, rsaKey)})
		if err == nil || !strings.Contains(err.Error(), "holds 2 keys") || !strings.Contains(err.Error(), Fingerprint(rsaKey.pub)) {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("several keys, one named by its .pub", func(t *testing.T) {
		pub := writeFile(t, filepath.Join(dir, "rsa.pub"), ssh.MarshalAuthorizedKey(rsaKey.pub))
		signWith(t, pub, KeyOptions{AgentSocket: startAgent(t, ed, rsaKey)}, rsaKey)
	})
	t.Run(".pub of a key the agent lacks", func(t *testing.T) {
		pub := writeFile(t, filepath.Join(dir, "other.pub"), ssh.MarshalAuthorizedKey(keys["other"].pub))
		_, err := Open(pub, KeyOptions{AgentSocket: startAgent(t, ed)})
		if err == nil || !strings.Contains(err.Error(), "does not hold the key") {
			t.Fatalf("err %v", err)
		}
	})
	t.Run("no keys", func(t *testing.T) {
		_, err := Open(Agent, KeyOptions{AgentSocket: startAgent(t)})
		if err == nil || !strings.Contains(err.Error(), "ssh-add") {
			t.Fatalf("err %v", err)
		}
	})
	enc, encKey := encryptedKey(t)
	t.Run("encrypted key the agent holds: no passphrase asked", func(t *testing.T) {
		signWith(t, enc, KeyOptions{AgentSocket: startAgent(t, ed, encKey), Passphrase: func(string) ([]byte, error) {
			t.Error("asked for a passphrase although the agent holds the key")
			return nil, errors.New("no")
		}}, encKey)
	})
	t.Run("encrypted key the agent lacks: passphrase asked", func(t *testing.T) {
		asked := 0
		signWith(t, enc, KeyOptions{AgentSocket: startAgent(t, ed), Passphrase: func(string) ([]byte, error) {
			asked++
			return []byte("correct horse"), nil
		}}, encKey)
		if asked != 1 {
			t.Errorf("asked %d times", asked)
		}
	})
}
