//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/forum/forumtest"
)

// TestCLIMergeStopsOnInterrupt: Ctrl-C during a national merge stops the
// real process within a second, writes nothing and leaves no temporary
// file (SPEC §3). The signal goes at several moments; a merge that
// finished first must have written its pack whole. A busy machine gets
// retries before a slow stop counts as a failure.
func TestCLIMergeStopsOnInterrupt(t *testing.T) {
	bin := pcnvoiceBinary(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "inbox")
	os.Mkdir(in, 0o700)
	if _, err := forumtest.WriteFiles(in, forumtest.Generate(2026, 1250)); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, nil, 0o600)
	interrupted, slow := 0, 0
	for _, ms := range []int{5, 20, 40, 80, 120, 200, 10, 30, 60} {
		delay := time.Duration(ms) * time.Millisecond
		outDir := t.TempDir()
		out := filepath.Join(outDir, "pack.json")
		cmd := exec.Command(bin, "--config", cfg, "--db", filepath.Join(dir, "none.db"), "merge", "-o", out, in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		sent := time.Now()
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		took := time.Since(sent)
		entries, _ := os.ReadDir(outDir)
		var exit *exec.ExitError
		switch {
		case err == nil: // done before the signal was seen: the pack is whole
			if b, rerr := os.ReadFile(out); rerr != nil || !bytes.HasSuffix(b, []byte("\"\n}\n")) || len(entries) != 1 {
				t.Errorf("after %v: a finished merge left %d entries, pack %d bytes (%v)", delay, len(entries), len(b), rerr)
			}
		case errors.As(err, &exit) && exit.Sys().(syscall.WaitStatus).Signaled():
			// Killed before it set up its handler: nothing was written.
			if len(entries) != 0 {
				t.Errorf("after %v: killed, but %d entries left in the output folder", delay, len(entries))
			}
		case errors.As(err, &exit):
			interrupted++
			if !strings.Contains(stderr.String(), "pcnvoice: interrupted: stopped before finishing") || len(entries) != 0 {
				t.Errorf("after %v: stderr %q, %d entries left in the output folder", delay, stderr.String(), len(entries))
			}
		default:
			t.Fatal(err)
		}
		if took > time.Second {
			slow++
			t.Logf("after %v: stopped %v after the signal", delay, took)
		}
	}
	t.Logf("%d of 9 runs interrupted mid-merge", interrupted)
	if interrupted == 0 {
		t.Error("no run was interrupted: the merge is too quick for the test's delays")
	}
	if slow > 2 {
		t.Errorf("%d of 9 runs took over a second to stop after Ctrl-C", slow)
	}
}
