//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Fault 5: a FIFO is refused at once; a cancelled import stops.
func TestImportRefusesFIFO(t *testing.T) {
	db := cliDemoDB(t)
	fifo := filepath.Join(t.TempDir(), "sizes.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan cliResult, 1)
	go func() { done <- cliRun(t, nil, "--db", db, "import", fifo) }()
	select {
	case r := <-done:
		if r.code != 1 || !strings.Contains(r.stderr, fifo) || !strings.Contains(r.stderr, "not a regular file") {
			t.Errorf("exit %d: %s", r.code, r.stderr)
		}
	case <-time.After(5 * time.Second):
		// Unblock the reader, as often as it opens the FIFO, so the test can end.
		for {
			select {
			case <-done:
				t.Fatal("import of a FIFO blocked")
			case <-time.After(10 * time.Millisecond):
				if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
					f.Close()
				}
			}
		}
	}
}
