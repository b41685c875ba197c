//go:build unix

package store

import (
	"errors"
	"path/filepath"
	"syscall"
)

// wOK is access(2)'s W_OK; xOK its X_OK.
const wOK, xOK = 0x2, 0x1

// unwritable says why the database at path cannot be written — the file
// is read-only, or its folder is, where SQLite keeps the -wal and -shm
// files and pcnvoice its backups — or "" when it can be. access(2) asks
// the kernel, so root, ACLs, read-only mounts and immutable files all
// count as they will when writing.
func unwritable(path string) string {
	if err := syscall.Access(path, wOK); err != nil {
		if errors.Is(err, syscall.EROFS) {
			return "it is on a read-only file system"
		}
		return "the file is read-only"
	}
	if dir := filepath.Dir(path); !dirWritable(dir) {
		return "its folder " + dir + " is read-only, and SQLite writes its log beside the file"
	}
	return ""
}

func dirWritable(dir string) bool {
	return syscall.Access(dir, wOK|xOK) == nil
}
