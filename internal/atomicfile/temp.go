package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Temp is a temporary file in the folder its final file will live in,
// named ".PREFIX.DIGITS.tmp": hidden, and never mistaken for a finished
// file. While a Temp is open its process holds a shared lock on the folder;
// a process killed with SIGKILL releases that lock with its life, so the
// next Temp made in the folder finds the stale temporaries of dead
// processes (the folder's lock is free) and removes them. On Windows an
// open file cannot be removed, which protects live temporaries the same way.
type Temp struct {
	f      *os.File
	name   string
	dir    string
	unlock func()
	done   bool
}

// NewTemp creates an empty temporary file with mode perm in dir, for a
// final file whose name starts with prefix, first removing the
// temporaries with that prefix that dead processes left behind. It waits
// for the folder's lock only while another process is cleaning it up.
func NewTemp(ctx context.Context, dir, prefix string, perm os.FileMode) (*Temp, error) {
	cleanStale(dir, prefix)
	unlock, err := lockShared(ctx, dir)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "."+prefix+".*.tmp")
	if err != nil {
		unlock()
		return nil, err
	}
	t := &Temp{f: f, name: f.Name(), dir: dir, unlock: unlock}
	// CreateTemp makes 0600; a deliberate mode, even if umask would allow more.
	if err := f.Chmod(perm); err != nil && runtime.GOOS != "windows" {
		t.Abort()
		return nil, err
	}
	return t, nil
}

// Name is the temporary file's path, for a writer that opens it by name
// (SQLite's VACUUM INTO).
func (t *Temp) Name() string { return t.name }

// File is the open temporary file.
func (t *Temp) File() *os.File { return t.f }

// Commit makes the temporary file final at path, replacing any file there:
// fsync, close, rename, fsync the folder.
func (t *Temp) Commit(path string) error {
	return t.finish(path, false)
}

// CommitNew is Commit for a path that must not exist yet: if it does,
// CommitNew returns an error matching fs.ErrExist and the Temp stays open
// for another try.
func (t *Temp) CommitNew(path string) error {
	return t.finish(path, true)
}

func (t *Temp) finish(path string, noReplace bool) error {
	if t.done {
		return errors.New("atomicfile: temporary file already finished")
	}
	if err := t.f.Sync(); err != nil {
		return err
	}
	if noReplace {
		if err := link(t.name, path); err != nil {
			return err
		}
		t.f.Close()
		os.Remove(t.name) // the final name holds the content now
	} else {
		if err := t.f.Close(); err != nil {
			return err
		}
		if err := rename(t.name, path); err != nil {
			os.Remove(t.name)
			t.release()
			return err
		}
	}
	t.release()
	return syncDir(filepath.Dir(path))
}

// Abort closes and removes the temporary file. It does nothing once the
// Temp is committed or aborted, so it can always be deferred.
func (t *Temp) Abort() {
	if t.done {
		return
	}
	t.f.Close()
	os.Remove(t.name)
	os.Remove(t.name + "-journal") // SQLite's, if a writer by name left one
	t.release()
}

func (t *Temp) release() {
	t.done = true
	t.unlock()
}

// link gives the file at from a second name, to, failing with fs.ErrExist
// when to exists: a no-clobber rename in two steps. Where the file system
// has no hard links it falls back to a rename after checking to is free.
func link(from, to string) error {
	err := os.Link(from, to)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, serr := os.Lstat(to); serr == nil {
		return &fs.PathError{Op: "link", Path: to, Err: fs.ErrExist}
	}
	f, oerr := os.Open(from)
	if oerr != nil {
		return oerr
	}
	f.Close()
	return rename(from, to)
}

// cleanStale removes the temporaries with prefix in dir that no live
// process holds: only when the folder's lock can be taken exclusively,
// which no process writing a temporary there allows.
func cleanStale(dir, prefix string) {
	unlock, ok := tryLockExclusive(dir)
	if !ok {
		return
	}
	defer unlock()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if IsTemp(e.Name(), prefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// IsTemp reports whether name is a temporary file NewTemp makes for
// prefix, ".PREFIX.DIGITS.tmp", or a file SQLite keeps beside one it
// writes by name (VACUUM INTO keeps a rollback journal, "….tmp-journal",
// until it is done: a kill leaves it behind too).
func IsTemp(name, prefix string) bool {
	rest, ok := strings.CutPrefix(name, "."+prefix+".")
	if !ok {
		return false
	}
	for _, companion := range []string{"-journal", "-wal", "-shm"} {
		if r, ok := strings.CutSuffix(rest, companion); ok {
			rest = r
			break
		}
	}
	digits, ok := strings.CutSuffix(rest, ".tmp")
	if !ok || digits == "" {
		return false
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// errLocked is what a wait for a folder's lock returns when ctx ends first.
func errLocked(dir string, err error) error {
	return fmt.Errorf("wait for %s: %w", dir, err)
}
