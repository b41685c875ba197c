package store

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

func openTest(t testing.TB) *DB {
	t.Helper()
	d, err := Open(context.Background(), filepath.Join(t.TempDir(), "t.db"), Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func schema(t *testing.T, d *DB) string {
	t.Helper()
	rows, err := d.db.Query("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var a, n, s string
		rows.Scan(&a, &n, &s)
		b.WriteString(a + " " + n + " " + s + "\n")
	}
	return b.String()
}

func TestOpenTwiceSameSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub #1?", "p.db")
	d1, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3"})
	if err != nil {
		t.Fatal(err)
	}
	s1 := schema(t, d1)
	d1.Close()
	d2, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if s2 := schema(t, d2); s1 != s2 {
		t.Errorf("schema changed on reopen")
	}
	if v, _ := d2.userVersion(ctx); v != SchemaVersion() {
		t.Errorf("user_version = %d, want %d", v, SchemaVersion())
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the file with # and ? in its folder is not where asked: %v", err)
	}
}

func TestOpenMissingWithoutCreate(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "none.db"), Options{})
	if !errors.Is(err, ErrNoDatabase) {
		t.Fatalf("err = %v, want ErrNoDatabase", err)
	}
}

func TestMigrateOldToNewWithBackup(t *testing.T) {
	ctx := context.Background()
	all, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 2 {
		t.Fatal("this test wants at least two shipped migrations")
	}
	// A database as the first release made it: schema 1 only.
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := Open(ctx, path, Options{Create: true, Period: "2026/27 Q3", migrations: all[:1]})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Old"}); err != nil {
		t.Fatal(err)
	}
	old.Close()

	// Opened by this release (the embedded migrations, plus one more to show
	// that later migrations run in order after the shipped ones).
	next := append(append([]migration{}, all...), migration{
		version: len(all) + 1, name: "9999_test.sql", sql: "ALTER TABLE pcn ADD COLUMN motto TEXT NOT NULL DEFAULT 'onwards';",
	})
	d, err := Open(ctx, path, Options{migrations: next})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var motto string
	if err := d.db.QueryRow("SELECT motto FROM pcn").Scan(&motto); err != nil || motto != "onwards" {
		t.Fatalf("migration not applied: %q %v", motto, err)
	}
	var idx int
	if err := d.db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'notes_by_severity'").Scan(&idx); err != nil || idx != 1 {
		t.Errorf("0002 did not add notes_by_severity: %d %v", idx, err)
	}
	if v, _ := d.userVersion(ctx); v != len(next) {
		t.Errorf("user_version = %d, want %d", v, len(next))
	}
	if p, _ := d.PCN(ctx); p == nil || p.Name != "Old" {
		t.Errorf("data lost in upgrade: %+v", p)
	}
	entries, _ := os.ReadDir(BackupDir(path))
	if len(entries) != 1 || !strings.Contains(entries[0].Name(), "schema-1") {
		t.Errorf("want one backup of the schema-1 file before upgrading: %v", entries)
	}
}

func TestNewerDatabaseRefused(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	path := d.Path()
	if _, err := d.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	before, _ := os.ReadFile(path)
	_, err := Open(ctx, path, Options{})
	if err == nil || !strings.Contains(err.Error(), "newer pcnvoice") {
		t.Fatalf("err = %v", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Errorf("refused database was changed")
	}
}

func TestReadMigrationsRejectsGaps(t *testing.T) {
	fsys := fstest.MapFS{"m/0001_a.sql": {Data: []byte("")}, "m/0003_c.sql": {Data: []byte("")}}
	if _, err := readMigrations(fsys, "m"); err == nil {
		t.Fatal("a gap in migration numbers must be an error")
	}
}

func TestBackupPrunesToTen(t *testing.T) {
	d := openTest(t)
	for range 12 {
		if _, err := d.Backup(context.Background(), "test"); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(BackupDir(d.Path()))
	if len(entries) != keepBackups {
		t.Errorf("%d backups kept, want %d", len(entries), keepBackups)
	}
}

func TestMapErrOnce(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	d.SavePractice(ctx, domain.Practice{ODSCode: "A00001", Name: "One"})
	d.SavePractice(ctx, domain.Practice{ODSCode: "A00002", Name: "Two"})
	err := d.RenamePractice(ctx, "A00002", domain.Practice{ODSCode: "A00001", Name: "Two"})
	if !errors.Is(err, ErrConflict) || strings.Count(err.Error(), ErrConflict.Error()) != 1 {
		t.Errorf("err = %v, want ErrConflict said once", err)
	}
}
