package sigfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/sshsign"
	"github.com/pcnvoice/pcnvoice/internal/sshsign/sshsigntest"
)

func TestRead(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.json")
	ctx := context.Background()
	if sig, err := Read(ctx, file); sig != nil || err != nil {
		t.Errorf("no .sig: %q, %v", sig, err)
	}
	os.WriteFile(Path(file), nil, 0o600)
	if sig, err := Read(ctx, file); sig == nil || len(sig) != 0 || err != nil {
		t.Errorf("empty .sig: %q, %v (want empty, not nil)", sig, err)
	}
	os.WriteFile(Path(file), make([]byte, sshsign.MaxSignatureSize+1), 0o600)
	if _, err := Read(ctx, file); err == nil || !strings.Contains(err.Error(), "a.json.sig") {
		t.Errorf("huge .sig: %v", err)
	}
	os.Remove(Path(file))
	os.Mkdir(Path(file), 0o700)
	if _, err := Read(ctx, file); err == nil || !strings.Contains(err.Error(), "a.json.sig: is a directory") {
		t.Errorf("a folder: %v", err)
	}
}

// TestWrite: with a signature both files appear; without one, a .sig
// left from the file's last version is removed unless it still signs the
// new bytes; anything but a regular file there is left alone.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	k := sshsigntest.NewKey(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "a.json")
	opt := atomicfile.Options{Perm: 0o600}
	v1, v2 := []byte(`{"v":1}`), []byte(`{"v":2}`)

	write := func(data, sig []byte) (bool, error) {
		if err := Write(ctx, file, data, sig, opt); err != nil {
			return false, err
		}
		return RemoveStale(file, data)
	}
	if removed, err := write(v1, k.Sign(t, v1)); removed || err != nil {
		t.Fatal(removed, err)
	}
	sig, _ := os.ReadFile(Path(file))
	if _, err := sshsign.Verify(v1, sig); err != nil {
		t.Fatalf("written signature: %v", err)
	}
	// The same bytes again, unsigned: the signature still holds.
	if removed, err := write(v1, nil); removed || err != nil {
		t.Fatalf("same bytes: removed %v, %v", removed, err)
	}
	if _, err := os.Stat(Path(file)); err != nil {
		t.Fatal("a signature that still holds was removed")
	}
	// New bytes, unsigned: the old signature would fail at the forum.
	if removed, err := write(v2, nil); !removed || err != nil {
		t.Fatalf("new bytes: removed %v, %v", removed, err)
	}
	if _, err := os.Stat(Path(file)); !errors.Is(err, os.ErrNotExist) {
		t.Error("a stale signature is left beside the new file")
	}
	// Not an SSH signature: not ours to remove.
	os.WriteFile(Path(file), []byte("SQLite format 3\x00"), 0o600)
	if removed, err := write(v2, nil); removed || err != nil {
		t.Fatalf("a file that is no signature: removed %v, %v", removed, err)
	}
	os.Remove(Path(file))
	// Not a regular file: not ours to remove.
	os.Mkdir(Path(file), 0o700)
	if removed, err := write(v1, nil); removed || err != nil {
		t.Fatalf("a folder named like the .sig: removed %v, %v", removed, err)
	}
	if fi, err := os.Stat(Path(file)); err != nil || !fi.IsDir() {
		t.Error("the folder was touched")
	}
}

func TestCheckTarget(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "in.json")
	os.WriteFile(input, []byte("{}"), 0o600)
	protect := []atomicfile.Protect{{Path: input, What: "an input"}}
	if err := CheckTarget(filepath.Join(dir, "out.json"), protect); err != nil {
		t.Errorf("a free name: %v", err)
	}
	if err := CheckTarget(input, protect); err == nil {
		t.Error("the input itself")
	}
	sigIn := filepath.Join(dir, "x.json.sig")
	os.WriteFile(sigIn, []byte("keep"), 0o600)
	err := CheckTarget(filepath.Join(dir, "x.json"), []atomicfile.Protect{{Path: sigIn, What: "an input's signature"}})
	if !errors.Is(err, atomicfile.ErrProtected) || !strings.Contains(err.Error(), "x.json.sig is an input's signature") {
		t.Errorf("a protected .sig: %v", err)
	}
}
