//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package atomicfile

import (
	"context"
	"errors"
	"os"
	"syscall"
	"time"
)

// lockShared takes a shared flock on dir for as long as a temporary file
// of this process lives there. flock locks belong to the open file, so
// the kernel drops them when the process dies, however it dies.
func lockShared(ctx context.Context, dir string) (func(), error) {
	d, err := os.Open(dir)
	if err != nil {
		// A folder this process may write but not read: no lock, and no
		// process can read it to clean it either.
		return func() {}, nil
	}
	for {
		err := syscall.Flock(int(d.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil {
			return func() { d.Close() }, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			// A file system without flock (some network mounts): carry on
			// unlocked; stale temporaries there are only left, never a risk.
			return func() { d.Close() }, nil
		}
		// Another process is cleaning the folder: a matter of milliseconds.
		select {
		case <-ctx.Done():
			d.Close()
			return nil, errLocked(dir, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// tryLockExclusive takes an exclusive flock on dir if no process holds
// any lock on it: then no temporary file in it belongs to a live process.
func tryLockExclusive(dir string) (func(), bool) {
	d, err := os.Open(dir)
	if err != nil {
		return nil, false
	}
	if err := syscall.Flock(int(d.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		d.Close()
		return nil, false
	}
	return func() { d.Close() }, true
}
