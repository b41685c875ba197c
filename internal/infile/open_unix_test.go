//go:build unix

package infile

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Anything but a regular file is refused at once, by every reader, and
// never read: a FIFO with no writer would block for ever, /dev/zero never
// ends.
func TestOpenRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "s.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	readers := map[string]func(string) error{
		"Read":        func(p string) error { _, err := Read(p, 1<<20); return err },
		"Peek":        func(p string) error { _, _, err := Peek(p, 16); return err },
		"ReadContext": func(p string) error { _, err := ReadContext(context.Background(), p, 1<<20); return err },
	}
	for _, path := range []string{fifo, sock, "/dev/zero", "/dev/null"} {
		for name, read := range readers {
			t.Run(name+" "+filepath.Base(path), func(t *testing.T) {
				done := make(chan error, 1)
				go func() { done <- read(path) }()
				select {
				case err := <-done:
					if !errors.Is(err, ErrNotRegular) || !strings.HasPrefix(err.Error(), path+": ") {
						t.Errorf("err = %v, want ErrNotRegular naming the path", err)
					}
				case <-time.After(5 * time.Second):
					w, _ := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
					w.Close()
					t.Fatal("blocked")
				}
			})
		}
	}
}

func TestReadContextCancelled(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, make([]byte, 3*readChunk), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadContext(ctx, path, 1<<30); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	data, err := ReadContext(context.Background(), path, 1<<30)
	if err != nil || len(data) != 3*readChunk {
		t.Errorf("read %d bytes, %v", len(data), err)
	}
}
