package atomicfile

import "context"

// lockShared does nothing on Windows: a file that is open cannot be
// removed there (Go and SQLite open files without FILE_SHARE_DELETE), so a
// live temporary file survives cleanStale without a lock.
func lockShared(ctx context.Context, dir string) (func(), error) {
	if err := ctx.Err(); err != nil {
		return nil, errLocked(dir, err)
	}
	return func() {}, nil
}

// tryLockExclusive always lets cleanStale try: removing a live file fails.
func tryLockExclusive(dir string) (func(), bool) { return func() {}, true }
