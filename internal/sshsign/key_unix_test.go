//go:build unix

package sshsign

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestOpenKeySwappedForFIFO: a key file swapped for a FIFO between a look
// at it and its opening is refused, never read: a check of the name
// before the open, and a read that trusts it, hang on the FIFO for ever.
// A second goroutine swaps a key file and a FIFO under one name while
// Open is called again and again; every call must return at once.
func TestOpenKeySwappedForFIFO(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "id_ed25519")
	file := testKeys(t)["ed25519"].writeOpenSSH(t, dir)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	// Two names that take turns at key: a.name <-> key <-> b.name.
	spareFile, spareFIFO := filepath.Join(dir, "spare-file"), filepath.Join(dir, "spare-fifo")
	if err := os.Rename(file, spareFile); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(fifo, spareFIFO); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			from := []string{spareFile, spareFIFO}[i%2]
			os.Rename(from, key)
			os.Rename(key, from)
		}
	})
	defer func() {
		close(stop)
		wg.Wait()
	}()
	deadline := time.Now().Add(2 * time.Second)
	for n := 0; time.Now().Before(deadline); n++ {
		done := make(chan error, 1)
		go func() {
			_, err := Open(key, KeyOptions{})
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil && !strings.Contains(err.Error(), "no such key file") && !strings.Contains(err.Error(), "not a regular file") {
				t.Fatalf("call %d: %v", n, err)
			}
		case <-time.After(5 * time.Second):
			// Let the stuck read end, so the test can.
			for _, p := range []string{key, spareFIFO} {
				if f, err := os.OpenFile(p, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			}
			<-done
			t.Fatalf("call %d blocked on the FIFO", n)
		}
	}
}
