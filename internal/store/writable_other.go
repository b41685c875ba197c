//go:build !unix

package store

import "os"

// unwritable says why the database at path cannot be written, or "". On
// Windows it sees the read-only attribute; a folder that access control
// makes read-only shows as the driver's read-only error on the first write.
func unwritable(path string) string {
	fi, err := os.Stat(path)
	if err == nil && fi.Mode().Perm()&0o200 == 0 {
		return "the file is read-only"
	}
	return ""
}

func dirWritable(dir string) bool { return true }
