package sshsign

import (
	"bytes"
	"encoding/pem"
	"errors"
	"fmt"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

// The ways a signature can fail, for errors.Is. Each error returned wraps
// one of them and says more in words a forum chair can act on.
var (
	// ErrNotSignature: the .sig is not an armored SSH signature at all.
	ErrNotSignature = errors.New("not an SSH signature")
	// ErrKeyType: the signature's key is of a kind pcnvoice does not accept
	// (DSA, a certificate, RSA under 1024 bits).
	ErrKeyType = errKeyType
	// ErrNamespace: a valid signature, but made for another purpose (git,
	// file) than pcnvoice.
	ErrNamespace = errors.New("a signature for another purpose")
	// ErrBadSignature: the signature does not verify over the file's bytes.
	ErrBadSignature = errors.New("signature does not verify")
)

// MaxSignatureSize caps a .sig file: an armored signature by a 16,384-bit
// RSA key, the largest OpenSSH makes, is under 6 KiB.
const MaxSignatureSize = 64 << 10

const (
	armorBegin = "-----BEGIN SSH SIGNATURE-----"
	armorType  = "SSH SIGNATURE"
)

// Signature is a parsed armored SSHSIG signature: who signed (Key), for what
// (Namespace) and with which message hash. Parsing does not check it over
// any bytes; Verify does.
type Signature struct {
	Key       ssh.PublicKey
	Namespace string
	Hash      string // "sha512" or "sha256"
	sig       *sshsig.Signature
}

// Fingerprint returns the signing key's SHA256 fingerprint.
func (s *Signature) Fingerprint() string { return Fingerprint(s.Key) }

// ParseSignature parses an armored signature, as `ssh-keygen -Y sign`
// writes it. Like ssh-keygen it wants the armor's first line at the very
// start, and it also refuses anything but white space after the last line,
// so one .sig never carries two readings. Errors wrap ErrNotSignature or
// ErrKeyType.
func ParseSignature(armored []byte) (*Signature, error) {
	if len(armored) > MaxSignatureSize {
		return nil, fmt.Errorf("%w: %d bytes, far larger than any SSH signature", ErrNotSignature, len(armored))
	}
	if !bytes.HasPrefix(armored, []byte(armorBegin+"\n")) && !bytes.HasPrefix(armored, []byte(armorBegin+"\r\n")) {
		return nil, fmt.Errorf("%w: it does not start with %q", ErrNotSignature, armorBegin)
	}
	if bytes.Count(armored, []byte("-----BEGIN")) != 1 {
		// pem.Decode would skip a broken block and read the next one.
		return nil, fmt.Errorf("%w: it holds more than one armored block", ErrNotSignature)
	}
	block, rest := pem.Decode(armored)
	switch {
	case block == nil:
		return nil, fmt.Errorf("%w: the armor is broken (no END line, or the base64 inside is damaged)", ErrNotSignature)
	case block.Type != armorType || len(block.Headers) > 0:
		return nil, fmt.Errorf("%w: the armor is broken", ErrNotSignature)
	case len(bytes.TrimSpace(rest)) > 0:
		return nil, fmt.Errorf("%w: there is text after the END line", ErrNotSignature)
	}
	sig, err := sshsig.ParseSignature(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrNotSignature, quoteless(err))
	}
	if err := usableKey(sig.PublicKey); err != nil {
		return nil, fmt.Errorf("signed with %w", err)
	}
	return &Signature{Key: sig.PublicKey, Namespace: sig.Namespace, Hash: sig.HashAlgorithm.String(), sig: sig}, nil
}

// Verify checks the armored signature over data, exactly as `ssh-keygen -Y
// verify -n pcnvoice` does before it looks at a roster: the namespace must
// be pcnvoice and the signature must verify with the key it carries. It
// returns the parsed signature, whose Key says who signed; whether that key
// may sign for anyone is the roster's business (Check). The message hash is
// the one the signature names (OpenSSH accepts sha256 and sha512).
func Verify(data, armored []byte) (*Signature, error) {
	s, err := ParseSignature(armored)
	if err != nil {
		return nil, err
	}
	if s.Namespace != Namespace {
		return s, fmt.Errorf("%w: namespace %q, not %q (sign with ssh-keygen -Y sign -n %s)", ErrNamespace, s.Namespace, Namespace, Namespace)
	}
	if err := sshsig.Verify(bytes.NewReader(data), s.sig, s.Key, s.sig.HashAlgorithm, Namespace); err != nil {
		return s, fmt.Errorf("%w: the file is not the one that was signed (changed since, or the .sig belongs to another file)", ErrBadSignature)
	}
	return s, nil
}
