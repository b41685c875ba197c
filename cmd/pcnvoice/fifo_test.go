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

// TestConfigRefusesFIFOAndDevice: --config naming a FIFO (which blocked
// for ever) or a device (/dev/zero read until memory ran out) fails at
// once, one line naming the file, for a command that only checks the
// config and for one that loads it.
func TestConfigRefusesFIFOAndDevice(t *testing.T) {
	db := cliDemoDB(t)
	fifo := filepath.Join(t.TempDir(), "config.toml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		for _, cmd := range []string{"status", "export"} {
			t.Run(filepath.Base(path)+"/"+cmd, func(t *testing.T) {
				done := make(chan cliResult, 1)
				go func() { done <- cliRun(t, nil, "--db", db, "--config", path, cmd) }()
				select {
				case r := <-done:
					want := "pcnvoice: " + path + ": not a regular file"
					if r.code != 1 || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
						t.Errorf("exit %d, want 1 and one line %q…: %q", r.code, want, r.stderr)
					}
				case <-time.After(5 * time.Second):
					unblockFIFO(t, fifo, done)
				}
			})
		}
	}
}

// unblockFIFO opens fifo for writing, as often as a reader that should
// never have opened it does, until the run ends, then fails the test.
func unblockFIFO(t *testing.T, fifo string, done <-chan cliResult) {
	t.Helper()
	for {
		select {
		case <-done:
			t.Fatal("blocked on the FIFO")
		case <-time.After(10 * time.Millisecond):
			if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
				f.Close()
			}
		}
	}
}

// TestDBRefusesFIFOAndDevice: a --db that is a FIFO hung every command
// for ever, deaf to SIGTERM and Ctrl-C (the guess at what the file might
// be opened it for reading and waited for a writer). Every command now
// refuses it, and a device, at once, in one line naming it.
func TestDBRefusesFIFOAndDevice(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pcnvoice.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		for _, args := range [][]string{{"status"}, {"status", "--json"}, {"history"}, {"diff"}, {"export", "-o", filepath.Join(t.TempDir(), "x.json")}} {
			t.Run(filepath.Base(path)+"/"+strings.Join(args, " "), func(t *testing.T) {
				done := make(chan cliResult, 1)
				go func() { done <- cliRun(t, nil, append([]string{"--db", path}, args...)...) }()
				select {
				case r := <-done:
					if r.code != 1 || !strings.Contains(r.stderr, path) || !strings.Contains(r.stderr, "not a regular file") || strings.Count(r.stderr, "\n") != 1 {
						t.Errorf("exit %d: %q", r.code, r.stderr)
					}
				case <-time.After(5 * time.Second):
					for { // let the blocked reader go, so the test can end
						select {
						case <-done:
							t.Fatal("a --db FIFO blocked")
						case <-time.After(10 * time.Millisecond):
							if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
								f.Close()
							}
						}
					}
				}
			})
		}
	}
}
