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

// TestHistoryReadOnly: history and diff only read, so a database in a
// read-only folder, or a read-only file, serves them, and is unchanged.
func TestHistoryReadOnly(t *testing.T) {
	for _, folder := range []bool{true, false} {
		db := makeReadOnly(t, cliHistoryDB(t), folder)
		before := fileSum(t, db)
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"history"}, "4 exports, newest first"},
			{[]string{"history", "--json"}, `"revision": 4`},
			{[]string{"diff"}, "Population health management: amber → red"},
			{[]string{"diff", "@1", "@4", "--json"}, `"source": "revision 1"`},
		} {
			r := asReader(t, append([]string{"--db", db}, tc.args...)...)
			if r.code != 0 || !strings.Contains(r.stdout, tc.want) {
				t.Errorf("folder %v, %v: exit %d, stdout lacks %q:\n%s%s", folder, tc.args, r.code, tc.want, r.stdout, r.stderr)
			}
		}
		if fileSum(t, db) != before {
			t.Error("the read-only database changed")
		}
	}
}

// TestDiffAndSinceRefuseFIFO: a FIFO given to diff or to merge --since is
// refused at once, never read (it would block on a writer that never
// comes).
func TestDiffAndSinceRefuseFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pack.json")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	worked := filepath.Join(mergeFixtures, "worked")
	for _, args := range [][]string{
		{"--db", cliHistoryDB(t), "diff", fifo},
		{"diff", filepath.Join(worked, "U20001.json"), fifo},
		{"merge", "--since", fifo, worked},
	} {
		done := make(chan cliResult, 1)
		go func() { done <- cliRun(t, mergeEnv(t, ""), args...) }()
		select {
		case r := <-done:
			if r.code != 1 || !strings.Contains(r.stderr, fifo) || !strings.Contains(r.stderr, "not a regular file") {
				t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
			}
		case <-time.After(5 * time.Second):
			for { // unblock the reader so the test can end
				select {
				case <-done:
					t.Fatalf("%v blocked on a FIFO", args)
				case <-time.After(10 * time.Millisecond):
					if f, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
						f.Close()
					}
				}
			}
		}
	}
}
