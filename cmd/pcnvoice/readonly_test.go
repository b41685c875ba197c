//go:build unix

package main

import (
	"bytes"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/store"
)

// nobody is the user a root test run drops to: root ignores file modes,
// so a read-only file or folder is only read-only to someone else.
const nobody = 65534

// asReader runs pcnvoice as a user for whom modes count: in process when
// the tests do not run as root, else the real binary as nobody.
func asReader(t *testing.T, args ...string) cliResult {
	t.Helper()
	if os.Geteuid() != 0 {
		return cliRun(t, nil, args...)
	}
	bin := pcnvoiceBinary(t)
	opened(t, bin)
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"HOME=/nonexistent", "PCNVOICE_CONFIG=", "SOURCE_DATE_EPOCH=1795027500"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return cliResult{code, out.String(), errb.String()}
}

// opened makes path and every folder above it readable and searchable by
// others, so nobody can reach a test's files.
func opened(t *testing.T, path string) {
	t.Helper()
	for p := filepath.Dir(path); p != "/" && p != "."; p = filepath.Dir(p) {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o005 != 0o005 {
			if err := os.Chmod(p, fi.Mode().Perm()|0o005); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// readOnlyDB makes a demo database readable by everyone; with folder, its
// folder is read-only too (else the folder is writable by the reader and
// the file is not).
func readOnlyDB(t *testing.T, folder bool) string {
	t.Helper()
	return makeReadOnly(t, cliDemoDB(t), folder)
}

// makeReadOnly makes the database db readable by everyone and writable by
// no reader; with folder, its folder is read-only too.
func makeReadOnly(t *testing.T, db string, folder bool) string {
	t.Helper()
	dir := filepath.Dir(db)
	opened(t, db)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	if folder {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
	} else if os.Geteuid() == 0 {
		if err := os.Chown(dir, nobody, nobody); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	return db
}

// Fault 6: a database in a read-only folder, or a read-only database file,
// can be read; writing commands say why they cannot run.
func TestReadOnlyDatabase(t *testing.T) {
	for _, folder := range []bool{true, false} {
		name := "file"
		if folder {
			name = "folder"
		}
		t.Run(name, func(t *testing.T) {
			db := readOnlyDB(t, folder)
			before := fileSum(t, db)
			r := asReader(t, "--db", db, "status")
			if r.code != 0 || !strings.Contains(r.stdout, "Riverside Health PCN") {
				t.Fatalf("status: exit %d: %s", r.code, r.stderr)
			}
			r = asReader(t, "--db", db, "status", "--json")
			if r.code != 0 || !strings.Contains(r.stdout, `"population": 41230`) {
				t.Fatalf("status --json: exit %d: %s", r.code, r.stderr)
			}
			r = asReader(t, "--db", db, "export")
			if r.code != 0 || !strings.Contains(r.stdout, `"pcnvoice.submission"`) || !strings.Contains(r.stderr, "not recorded") {
				t.Fatalf("export to stdout: exit %d: %s", r.code, r.stderr)
			}
			csv := demoCSV(t, t.TempDir(), "10")
			out := t.TempDir()
			os.Chmod(csv, 0o644)
			os.Chmod(out, 0o777)
			opened(t, csv)
			opened(t, out+"/x")
			for _, args := range [][]string{
				{"import", csv},
				{"export", "-o", filepath.Join(out, "out.json")},
			} {
				r = asReader(t, append([]string{"--db", db}, args...)...)
				if r.code != 1 || !strings.Contains(r.stderr, "read-only") || !strings.Contains(r.stderr, db) {
					t.Errorf("%s: exit %d, want 1 and why: %s", args[0], r.code, r.stderr)
				}
			}
			if fileSum(t, db) != before {
				t.Error("the read-only database changed")
			}
		})
	}
}

// A read-only folder whose database another process has open (its -wal
// and -shm are there, holding changes not yet in the file): reading
// commands see those changes too.
func TestReadOnlyFolderWithLiveWriter(t *testing.T) {
	db := cliDemoDB(t)
	opened(t, db)
	w, err := sql.Open("sqlite", store.DSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1)
	if _, err := w.Exec("PRAGMA wal_autocheckpoint = 0"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Exec("INSERT INTO notes (category, severity, date, text) VALUES ('it', 3, '2026-11-30', 'only in the log')"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		if err := os.Chmod(p, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := filepath.Dir(db)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o700) })
	r := asReader(t, "--db", db, "status")
	if r.code != 0 || !strings.Contains(r.stdout, "13 notes") || !strings.Contains(r.stdout, "newest 2026-11-30") {
		t.Fatalf("status: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
