package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCheckTarget(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "my.db")
	os.WriteFile(db, []byte("SQLite format 3\x00rest of a database"), 0o600)
	backups := filepath.Join(dir, "backups")
	os.MkdirAll(filepath.Join(backups, "my.db"), 0o700)
	backup := filepath.Join(backups, "my.db", "my-1.db")
	os.WriteFile(backup, []byte("a backup"), 0o600)
	input := filepath.Join(dir, "in.json")
	os.WriteFile(input, []byte("{}"), 0o600)
	protect := []Protect{
		{Path: db, What: "the database"},
		{Path: db + "-wal", What: "the database's log"},
		{Path: backups, What: "the backups folder", Tree: true},
		{Path: input, What: "an input"},
	}
	elsewhere := t.TempDir()
	mk := func(name string, f func(string) error) string {
		p := filepath.Join(elsewhere, name)
		if err := f(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	other := filepath.Join(dir, "other.db")
	os.WriteFile(other, []byte("SQLite format 3\x00another"), 0o600)
	refused := map[string]string{
		"same path":             db,
		"dotted":                filepath.Join(dir, "x", "..", ".", "my.db"),
		"relative":              relTo(t, db),
		"the -wal, not there":   db + "-wal",
		"a backup":              backup,
		"a new file in backups": filepath.Join(backups, "new.json"),
		"backups itself":        backups,
		"an input":              input,
		"symlink to db":         mk("link", func(p string) error { return os.Symlink(db, p) }),
		"hard link to db":       mk("hard", func(p string) error { return os.Link(db, p) }),
		"hard link to a backup": mk("hardb", func(p string) error { return os.Link(backup, p) }),
		"db via linked folder":  filepath.Join(mk("dirlink", func(p string) error { return os.Symlink(dir, p) }), "my.db"),
		"another database":      other,
	}
	if foldCase {
		refused["other case"] = strings.ToUpper(db)
	}
	for name, target := range refused {
		t.Run(name, func(t *testing.T) {
			err := CheckTarget(target, protect)
			if !errors.Is(err, ErrProtected) || !strings.Contains(err.Error(), target) {
				t.Errorf("CheckTarget(%s) = %v, want a refusal naming it", target, err)
			}
		})
	}
	allowed := []string{
		filepath.Join(dir, "out.json"),
		filepath.Join(elsewhere, "my.db"),
		filepath.Join(dir, "backups.json"),
		filepath.Join(dir, "my.db.json"),
		mk("plain.json", func(p string) error { return os.WriteFile(p, []byte("{}"), 0o600) }),
	}
	for _, target := range allowed {
		if err := CheckTarget(target, protect); err != nil {
			t.Errorf("CheckTarget(%s) = %v, want nil", target, err)
		}
	}
	if runtime.GOOS == "linux" && strings.ToUpper(db) != db {
		if err := CheckTarget(strings.ToUpper(db), protect); err != nil {
			t.Errorf("another case on a case-sensitive file system is another file: %v", err)
		}
	}
}

func relTo(t testing.TB, path string) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil {
		t.Fatal(err)
	}
	return rel
}
