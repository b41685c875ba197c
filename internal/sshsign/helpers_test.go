package sshsign

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"

	"github.com/pcnvoice/pcnvoice/internal/sshsign/agenttest"
)

// testKey is a private key made in Go for a test, with its SSH forms.
type testKey struct {
	name string
	priv crypto.Signer
	pub  ssh.PublicKey
}

// signer returns a Signer over the key, as a key file would give.
func (k testKey) signer(t testing.TB) *Signer {
	t.Helper()
	s, err := ssh.NewSignerFromKey(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	sg, err := NewSigner(s, k.name)
	if err != nil {
		t.Fatal(err)
	}
	return sg
}

// line returns an allowed_signers line listing the key for principals.
func (k testKey) line(principals, options string) string {
	l := principals
	if options != "" {
		l += " " + options
	}
	return l + " " + AuthorizedKey(k.pub) + " " + k.name
}

// writeOpenSSH writes the key as an unencrypted OpenSSH private key file
// and returns its path. (Encrypted keys: testdata/encrypted_ed25519.)
func (k testKey) writeOpenSSH(t testing.TB, dir string) string {
	t.Helper()
	block, err := ssh.MarshalPrivateKey(k.priv, k.name)
	if err != nil {
		t.Fatal(err)
	}
	return writeFile(t, filepath.Join(dir, "id_"+k.name), pem.EncodeToMemory(block))
}

var (
	keysOnce sync.Once
	keys     map[string]testKey
)

// testKeys returns one key of each kind pcnvoice signs with, made once per
// test binary (RSA key generation is slow on a busy machine).
func testKeys(t testing.TB) map[string]testKey {
	t.Helper()
	keysOnce.Do(func() {
		keys = map[string]testKey{}
		_, ed, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			panic(err)
		}
		add := func(name string, priv crypto.Signer) {
			pub, err := ssh.NewPublicKey(priv.Public())
			if err != nil {
				panic(err)
			}
			keys[name] = testKey{name, priv, pub}
		}
		add("ed25519", ed)
		for _, c := range []struct {
			name  string
			curve elliptic.Curve
		}{{"ecdsa256", elliptic.P256()}, {"ecdsa384", elliptic.P384()}, {"ecdsa521", elliptic.P521()}} {
			k, err := ecdsa.GenerateKey(c.curve, rand.Reader)
			if err != nil {
				panic(err)
			}
			add(c.name, k)
		}
		r, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		add("rsa", r)
		_, ed2, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			panic(err)
		}
		add("other", ed2)
	})
	return keys
}

func writeFile(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// roster parses lines as an allowed_signers file named "allowed_signers".
func roster(t testing.TB, lines ...string) *Roster {
	t.Helper()
	r, err := ParseRoster("allowed_signers", []byte(strings.Join(lines, "\n")+"\n"), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// startAgent serves an in-process ssh-agent holding keys
// (agenttest.Start) and returns the socket's path.
func startAgent(t testing.TB, keys ...testKey) string {
	t.Helper()
	added := make([]agent.AddedKey, len(keys))
	for i, k := range keys {
		added[i] = agent.AddedKey{PrivateKey: k.priv, Comment: k.name + "@test"}
	}
	return agenttest.Start(t, added...)
}

// pemFile returns a PEM file's bytes.
func pemFile(typ string, der []byte) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
}

func mustDER(t testing.TB, f func() ([]byte, error)) []byte {
	t.Helper()
	b, err := f()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameKey is whether a and b are one public key.
func sameKey(a, b ssh.PublicKey) bool { return bytes.Equal(a.Marshal(), b.Marshal()) }
