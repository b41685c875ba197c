package sshsign

import (
	"bytes"
	"crypto/rand"
	"errors"
	"strings"
	"testing"

	"github.com/hiddeco/sshsig"
	"golang.org/x/crypto/ssh"
)

var submission = []byte("{\n  \"format\": \"pcnvoice.submission\",\n  \"pcn\": {\"code\": \"U51234\"}\n}\n")

func TestSignVerifyRoundTrip(t *testing.T) {
	for _, name := range []string{"ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa"} {
		t.Run(name, func(t *testing.T) {
			k := testKeys(t)[name]
			s := k.signer(t)
			armored, err := s.Sign(submission)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(armored, []byte("-----BEGIN SSH SIGNATURE-----\n")) || !bytes.HasSuffix(armored, []byte("-----END SSH SIGNATURE-----\n")) {
				t.Errorf("not armored as ssh-keygen writes it:\n%s", armored)
			}
			sig, err := Verify(submission, armored)
			if err != nil {
				t.Fatal(err)
			}
			if !sameKey(sig.Key, k.pub) || sig.Fingerprint() != s.Fingerprint() {
				t.Errorf("verified key %s, signed with %s", sig.Fingerprint(), s.Fingerprint())
			}
			if sig.Namespace != "pcnvoice" || sig.Hash != "sha512" {
				t.Errorf("namespace %q hash %q, want pcnvoice and sha512", sig.Namespace, sig.Hash)
			}
			if name == "rsa" && sig.sig.Signature.Format != ssh.KeyAlgoRSASHA512 {
				t.Errorf("RSA signed with %q, want rsa-sha2-512 as OpenSSH", sig.sig.Signature.Format)
			}
			if !strings.HasPrefix(s.Fingerprint(), "SHA256:") {
				t.Errorf("fingerprint %q is not ssh-keygen's SHA256 form", s.Fingerprint())
			}
		})
	}
}

// TestVerifyRefusesChangedBytes changes each byte of a signed file in turn:
// every change, even white space a JSON reader would not notice, fails.
func TestVerifyRefusesChangedBytes(t *testing.T) {
	s := testKeys(t)["ed25519"].signer(t)
	armored, err := s.Sign(submission)
	if err != nil {
		t.Fatal(err)
	}
	for i := range submission {
		changed := bytes.Clone(submission)
		changed[i] ^= 0x01
		if _, err := Verify(changed, armored); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("byte %d changed: err %v, want ErrBadSignature", i, err)
		}
	}
	for _, changed := range [][]byte{append(bytes.Clone(submission), '\n'), submission[:len(submission)-1], nil} {
		if _, err := Verify(changed, armored); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%q: err %v, want ErrBadSignature", changed, err)
		}
	}
}

// sshsigWith signs data as sshsig would, with a chosen namespace and hash,
// for signatures pcnvoice itself never makes.
func sshsigWith(t testing.TB, k testKey, data []byte, h sshsig.HashAlgorithm, namespace string) []byte {
	t.Helper()
	s, err := ssh.NewSignerFromKey(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := sshsig.Sign(bytes.NewReader(data), s, h, namespace)
	if err != nil {
		t.Fatal(err)
	}
	return sshsig.Armor(sig)
}

// sha1RSA builds an SSHSIG blob whose RSA signature is ssh-rsa (SHA-1):
// OpenSSH refuses those in signatures, and so must pcnvoice.
func sha1RSA(t testing.TB, k testKey, data []byte) []byte {
	t.Helper()
	s, err := ssh.NewSignerFromKey(k.priv)
	if err != nil {
		t.Fatal(err)
	}
	h := sshsig.HashSHA512.Hash()
	h.Write(data)
	signed := append([]byte("SSHSIG"), ssh.Marshal(struct {
		Namespace, Reserved, Hash, Digest string
	}{Namespace, "", "sha512", string(h.Sum(nil))})...)
	sig, err := s.(ssh.AlgorithmSigner).SignWithAlgorithm(rand.Reader, signed, ssh.KeyAlgoRSA)
	if err != nil {
		t.Fatal(err)
	}
	blob := append([]byte("SSHSIG"), ssh.Marshal(struct {
		Version                                   uint32
		Key, Namespace, Reserved, Hash, Signature string
	}{1, string(k.pub.Marshal()), Namespace, "", "sha512", string(ssh.Marshal(sig))})...)
	return pemFile("SSH SIGNATURE", blob)
}

func TestVerifySignaturesOpenSSHAccepts(t *testing.T) {
	k := testKeys(t)["ecdsa256"]
	// ssh-keygen -Y sign -O hashalg=sha256 makes these; -Y verify takes them.
	if _, err := Verify(submission, sshsigWith(t, k, submission, sshsig.HashSHA256, Namespace)); err != nil {
		t.Errorf("sha256 signature: %v", err)
	}
	// Armor with CRLF line ends (a .sig that went through Windows).
	armored := sshsigWith(t, k, submission, sshsig.HashSHA512, Namespace)
	if _, err := Verify(submission, bytes.ReplaceAll(armored, []byte("\n"), []byte("\r\n"))); err != nil {
		t.Errorf("CRLF armor: %v", err)
	}
}

func TestVerifyRefusals(t *testing.T) {
	keys := testKeys(t)
	good, err := keys["ed25519"].signer(t).Sign(submission)
	if err != nil {
		t.Fatal(err)
	}
	body := good[len("-----BEGIN SSH SIGNATURE-----\n") : len(good)-len("-----END SSH SIGNATURE-----\n")]
	other, err := keys["ed25519"].signer(t).Sign([]byte("another file"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		sig  []byte
		want error
	}{
		{"empty", []byte{}, ErrNotSignature},
		{"text", []byte("signed by Dr Patel\n"), ErrNotSignature},
		{"public key", []byte(AuthorizedKey(keys["ed25519"].pub) + "\n"), ErrNotSignature},
		{"other PEM", pemFile("OPENSSH PRIVATE KEY", []byte("x")), ErrNotSignature},
		{"leading blank line", append([]byte("\n"), good...), ErrNotSignature},
		{"no END line", good[:len(good)-len("-----END SSH SIGNATURE-----\n")], ErrNotSignature},
		{"cut short", append(append([]byte("-----BEGIN SSH SIGNATURE-----\n"), body[:40]...), "\n-----END SSH SIGNATURE-----\n"...), ErrNotSignature},
		{"text after END", append(bytes.Clone(good), "and more\n"...), ErrNotSignature},
		{"two signatures", append(bytes.Clone(good), other...), ErrNotSignature},
		{"not SSHSIG inside", pemFile("SSH SIGNATURE", []byte("SSHSIX\x00\x00\x00\x01")), ErrNotSignature},
		{"huge", append(bytes.Clone(good), bytes.Repeat([]byte(" "), MaxSignatureSize)...), ErrNotSignature},
		{"SHA-1 RSA", sha1RSA(t, keys["rsa"], submission), ErrNotSignature},
		{"namespace git", sshsigWith(t, keys["ed25519"], submission, sshsig.HashSHA512, "git"), ErrNamespace},
		{"namespace file", sshsigWith(t, keys["ed25519"], submission, sshsig.HashSHA512, "file"), ErrNamespace},
		{"another file's", other, ErrBadSignature},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Verify(submission, c.sig)
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
		})
	}
}
