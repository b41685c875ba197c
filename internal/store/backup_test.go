package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// fixedClock is a clock a test moves by hand.
type fixedClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fixedClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fixedClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func openClocked(t testing.TB, path string, clock func() time.Time) *DB {
	t.Helper()
	d, err := Open(context.Background(), path, Options{Create: true, Period: "2026/27 Q3", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if err := d.SavePCN(context.Background(), domain.PCN{Code: "U51234", Name: "Backed-up PCN"}); err != nil {
		t.Fatal(err)
	}
	return d
}

// backupFiles lists the names in dir, sorted.
func backupFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// checkIsBackup fails unless path is a whole SQLite copy of a pcnvoice
// database, mode 0600.
func checkIsBackup(t testing.TB, path string) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, want 0600", path, fi.Mode().Perm())
	}
	db, err := sql.Open("sqlite", fileURI(path)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ic, name string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ic); err != nil || ic != "ok" {
		t.Errorf("%s: integrity_check %q %v", path, ic, err)
	}
	if err := db.QueryRow("SELECT name FROM pcn").Scan(&name); err != nil {
		t.Errorf("%s: no PCN in the copy: %v", path, err)
	}
}

// The clock names backups; names sort in the order they were made even
// when the clock stands still or goes back; only the newest ten of this
// database are kept; nothing else in the folder is touched.
func TestBackupNamesAndPruning(t *testing.T) {
	clock := &fixedClock{t: time.Date(2026, 11, 18, 16, 45, 0, 0, time.UTC)}
	dir := t.TempDir()
	d := openClocked(t, filepath.Join(dir, "pcnvoice.db"), clock.now)
	other := openClocked(t, filepath.Join(dir, "pcnvoice-demo.db"), clock.now)
	bdir := BackupDir(d.Path())
	if err := os.MkdirAll(bdir, 0o700); err != nil {
		t.Fatal(err)
	}
	// Files a person put there, or that only look like backups: kept.
	keep := []string{"pcnvoice-notes.txt", "pcnvoice-20200101T000000.000000Z-before-import.db.bak", "pcnvoice-old.db"}
	for _, n := range keep {
		os.WriteFile(filepath.Join(bdir, n), []byte("mine"), 0o600)
	}
	if _, err := other.Backup(context.Background(), "before-import"); err != nil {
		t.Fatal(err)
	}
	var made []string
	for i := range 12 {
		if i == 6 {
			clock.set(clock.now().Add(-time.Hour)) // the clock goes back
		}
		p, err := d.Backup(context.Background(), "before-import")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("backup %d: the path returned does not exist: %v", i, err)
		}
		made = append(made, filepath.Base(p))
	}
	if !slices.IsSorted(made) {
		t.Errorf("names do not sort in the order made: %v", made)
	}
	if made[0] != "pcnvoice-20261118T164500.000000Z-before-import.db" {
		t.Errorf("first name %q does not carry the clock's time", made[0])
	}
	got := backupFiles(t, bdir)
	want := append(slices.Clone(made[2:]), keep...)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("folder holds\n%v\nwant\n%v", got, want)
	}
	for _, n := range made[2:] {
		checkIsBackup(t, filepath.Join(bdir, n))
	}
	if n := backupFiles(t, BackupDir(other.Path())); len(n) != 1 {
		t.Errorf("the other database's backups were touched: %v", n)
	}
}

