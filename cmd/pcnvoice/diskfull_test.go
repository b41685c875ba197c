//go:build linux || darwin

package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// startLimited starts cmd with the kernel's file-size limit (RLIMIT_FSIZE)
// at limit bytes: a write past it fails with EFBIG, as a full disk fails a
// write, with no root and no tiny file system needed. Limits are inherited
// at fork, so the test process holds the limit only while it starts cmd.
func startLimited(t *testing.T, cmd *exec.Cmd, limit uint64) {
	t.Helper()
	// Start opens the null device for a stream left nil, and the testing
	// package logs every open to its own log file: with the limit on, that
	// write fails once the log passes it, and the whole run with it.
	// Streams that are not files become pipes instead, and open nothing.
	if cmd.Stdin == nil {
		cmd.Stdin = strings.NewReader("")
	}
	if cmd.Stdout == nil {
		cmd.Stdout = io.Discard
	}
	if cmd.Stderr == nil {
		cmd.Stderr = io.Discard
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
		t.Fatal(err)
	}
	err := cmd.Start()
	if rerr := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); rerr != nil {
		t.Fatal(rerr)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// TestExportDiskFull exports with the kernel refusing writes past 64 KiB:
// the real process fails, says why, records nothing, and leaves neither
// the file nor a temporary file.
func TestExportDiskFull(t *testing.T) {
	bin := pcnvoiceBinary(t)
	db := filepath.Join(t.TempDir(), "full.db")
	runBin(t, "--db", db, "import", crashSubmission(t, 3000, "a submission far larger than 64 KiB"))
	editDB(t, db, 1) // so the export is a new revision
	before := cliRun(t, nil, "--db", db, "status", "--json").stdout
	dir := t.TempDir()
	for _, args := range [][]string{
		{"export", "-o", filepath.Join(dir, "out.json")},
		{"export", "--format", "html", "-o", filepath.Join(dir, "out.html")},
	} {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		startLimited(t, cmd, 64<<10)
		err := cmd.Wait()
		if err == nil || !strings.Contains(stderr.String(), "file too large") {
			t.Fatalf("%v: %v, stderr %q; want the kernel's EFBIG", args, err, stderr.String())
		}
	}
	if after := cliRun(t, nil, "--db", db, "status", "--json").stdout; after != before {
		t.Errorf("a failed write changed the status:\n%s\nwas\n%s", after, before)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed writes left %v", entries)
	}
}
