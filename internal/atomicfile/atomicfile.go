// Package atomicfile writes files so that a reader, or a machine that loses
// power, sees either the old content or the new, never half of each; and
// so that no failure, cancellation or kill leaves a temporary file behind
// for long (see Temp).
package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Options control Write.
type Options struct {
	// Perm is the new file's mode (0600 for anything holding notes).
	Perm os.FileMode
	// Wrap, when set, wraps the writer to the temporary file. Tests put a
	// writer there that fails at byte N, as a full disk does.
	Wrap func(io.Writer) io.Writer
}

// chunk is how much Write and WriteSet write between looks at its context, so a
// cancelled write of a large file stops within a few milliseconds.
const chunk = 1 << 20

// WriteFile writes data to path atomically with mode perm: temporary file
// in the same folder, write, fsync, rename over path, fsync the folder.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(context.Background(), path, data, Options{Perm: perm})
}

// Write is WriteFile with a context and options. A symbolic link at path
// is written through (the link keeps pointing at the new content); a
// folder, device or FIFO at path is refused. Whatever goes wrong, the
// temporary file is removed and path is as it was.
func Write(ctx context.Context, path string, data []byte, opt Options) error {
	target, err := resolveTarget(path)
	if err != nil {
		return err
	}
	tmp, err := NewTemp(ctx, filepath.Dir(target), filepath.Base(target), opt.Perm)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer tmp.Abort()
	var w io.Writer = tmp.File()
	if opt.Wrap != nil {
		w = opt.Wrap(w)
	}
	if err := writeChunks(ctx, w, data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Commit(target); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// resolveTarget follows a symbolic link at path to the file it names and
// refuses anything at path that is not a regular file.
func resolveTarget(path string) (string, error) {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return path, nil
	}
	if err != nil {
		return "", fmt.Errorf("write %s: %w", path, err)
	}
	target := path
	if fi.Mode()&fs.ModeSymlink != 0 {
		if target, err = filepath.EvalSymlinks(path); errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("write %s: a link to a file that does not exist", path)
		} else if err != nil {
			return "", fmt.Errorf("write %s: %w", path, err)
		}
		if fi, err = os.Stat(target); err != nil {
			return "", fmt.Errorf("write %s: %w", path, err)
		}
	}
	switch {
	case fi.IsDir():
		return "", fmt.Errorf("write %s: is a folder, not a file; give a file name", path)
	case !fi.Mode().IsRegular():
		return "", fmt.Errorf("write %s: not a regular file (a device, FIFO or socket); give a file name", path)
	}
	return target, nil
}

// rename retries for a short while on Windows, where antivirus and indexers
// briefly hold new files open and make the rename fail with "access denied".
func rename(from, to string) error {
	err := os.Rename(from, to)
	if err == nil || runtime.GOOS != "windows" {
		return err
	}
	deadline := time.Now().Add(2 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		if err = os.Rename(from, to); err == nil {
			return nil
		}
	}
	return err
}

// SyncDir makes a change to dir's entries (a rename, a new file or
// folder) durable. Windows cannot open a directory for syncing; its
// changes are durable enough once the files are synced.
func SyncDir(dir string) error { return syncDir(dir) }

func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
