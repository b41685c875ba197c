// Package sshsign signs and checks pcnvoice files with SSH keys, in
// OpenSSH's own signature format (SSHSIG, what `ssh-keygen -Y sign` writes),
// and reads the forum's roster of who may sign for which PCN (an OpenSSH
// allowed_signers file). Anyone can check a pcnvoice signature with
// ssh-keygen alone, and pcnvoice accepts what ssh-keygen signs (SPEC §13).
//
// Everything works on bytes: a file's exact bytes in, an armored signature
// out, and Check applies SPEC §13's rules to a file, its .sig and a roster
// without touching the disk, so export, merge, the forum pack and the app
// can share one set of rules.
package sshsign

import (
	"bytes"
	"crypto/rsa"
	"errors"
	"fmt"
	"strings"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// Namespace is the SSHSIG namespace of every pcnvoice signature: a
// signature made for git or for another tool never counts as one here.
const Namespace = "pcnvoice"

// hash is the message hash pcnvoice signs with, OpenSSH's default.
const hash = sshsig.HashSHA512

// Signer signs files with one SSH key: a private key file's, or one the
// running ssh-agent holds.
type Signer struct {
	key    ssh.Signer
	source string       // how the key was reached, for messages: a path or "ssh-agent"
	close  func() error // releases the agent connection; nil for a key file
}

// NewSigner returns a Signer for key, which must be an ed25519, ECDSA or
// RSA key (or a security key's, reached through an agent). source says
// where the key came from, for messages.
func NewSigner(key ssh.Signer, source string) (*Signer, error) {
	if err := usableKey(key.PublicKey()); err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return &Signer{key: key, source: source}, nil
}

// Sign returns an armored SSHSIG signature over data — namespace pcnvoice,
// SHA-512, RSA keys signing with rsa-sha2-512 as OpenSSH does — which
// `ssh-keygen -Y verify -n pcnvoice` accepts for the same bytes. Before
// returning, the signature is checked over data once: an agent or key that
// produced a bad signature fails here, not later at the forum.
func (s *Signer) Sign(data []byte) ([]byte, error) {
	sig, err := sshsig.Sign(bytes.NewReader(data), s.key, hash, Namespace)
	if err != nil {
		return nil, fmt.Errorf("sign with %s: %w", s.source, err)
	}
	armored := sshsig.Armor(sig)
	if _, err := Verify(data, armored); err != nil {
		return nil, fmt.Errorf("sign with %s: the signature made does not verify: %w", s.source, err)
	}
	return armored, nil
}

// PublicKey returns the signing key's public half, as a roster lists it.
func (s *Signer) PublicKey() ssh.PublicKey { return s.key.PublicKey() }

// Fingerprint returns the signing key's SHA256 fingerprint, as ssh-keygen -l
// prints it ("SHA256:…").
func (s *Signer) Fingerprint() string { return Fingerprint(s.key.PublicKey()) }

// Source says where the key came from: its file, or "ssh-agent".
func (s *Signer) Source() string { return s.source }

// Close releases the agent connection, if any. A Signer is not usable after.
func (s *Signer) Close() error {
	if s.close == nil {
		return nil
	}
	c := s.close
	s.close = nil
	return c()
}

// Fingerprint returns key's SHA256 fingerprint as OpenSSH prints it.
func Fingerprint(key ssh.PublicKey) string { return ssh.FingerprintSHA256(key) }

// AuthorizedKey returns key as one allowed_signers/authorized_keys key
// field ("ssh-ed25519 AAAA…"), without a newline: what a director sends the
// chair for the roster.
func AuthorizedKey(key ssh.PublicKey) string {
	return string(bytes.TrimSuffix(ssh.MarshalAuthorizedKey(key), []byte("\n")))
}

// minRSABits is the smallest RSA modulus accepted, OpenSSH's own floor
// (SSH_RSA_MINIMUM_MODULUS_SIZE): ssh-keygen refuses smaller keys, so a
// signature pcnvoice accepted with one could not be checked with ssh-keygen.
const minRSABits = 1024

// The DSA names, refused by name (x/crypto marks its own constants
// deprecated): OpenSSH dropped DSA.
const (
	keyAlgoDSA  = "ssh-dss"
	certAlgoDSA = "ssh-dss-cert-v01@openssh.com"
)

// errKeyType is returned for key types pcnvoice does not sign or verify
// with: DSA (gone from OpenSSH) and certificates (rosters list plain keys).
var errKeyType = errors.New("unsupported key type")

// usableKey refuses keys OpenSSH would refuse or that a roster cannot list.
func usableKey(k ssh.PublicKey) error {
	switch k.Type() {
	case ssh.KeyAlgoED25519, ssh.KeyAlgoECDSA256, ssh.KeyAlgoECDSA384, ssh.KeyAlgoECDSA521,
		ssh.KeyAlgoSKED25519, ssh.KeyAlgoSKECDSA256:
		return nil
	case ssh.KeyAlgoRSA:
		if n := rsaBits(k); n < minRSABits {
			return fmt.Errorf("%w: an RSA key of %d bits is too short (OpenSSH wants at least %d)", errKeyType, n, minRSABits)
		}
		return nil
	case keyAlgoDSA:
		return fmt.Errorf("%w: DSA keys are no longer accepted by OpenSSH; use an ed25519 key (ssh-keygen -t ed25519)", errKeyType)
	}
	if strings.HasSuffix(k.Type(), "-cert-v01@openssh.com") {
		return fmt.Errorf("%w: an SSH certificate (%s); pcnvoice rosters list plain keys, so use the key itself", errKeyType, k.Type())
	}
	return fmt.Errorf("%w %q", errKeyType, k.Type())
}

// rsaBits returns the modulus size of an RSA public key. An agent's keys
// (agent.Key) carry only the wire form, so that is parsed first.
func rsaBits(k ssh.PublicKey) int {
	if _, ok := k.(ssh.CryptoPublicKey); !ok {
		parsed, err := ssh.ParsePublicKey(k.Marshal())
		if err != nil {
			return 0
		}
		k = parsed
	}
	if ck, ok := k.(ssh.CryptoPublicKey); ok {
		if rk, ok := ck.CryptoPublicKey().(*rsa.PublicKey); ok {
			return rk.N.BitLen()
		}
	}
	return 0
}
