package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/domain"
)

// rawDB makes an SQLite file with the statements given, through a plain
// connection (no pcnvoice pragmas), and returns its path.
func rawDB(t testing.TB, dir, name string, stmts ...string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	db, err := sql.Open("sqlite", fileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range stmts {
		if _, err := db.Exec(s); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// dirState is every name and content in dir, to show nothing changed.
func dirState(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		b, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		out[e.Name()] = b
	}
	return out
}

// A file that is not a pcnvoice database is refused, with a message that
// says so, before anything could change it — not even a -wal or -shm
// file appears beside it.
func TestOpenRefusesOtherFiles(t *testing.T) {
	ctx := context.Background()
	for name, make := range map[string]func(dir string) string{
		"user_version 0 with tables": func(dir string) string {
			return rawDB(t, dir, "x.db", "CREATE TABLE meta (x)", "INSERT INTO meta VALUES (1)")
		},
		"a WAL database of another program": func(dir string) string {
			return rawDB(t, dir, "x.db", "PRAGMA journal_mode=WAL", "CREATE TABLE things (x)")
		},
		"another application id": func(dir string) string {
			return rawDB(t, dir, "x.db", "PRAGMA application_id = 42", "PRAGMA user_version = 2")
		},
		"a schema version without pcnvoice's tables": func(dir string) string {
			return rawDB(t, dir, "x.db", "CREATE TABLE meta (x)", "PRAGMA user_version = 1")
		},
		"JSON": func(dir string) string {
			p := filepath.Join(dir, "x.db")
			os.WriteFile(p, []byte(`{"format": "pcnvoice.submission", "version": 1}`), 0o600)
			return p
		},
		"a short text file": func(dir string) string {
			p := filepath.Join(dir, "x.db")
			os.WriteFile(p, []byte("hello"), 0o600)
			return p
		},
		"a folder": func(dir string) string {
			p := filepath.Join(dir, "x.db")
			os.Mkdir(p, 0o700)
			return p
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := make(dir)
			before := dirState(t, dir)
			for _, opt := range []Options{{}, {Create: true, Period: "2026/27 Q3"}, {ReadOnlyOK: true}} {
				_, err := Open(ctx, path, opt)
				if !errors.Is(err, ErrNotPCNVoice) || !strings.HasPrefix(err.Error(), path+": not a pcnvoice database (") {
					t.Fatalf("Open(%+v) = %v, want ErrNotPCNVoice naming the file", opt, err)
				}
			}
			after := dirState(t, dir)
			if len(after) != len(before) {
				t.Errorf("files appeared: %v", slices.Collect(func(yield func(string) bool) {
					for k := range after {
						yield(k)
					}
				}))
			}
			for k, v := range before {
				if !bytes.Equal(after[k], v) {
					t.Errorf("%s changed", k)
				}
			}
		})
	}
}

// A database from before pcnvoice set its application id is recognised by
// its tables, and marked on the next open that may write.
func TestOpenMarksOlderDatabases(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	path := d.Path()
	if _, err := d.db.Exec("PRAGMA application_id = 0"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	if marked, err := recognise(ctx, path); err != nil || marked {
		t.Fatalf("unmarked pcnvoice database: marked %v, %v", marked, err)
	}
	d, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	if marked, err := recognise(ctx, path); err != nil || !marked {
		t.Errorf("after an open: marked %v, %v", marked, err)
	}
	// An empty file, and an SQLite file with nothing in it, become databases.
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{empty, rawDB(t, t.TempDir(), "blank.db", "PRAGMA user_version = 0")} {
		d, err := Open(ctx, p, Options{Period: "2026/27 Q3"})
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		d.Close()
	}
}

// A database opened read-only reads as any other; every write says why it
// cannot be made; an older schema it could not upgrade is refused.
func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	d := openTest(t)
	path := d.Path()
	if err := d.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Read PCN"}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	before := dirState(t, filepath.Dir(path))
	_, err := Open(ctx, path, Options{readOnly: "the file is read-only"})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "the file is read-only") {
		t.Fatalf("a writing open of a read-only database: %v", err)
	}
	r, err := Open(ctx, path, Options{ReadOnlyOK: true, readOnly: "the file is read-only"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.ReadOnly() == "" {
		t.Error("ReadOnly() is empty")
	}
	if s, err := r.Summary(ctx); err != nil || s.PCN == nil || s.PCN.Name != "Read PCN" {
		t.Errorf("summary: %+v, %v", s.PCN, err)
	}
	if _, err := r.PrepareExport(ctx, func(s domain.Snapshot, last *domain.ExportRecord) (domain.ExportRecord, error) {
		return domain.ExportRecord{Revision: 1}, nil
	}); err != nil {
		t.Errorf("prepare an export: %v", err)
	}
	writes := map[string]error{
		"save": r.SavePCN(ctx, domain.PCN{Code: "U51234", Name: "Changed"}),
	}
	_, writes["backup"] = r.Backup(ctx, "test")
	_, writes["import"] = r.ImportPractices(ctx, PracticeImport{ListSizes: map[string]int64{}})
	_, _, writes["restore"] = r.RestoreBackedUp(ctx, domain.Snapshot{}, nil)
	for name, err := range writes {
		if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: %v, want ErrReadOnly naming the file", name, err)
		}
	}
	for k, v := range before {
		if now := dirState(t, filepath.Dir(path))[k]; k == filepath.Base(path) && !bytes.Equal(now, v) {
			t.Error("the read-only database changed")
		}
	}

	// An older schema cannot be upgraded read-only.
	all, _ := migrations()
	old := filepath.Join(t.TempDir(), "old.db")
	o, err := Open(ctx, old, Options{Create: true, Period: "2026/27 Q3", migrations: all[:1]})
	if err != nil {
		t.Fatal(err)
	}
	o.Close()
	_, err = Open(ctx, old, Options{ReadOnlyOK: true, readOnly: "its folder is read-only"})
	if !errors.Is(err, ErrReadOnly) || !strings.Contains(err.Error(), "older pcnvoice") {
		t.Errorf("an old schema read-only: %v", err)
	}
}
