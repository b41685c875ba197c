//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || windows)

package atomicfile

import "context"

// lockShared does nothing where there is no flock.
func lockShared(ctx context.Context, dir string) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, errLocked(dir, err)
	}
	return func() {}, nil
}

// tryLockExclusive never succeeds without flock: a temporary file there
// cannot be told from a live one, so stale ones are left, never removed.
func tryLockExclusive(dir string) (func(), bool) { return nil, false }
