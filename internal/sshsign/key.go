package sshsign

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// Agent is the KEY that means "the running ssh-agent" (SPEC §13).
const Agent = "agent"

// KeyOptions say how Open may reach a key.
type KeyOptions struct {
	// Passphrase is asked for the passphrase of an encrypted key file, with
	// a prompt naming the file. The CLI reads it from the terminal without
	// echo, the app from a masked field; Open never keeps it (the buffer is
	// zeroed after use). Nil means an encrypted key is an error.
	Passphrase func(prompt string) ([]byte, error)
	// AgentSocket is where the ssh-agent listens (SSH_AUTH_SOCK); empty
	// means the platform's default (none on Unix, OpenSSH's named pipe on
	// Windows).
	AgentSocket string
}

// maxKeyFile caps a key file: the largest OpenSSH private key (RSA 16,384
// bits, encrypted) is under 13 KiB.
const maxKeyFile = 1 << 20

// passphraseTries is how often a wrong passphrase is asked again, as
// ssh-keygen does.
const passphraseTries = 3

// Open returns a Signer for KEY as SPEC §13 spells it:
//   - "agent": the running ssh-agent's key (it must hold exactly one, else
//     name the key's .pub file);
//   - a private key file (OpenSSH, PKCS#1, PKCS#8 or SEC 1; ed25519, ECDSA
//     or RSA). When it is encrypted and the agent already holds it, the
//     agent signs and no passphrase is asked, as ssh-keygen -Y sign does;
//     otherwise the passphrase is asked through opt.Passphrase;
//   - a public key file (KEY.pub) whose private half the agent holds, as
//     git's user.signingKey allows.
//
// The caller must Close the Signer.
func Open(key string, opt KeyOptions) (*Signer, error) {
	if key == Agent {
		return openAgent(opt.AgentSocket, nil)
	}
	data, err := readKeyFile(key)
	if err != nil {
		return nil, err
	}
	raw, err := ssh.ParseRawPrivateKey(data)
	var missing *ssh.PassphraseMissingError
	switch {
	case err == nil:
		return signerFromKey(key, raw)
	case errors.As(err, &missing):
		if missing.PublicKey != nil {
			if s, err := openAgent(opt.AgentSocket, missing.PublicKey); err == nil {
				return s, nil
			}
		}
		return openEncrypted(key, data, opt.Passphrase)
	case isSecurityKey(err):
		return nil, keyErr(key, err)
	}
	pub, _, _, _, perr := ssh.ParseAuthorizedKey(data)
	if perr == nil {
		s, err := openAgent(opt.AgentSocket, pub)
		if err != nil {
			return nil, fmt.Errorf("%s is a public key: its private half must be in ssh-agent (ssh-add the private key file, or give that file): %w", key, err)
		}
		return s, nil
	}
	return nil, fmt.Errorf("%s: not an SSH private key (%s); give the private key file, e.g. ~/.ssh/id_ed25519, or %q", key, quoteless(err), Agent)
}

// openEncrypted asks for the passphrase of an encrypted key file, up to
// passphraseTries times.
func openEncrypted(path string, data []byte, ask func(string) ([]byte, error)) (*Signer, error) {
	if ask == nil {
		return nil, fmt.Errorf("%s: the key is protected by a passphrase and none can be asked here: add it to ssh-agent (ssh-add %s) and sign with %q", path, path, Agent)
	}
	for try := 1; ; try++ {
		pass, err := ask(fmt.Sprintf("Passphrase for %s: ", path))
		if err != nil {
			return nil, fmt.Errorf("%s: passphrase: %w", path, err)
		}
		if len(pass) == 0 {
			return nil, fmt.Errorf("%s: no passphrase given", path)
		}
		raw, err := ssh.ParseRawPrivateKeyWithPassphrase(data, pass)
		clear(pass)
		if err == nil {
			return signerFromKey(path, raw)
		}
		if !errors.Is(err, x509.IncorrectPasswordError) {
			return nil, keyErr(path, err)
		}
		if try == passphraseTries {
			return nil, fmt.Errorf("%s: wrong passphrase (%d tries)", path, passphraseTries)
		}
	}
}

// isSecurityKey reports whether err is x/crypto's refusal of a key type it
// cannot sign with: in an OpenSSH key file that is a security key's (FIDO),
// whose private half lives in the hardware. x/crypto has no typed error
// for it, hence the text.
func isSecurityKey(err error) bool {
	return strings.Contains(err.Error(), "unhandled key type")
}

// keyErr words a key file's parse error for the person who named it.
func keyErr(path string, err error) error {
	if isSecurityKey(err) {
		return fmt.Errorf("%s: a security-key (FIDO) key: pcnvoice signs with one only through ssh-agent (ssh-add %s, then sign with %q)", path, path, Agent)
	}
	return fmt.Errorf("%s: %w", path, err)
}

func signerFromKey(path string, raw any) (*Signer, error) {
	k, err := ssh.NewSignerFromKey(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return NewSigner(k, path)
}

// readKeyFile reads a key file as every outside file is read (infile): a
// FIFO or device is refused, never opened for a read that would not end —
// also one swapped in for the file after a look at its name — and
// anything far larger than a key before it is read.
func readKeyFile(path string) ([]byte, error) {
	data, err := infile.Read(path, maxKeyFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("%s: no such key file (give a private key file, e.g. ~/.ssh/id_ed25519, or %q)", path, Agent)
	case errors.Is(err, infile.ErrTooLarge):
		return nil, fmt.Errorf("%s: far larger than any key file", path)
	}
	return data, err
}
