//go:build linux || darwin

package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// limitedEnv carries the file-size limit to a re-run of this test binary,
// which sets it on itself and becomes the command (TestMain).
const limitedEnv = "PCNVOICE_TEST_FSIZE"

// TestMain turns the test binary, started by startLimited, into the
// command it was given, under the file-size limit in limitedEnv; without
// it, the tests run.
func TestMain(m *testing.M) {
	if v := os.Getenv(limitedEnv); v != "" {
		becomeLimited(v) // does not return
	}
	os.Exit(m.Run())
}

// becomeLimited sets RLIMIT_FSIZE to limit bytes and executes os.Args[1]
// with the arguments after it: the limit is kept across exec, and only
// this process — never the test run — ever holds it.
func becomeLimited(limit string) {
	n, err := strconv.ParseUint(limit, 10, 64)
	if err == nil {
		var old syscall.Rlimit
		if err = syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err == nil {
			err = syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: old.Max})
		}
	}
	if err == nil {
		env := slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, limitedEnv+"=") })
		err = syscall.Exec(os.Args[1], os.Args[1:], env)
	}
	fmt.Fprintln(os.Stderr, "startLimited:", err)
	os.Exit(127)
}

// startLimited starts cmd with the kernel's file-size limit (RLIMIT_FSIZE)
// at limit bytes: a write past it fails with EFBIG, as a full disk fails a
// write, with no root and no tiny file system needed. The limit is set by
// the child itself (the test binary re-run as a trampoline, TestMain):
// set on the test process around the fork, as it once was, it also failed
// whatever else the run was writing at that moment — the testing
// package's own log, now and then, and the whole package with it.
func startLimited(t *testing.T, cmd *exec.Cmd, limit uint64) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Args = append([]string{self, cmd.Path}, cmd.Args[1:]...)
	cmd.Path = self
	cmd.Env = append(cmd.Environ(), limitedEnv+"="+strconv.FormatUint(limit, 10))
	if err := cmd.Start(); err != nil {
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
