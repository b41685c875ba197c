//go:build unix

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"

	"github.com/pcnvoice/pcnvoice/internal/sshsign"
)

// ptyRun runs pcnvoice with a pseudo-terminal for stdin and stderr, as a
// person at a terminal would, typing each of answers when the screen
// shows prompt. It returns the exit code, everything the terminal showed,
// and whether echo was on again afterwards.
func ptyRun(t *testing.T, ctx context.Context, prompt string, answers []string, onPrompt func(), args ...string) (int, string, bool) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var mu sync.Mutex
	var screen bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 4096)
		asked := 0
		for {
			n, err := ptmx.Read(buf)
			mu.Lock()
			screen.Write(buf[:n])
			seen := strings.Count(screen.String(), prompt)
			mu.Unlock()
			for ; asked < seen; asked++ {
				if onPrompt != nil {
					onPrompt()
				}
				if asked < len(answers) {
					ptmx.Write([]byte(answers[asked] + "\r"))
				}
			}
			if err != nil {
				return
			}
		}
	}()
	var out bytes.Buffer
	m := &Main{Stdin: tty, Stdout: &out, Stderr: tty, Now: func() time.Time { return cliClock },
		Getenv: func(string) string { return "" }}
	code := m.Run(ctx, args)
	termios, err := unix.IoctlGetTermios(int(tty.Fd()), ioctlGetTermios)
	echo := err == nil && termios.Lflag&unix.ECHO != 0
	// A read left waiting at an abandoned prompt (the program would have
	// ended) holds the terminal open until it gets a line: give it one.
	ptmx.Write([]byte("\r"))
	tty.Close()
	select {
	case <-read:
	case <-time.After(10 * time.Second):
		t.Fatal("the terminal did not close")
	}
	mu.Lock()
	defer mu.Unlock()
	return code, screen.String(), echo
}

// TestCLIPassphraseOnTerminal: an encrypted key's passphrase is asked on
// the terminal, without echo; three wrong ones stop the export; Ctrl-C at
// the prompt stops it and gives the terminal its echo back. In no case is
// anything written or recorded unless the signature is made.
func TestCLIPassphraseOnTerminal(t *testing.T) {
	s := newSignSetup(t)
	key := s.k.WriteEncryptedKey(t, s.dir, "correct horse")
	prompt := "Passphrase for " + key + ": "
	base := []string{"--db", s.db, "--config", s.config, "export", "--sign", key, "-o"}
	before := exportCount(t, s.db)

	t.Run("right passphrase", func(t *testing.T) {
		out := filepath.Join(s.dir, "ok.json")
		code, screen, echo := ptyRun(t, context.Background(), prompt, []string{"correct horse"}, nil, append(base, out)...)
		if code != 0 {
			t.Fatalf("exit %d: %q", code, screen)
		}
		if strings.Contains(screen, "correct horse") {
			t.Errorf("the passphrase was echoed: %q", screen)
		}
		if !echo {
			t.Error("echo is off after the prompt")
		}
		data, _ := os.ReadFile(out)
		sig, _ := os.ReadFile(out + ".sig")
		if _, err := sshsign.Verify(data, sig); err != nil {
			t.Error(err)
		}
		before = exportCount(t, s.db)
	})
	t.Run("three wrong passphrases", func(t *testing.T) {
		out := filepath.Join(s.dir, "wrong.json")
		code, screen, echo := ptyRun(t, context.Background(), prompt, []string{"a", "b", "c"}, nil, append(base, out)...)
		if code != 1 || !strings.Contains(screen, "wrong passphrase (3 tries)") || strings.Count(screen, prompt) != 3 || !echo {
			t.Fatalf("exit %d, echo %v: %q", code, echo, screen)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) || exportCount(t, s.db) != before {
			t.Error("written or recorded")
		}
	})
	t.Run("Ctrl-C at the prompt", func(t *testing.T) {
		out := filepath.Join(s.dir, "stopped.json")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		start := time.Now()
		code, screen, echo := ptyRun(t, ctx, prompt, nil, cancel, append(base, out)...)
		if code != 1 || !strings.Contains(screen, "interrupted") || !echo {
			t.Fatalf("exit %d, echo %v: %q", code, echo, screen)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("took %v to stop", d)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) || exportCount(t, s.db) != before {
			t.Error("written or recorded")
		}
	})
}
