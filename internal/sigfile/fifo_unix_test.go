//go:build unix

package sigfile

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A FIFO named like a signature is refused at once, never opened.
func TestReadFIFO(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a.json")
	if err := syscall.Mkfifo(Path(file), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := Read(context.Background(), file)
	if err == nil || !strings.Contains(err.Error(), "a.json.sig: not a regular file") {
		t.Errorf("err = %v", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
	if removed, err := RemoveStale(file, []byte("x")); removed || err != nil {
		t.Errorf("RemoveStale on a FIFO: %v, %v", removed, err)
	}
}
