//go:build unix

package forumview

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestListPacksSkipsSpecialFiles: a FIFO or a link to a device in the
// shared folder is never offered (reading either would never end).
func TestListPacksSkipsSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.json")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "pack.json"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if got := listPacks(dir); len(got.names) != 1 || got.names[0] != "pack.json" {
		t.Errorf("offered %q, want only pack.json", got.names)
	}
}
