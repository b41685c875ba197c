//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestVerifyRefusesFIFOs: a FIFO as the file, the .sig or the roster is
// refused at once; opening one would wait for a writer forever.
func TestVerifyRefusesFIFOs(t *testing.T) {
	dir := t.TempDir()
	fifo := func(name string) string {
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := writeText(t, filepath.Join(dir, "empty.toml"), "")
	file := copyFixture(t, dir, "worked/U20001.json", "U20001.json")
	fifo("U20001.json.sig")
	for _, c := range []struct {
		name, want string
		code       int
		args       []string
	}{
		{"file", "pipe.json: FAILED: not a regular file", 1, []string{"--config", empty, fifo("pipe.json")}},
		{".sig", "U20001.json: digest ok, signature FAILED: " + file + ".sig: not a regular file", 1, []string{"--config", empty, file}},
		{"roster", "roster: " + filepath.Join(dir, "roster") + ": not a regular file", 1, []string{"--config", empty, "--allowed-signers", fifo("roster"), file}},
	} {
		t.Run(c.name, func(t *testing.T) {
			done := make(chan cliResult, 1)
			go func() { done <- cliRun(t, nil, append([]string{"verify"}, c.args...)...) }()
			select {
			case r := <-done:
				if r.code != c.code || !strings.Contains(r.stdout+r.stderr, c.want) {
					t.Fatalf("exit %d, output %q %q; want %q", r.code, r.stdout, r.stderr, c.want)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("verify blocked on a FIFO")
			}
		})
	}
}
