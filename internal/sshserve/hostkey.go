package sshserve

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	gossh "golang.org/x/crypto/ssh"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// HostKey is the server's identity: clients pin its fingerprint in
// known_hosts the first time they connect, so it must survive restarts.
type HostKey struct {
	Signer  gossh.Signer
	Created bool   // made on this start, not read from disk
	Warning string // set when the file is readable by others
	Path    string
}

// Fingerprint is the key's SHA256 fingerprint, as `ssh` prints it when it
// asks whether to trust a new host.
func (h HostKey) Fingerprint() string { return gossh.FingerprintSHA256(h.Signer.PublicKey()) }

// maxHostKey caps a host key file: the largest OpenSSH private key (RSA
// 16,384 bits) is under 13 KiB.
const maxHostKey = 1 << 20

// LoadOrCreateHostKey reads the OpenSSH private key at path, or, when there
// is no file yet, makes an ed25519 key and writes it there atomically with
// mode 0600 (its folder 0700). An unreadable or corrupt key is an error, not
// a reason to make a new one: a silently changed host key teaches people to
// ignore ssh's "host identification has changed" warning.
func LoadOrCreateHostKey(path string) (HostKey, error) {
	// Read as every outside file is (infile): a FIFO or device named by
	// --host-key is refused at once, not waited on or read for ever.
	pemBytes, err := infile.Read(path, maxHostKey)
	if errors.Is(err, fs.ErrNotExist) {
		return createHostKey(path)
	}
	if err != nil {
		return HostKey{}, fmt.Errorf("host key: %w", err)
	}
	signer, err := gossh.ParsePrivateKey(pemBytes)
	var missing *gossh.PassphraseMissingError
	if errors.As(err, &missing) {
		return HostKey{}, fmt.Errorf("host key %s is protected by a passphrase: give a key without one (it is 0600 and only this server reads it)", path)
	}
	if err != nil {
		return HostKey{}, fmt.Errorf("host key %s: %w (move it aside to have a new one made)", path, err)
	}
	h := HostKey{Signer: signer, Path: path}
	h.Warning = permissionWarning(path)
	return h, nil
}

func createHostKey(path string) (HostKey, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return HostKey{}, fmt.Errorf("make host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "pcnvoice serve host key")
	if err != nil {
		return HostKey{}, fmt.Errorf("make host key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return HostKey{}, fmt.Errorf("make host key: %w", err)
	}
	if err := atomicfile.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		return HostKey{}, fmt.Errorf("make host key: %w", err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return HostKey{}, fmt.Errorf("make host key: %w", err)
	}
	return HostKey{Signer: signer, Created: true, Path: path}, nil
}

// permissionWarning says so when group or others may read the key, as
// sshd does; on Windows file modes do not describe access, so it is quiet.
func permissionWarning(path string) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return fmt.Sprintf("warning: host key %s has mode %04o, readable by others: run chmod 600 %s", path, fi.Mode().Perm(), path)
}
