// Package sigfile is the signature that travels beside a pcnvoice file
// (SPEC §13): FILE.sig, an armored SSH signature over FILE's exact bytes.
// It reads one as every input is read (a regular file, size-capped, a FIFO
// never opened), and writes a file with its signature as one, so that no
// failure leaves a new file beside an old signature or the other way about.
package sigfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/infile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// Suffix is what a signature file adds to the name of the file it signs.
const Suffix = ".sig"

// Path is the signature file of file.
func Path(file string) string { return file + Suffix }

// Read reads the signature beside file: nil when there is none. Like
// every input it must be a regular file and no larger than any SSH
// signature; an empty one is returned empty, not nil: it is there, and it
// is not a signature.
func Read(ctx context.Context, file string) ([]byte, error) {
	path := Path(file)
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	data, err := infile.ReadContext(ctx, path, sshsign.MaxSignatureSize)
	if err != nil {
		return nil, err
	}
	if data == nil {
		data = []byte{}
	}
	return data, nil
}

// CheckTarget is atomicfile.CheckTarget for file and its signature file:
// writing either over a protected path is refused before anything is
// written.
func CheckTarget(file string, protect []atomicfile.Protect) error {
	if err := atomicfile.CheckTarget(file, protect); err != nil {
		return err
	}
	return atomicfile.CheckTarget(Path(file), protect)
}

// Write writes data to path and, when sig is not nil, sig to path.sig, as
// one (atomicfile.WriteSet): both are written and synced before either is
// renamed into place, the signature first, so the file appears only with
// its signature already beside it. Written without a signature, a file
// may leave its last version's signature beside it: see RemoveStale.
func Write(ctx context.Context, path string, data, sig []byte, opt atomicfile.Options) error {
	if sig == nil {
		return atomicfile.Write(ctx, path, data, opt)
	}
	return atomicfile.WriteSet(ctx, []atomicfile.File{{Path: Path(path), Data: sig}, {Path: path, Data: data}}, opt)
}

// RemoveStale removes the signature beside path when it no longer signs
// data, the bytes just written there unsigned, and reports whether it did.
// Left there, the old signature would make the forum refuse the new file
// for a reason its sender could not see. Only an SSH signature that fails
// over data is removed: one that still signs the same bytes (written
// again) stays, and anything else with that name (a folder, a FIFO, a
// file that is no SSH signature) is not pcnvoice's to remove.
func RemoveStale(path string, data []byte) (bool, error) {
	sigPath := Path(path)
	fi, err := os.Lstat(sigPath)
	if err != nil || !fi.Mode().IsRegular() || fi.Size() > sshsign.MaxSignatureSize {
		return false, nil
	}
	old, err := infile.Read(sigPath, sshsign.MaxSignatureSize)
	if err != nil {
		return false, nil
	}
	if _, err := sshsign.ParseSignature(old); err != nil {
		return false, nil
	}
	if _, err := sshsign.Verify(data, old); err == nil {
		return false, nil
	}
	if err := os.Remove(sigPath); err != nil {
		return false, fmt.Errorf("remove %s, which signed the file's last version: %w", sigPath, err)
	}
	return true, atomicfile.SyncDir(filepath.Dir(sigPath))
}
