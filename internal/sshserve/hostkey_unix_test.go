//go:build unix

package sshserve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestHostKeyNotAFile: --host-key naming a FIFO (os.ReadFile waited for a
// writer for ever) or a device (/dev/zero was read until memory ran out)
// fails at once with an error naming it, and no key is made over it.
func TestHostKeyNotAFile(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "host_key")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := LoadOrCreateHostKey(path)
				done <- err
			}()
			select {
			case err := <-done:
				if err == nil || !strings.Contains(err.Error(), path+": not a regular file") {
					t.Errorf("err = %v", err)
				}
			case <-time.After(5 * time.Second):
				if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
				t.Fatal("blocked")
			}
		})
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v", err)
	}
}