// Concurrent backups of one database, from separate connections as
// separate processes have, all succeed, each returns a path that exists,
// and the folder ends with the newest ten.
func TestBackupConcurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	openClocked(t, path, nil)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for range 4 {
		wg.Go(func() {
			d, err := Open(context.Background(), path, Options{})
			if err != nil {
				errs <- err
				return
			}
			defer d.Close()
			for range 6 {
				p, err := d.Backup(context.Background(), "test")
				if err != nil {
					errs <- err
					continue
				}
				if _, err := os.Stat(p); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := backupFiles(t, BackupDir(path)); len(n) != keepBackups {
		t.Errorf("%d files after 24 backups: %v", len(n), n)
	}
}

// A backup that cannot finish — cancelled, or VACUUM INTO failing —
// leaves nothing in the folder, least of all something named like a backup.
func TestBackupFailureLeavesNothing(t *testing.T) {
	d := openClocked(t, filepath.Join(t.TempDir(), "f.db"), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Backup(ctx, "before-import"); err == nil {
		t.Fatal("a cancelled backup succeeded")
	}
	if _, err := d.Backup(context.Background(), "Not A Reason/.."); err == nil {
		t.Fatal("a reason that is not a name was taken")
	}
	if n := backupFiles(t, BackupDir(d.Path())); len(n) != 0 {
		t.Errorf("left behind: %v", n)
	}
	// A temporary file a killed process left is removed by the next backup.
	stale := filepath.Join(BackupDir(d.Path()), ".f.db.4242.tmp")
	os.WriteFile(stale, nil, 0o600)
	p, err := d.Backup(context.Background(), "before-import")
	if err != nil {
		t.Fatal(err)
	}
	if n := backupFiles(t, BackupDir(d.Path())); len(n) != 1 || n[0] != filepath.Base(p) {
		t.Errorf("after a backup beside a stale temporary file: %v", n)
	}
}

// An import that changes the database is backed up inside its
// transaction; one that changes nothing, or changes an empty database, is
// not; a failed import leaves no backup and no change.
func TestImportBacksUpFirst(t *testing.T) {
	ctx := context.Background()
	d := openClocked(t, filepath.Join(t.TempDir(), "i.db"), nil)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(d.SavePractice(ctx, domain.Practice{ODSCode: "A81001", Name: "One", ListSize: 100}))
	rep, err := d.ImportPractices(ctx, PracticeImport{ListSizes: map[string]int64{"A81001": 200}})
	must(err)
	if rep.Backup == "" {
		t.Fatal("a changing import made no backup")
	}
	// The backup holds the database as it was: list size 100.
	copyDB, err := Open(ctx, rep.Backup, Options{ReadOnlyOK: true})
	must(err)
	ps, err := copyDB.Practices(ctx)
	copyDB.Close()
	must(err)
	if len(ps) != 1 || ps[0].ListSize != 100 {
		t.Errorf("the backup holds %+v, want the list size before the import (100)", ps)
	}
	rep, err = d.ImportPractices(ctx, PracticeImport{ListSizes: map[string]int64{"A81001": 200}})
	if err != nil || rep.Backup != "" {
		t.Errorf("an import that changes nothing: backup %q, %v", rep.Backup, err)
	}
	_, err = d.ImportPractices(ctx, PracticeImport{ListSizes: map[string]int64{"A81001": domain.MaxListSize + 1}})
	if err == nil || !strings.Contains(err.Error(), "1000001") {
		t.Errorf("an out-of-bounds list size: %v", err)
	}
	if n := backupFiles(t, BackupDir(d.Path())); len(n) != 1 {
		t.Errorf("backups: %v, want the one", n)
	}
	empty, err := Open(ctx, filepath.Join(t.TempDir(), "e.db"), Options{Create: true, Period: "2026/27 Q3"})
	must(err)
	defer empty.Close()
	rep, err = empty.ImportPractices(ctx, PracticeImport{PCN: &domain.PCN{Code: "U51234", Name: "New"}})
	if err != nil || !rep.PCNCreated || rep.Backup != "" {
		t.Errorf("an import into an empty database: %+v, %v", rep, err)
	}
	if _, err := os.Stat(BackupRoot(empty.Path())); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an empty database was backed up: %v", err)
	}
}

// A cancelled restore — Ctrl-C during an import — stops within a second,
// mid-transaction, and leaves the database and its backups as they were.
func TestRestoreCancelled(t *testing.T) {
	ctx := context.Background()
	d := openClocked(t, filepath.Join(t.TempDir(), "r.db"), nil)
	snap, err := d.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20000 {
		snap.Notes = append(snap.Notes, domain.Note{Category: "it", Severity: 1, Date: "2026-11-18", Text: fmt.Sprintf("note %d", i)})
	}
	before, _ := d.Summary(ctx)
	stopped := 0
	for delay := 40 * time.Millisecond; stopped < 3; delay /= 2 {
		if delay < time.Millisecond {
			t.Fatal("every restore finished before its cancellation")
		}
		cctx, cancel := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() {
			_, _, err := d.RestoreBackedUp(cctx, snap, nil)
			done <- err
		}()
		time.Sleep(delay)
		cancel()
		at := time.Now()
		err := <-done
		if took := time.Since(at); took > time.Second {
			t.Errorf("the restore stopped %v after its cancellation", took)
		}
		if err == nil {
			t.Fatalf("a restore finished in %v; the test wants one that takes longer", delay)
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if after, _ := d.Summary(ctx); after.Notes != before.Notes {
			t.Fatalf("a cancelled restore changed the database: %d notes, had %d", after.Notes, before.Notes)
		}
		stopped++
	}
	if entries, _ := os.ReadDir(BackupDir(d.Path())); len(entries) != 0 {
		t.Errorf("cancelled restores left %v", entries)
	}
}

// A list size stored before list sizes were bounded does not make status
// fail with "integer overflow".
func TestSummaryWithUnboundedListSize(t *testing.T) {
	ctx := context.Background()
	d := openClocked(t, filepath.Join(t.TempDir(), "o.db"), nil)
	for i, n := range []int64{9223372036854775807, 9223372036854775807, 5} {
		if _, err := d.db.Exec("INSERT INTO practices (ods_code, name, list_size, postcode) VALUES (?, 'P', ?, '')", fmt.Sprintf("A8100%d", i), n); err != nil {
			t.Fatal(err)
		}
	}
	s, err := d.Summary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Population != 9223372036854775807 || s.Practices != 3 {
		t.Errorf("population %d of %d practices", s.Population, s.Practices)
	}
}
