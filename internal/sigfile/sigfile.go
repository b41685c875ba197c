// Package sigfile is the signature that travels beside a pcnvoice file
// (SPEC §13): FILE.sig, an armored SSH signature over FILE's exact bytes.
// It reads one as every input is read (a regular file, size-capped, a FIFO
// never opened), and writes a file with its signature as one, so that no
// failure leaves a new file beside an old signature or the other way about.
package sigfile

import (
	"context"
	"errors"
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
// its signature already beside it.
//
// Written without a signature, a file may replace one that was signed:
// its old path.sig then stands beside bytes it does not sign, and would
// make the forum refuse the new file for a reason its sender could not
// see. So a path.sig that does not verify over the new data is removed,
// and Write says so (removed true). One that still verifies (the same
// bytes written again) is kept.
func Write(ctx context.Context, path string, data, sig []byte, opt atomicfile.Options) (removed bool, err error) {
	if sig != nil {
		return false, atomicfile.WriteSet(ctx, []atomicfile.File{{Path: Path(path), Data: sig}, {Path: path, Data: data}}, opt)
	}
	if err := atomicfile.Write(ctx, path, data, opt); err != nil {
		return false, err
	}
	return RemoveStale(path, data)
}

// RemoveStale removes path.sig if it is a regular file whose signature
// does not verify over data, the bytes now at path, and reports whether
// it did. Anything else there (a folder, a FIFO, a file far too large to
// be a signature) is left alone.
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
	if _, err := sshsign.Verify(data, old); err == nil {
		return false, nil
	}
	if err := os.Remove(sigPath); err != nil {
		return false, err
	}
	return true, atomicfile.SyncDir(filepath.Dir(sigPath))
}
