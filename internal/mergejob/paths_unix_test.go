//go:build unix

package mergejob

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// TestExpandRefusesFIFOs: a named pipe, given or in a folder, is refused
// at once and never opened (opening one waits for a writer).
func TestExpandRefusesFIFOs(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, forumtest.Generate(5, 2)...)
	fifo := filepath.Join(dir, "pipe.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{fifo}, {dir}, {filepath.Dir(link)}} {
		done := make(chan error, 1)
		go func() {
			_, err := Expand(args)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, infile.ErrNotRegular) || !strings.Contains(err.Error(), ".json: not a regular file") {
				t.Errorf("Expand(%v): %v", args, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("Expand(%v) blocked on the FIFO", args)
		}
	}
}

// TestSigFIFORefused: a FIFO named like a submission's signature stops
// the merge at once, naming it, and is never opened.
func TestSigFIFORefused(t *testing.T) {
	f := newSignedForum(t)
	if err := syscall.Mkfifo(f.paths[2]+".sig", 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := f.merge([]string{f.dir}, Signatures{Roster: f.roster})
		done <- err
	}()
	select {
	case err := <-done:
		if !errors.Is(err, infile.ErrNotRegular) || !strings.Contains(err.Error(), filepath.Base(f.paths[2])+".sig: not a regular file") {
			t.Errorf("err = %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the merge blocked on the FIFO")
	}
}
