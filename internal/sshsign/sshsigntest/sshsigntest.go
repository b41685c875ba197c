// Package sshsigntest makes SSH keys, signatures and rosters for tests of
// the packages that sign and check pcnvoice files, in Go alone (no
// ssh-keygen), through the same code pcnvoice signs with.
package sshsigntest

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// Key is an ed25519 key made for one test.
type Key struct {
	Priv crypto.Signer
	Pub  ssh.PublicKey
}

// NewKey makes a fresh ed25519 key.
func NewKey(tb testing.TB) Key {
	tb.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	pub, err := ssh.NewPublicKey(priv.Public())
	if err != nil {
		tb.Fatal(err)
	}
	return Key{priv, pub}
}

// Signer is the key as pcnvoice signs with it.
func (k Key) Signer(tb testing.TB) *sshsign.Signer {
	tb.Helper()
	s, err := ssh.NewSignerFromKey(k.Priv)
	if err != nil {
		tb.Fatal(err)
	}
	sg, err := sshsign.NewSigner(s, "test key")
	if err != nil {
		tb.Fatal(err)
	}
	return sg
}

// Sign returns an armored signature over data in namespace pcnvoice.
func (k Key) Sign(tb testing.TB, data []byte) []byte {
	tb.Helper()
	sig, err := k.Signer(tb).Sign(data)
	if err != nil {
		tb.Fatal(err)
	}
	return sig
}

// SignIn returns an armored signature over data in namespace ns, which
// may be another tool's (git, file).
func (k Key) SignIn(tb testing.TB, data []byte, ns string) []byte {
	tb.Helper()
	s, err := ssh.NewSignerFromKey(k.Priv)
	if err != nil {
		tb.Fatal(err)
	}
	sig, err := sshsig.Sign(bytes.NewReader(data), s, sshsig.HashSHA512, ns)
	if err != nil {
		tb.Fatal(err)
	}
	return sshsig.Armor(sig)
}

// SignFile writes path.sig, signed by k over path's bytes.
func (k Key) SignFile(tb testing.TB, path string) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path+".sig", k.Sign(tb, data), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Fingerprint is the key's SHA256 fingerprint.
func (k Key) Fingerprint() string { return ssh.FingerprintSHA256(k.Pub) }

// Line is an allowed_signers line listing the key for principals, with
// options ("" for none).
func (k Key) Line(principals, options string) string {
	if options != "" {
		principals += " " + options
	}
	return principals + " " + sshsign.AuthorizedKey(k.Pub)
}

// WriteKey writes the key as an unencrypted OpenSSH private key file in
// dir and returns its path.
func (k Key) WriteKey(tb testing.TB, dir string) string {
	tb.Helper()
	block, err := ssh.MarshalPrivateKey(k.Priv, "test key")
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "id_ed25519")
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// WriteEncryptedKey writes the key as an OpenSSH private key file
// protected by passphrase and returns its path.
func (k Key) WriteEncryptedKey(tb testing.TB, dir, passphrase string) string {
	tb.Helper()
	block, err := ssh.MarshalPrivateKeyWithPassphrase(k.Priv, "test key", []byte(passphrase))
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "id_ed25519_encrypted")
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// Roster writes an allowed_signers file of lines to path and parses it.
func Roster(tb testing.TB, path string, lines ...string) *sshsign.Roster {
	tb.Helper()
	data := []byte(strings.Join(lines, "\n") + "\n")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	r, err := sshsign.ParseRoster(path, data, time.UTC)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}
