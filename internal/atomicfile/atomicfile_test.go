package atomicfile

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// names lists a folder's entries.
func names(t testing.TB, dir string) []string {
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

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := WriteFile(path, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(path, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "two" {
		t.Fatalf("content = %q, %v", got, err)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(path)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
		}
	}
	if n := names(t, dir); len(n) != 1 {
		t.Errorf("temporary files left behind: %v", n)
	}
}

func TestWriteFileMissingDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "f")
	if err := WriteFile(path, []byte("x"), 0o600); err == nil {
		t.Fatal("want error for a missing directory")
	}
}

// failAt is a writer that accepts n bytes and then fails as a full disk
// does.
type failAt struct {
	w io.Writer
	n int
}

func (f *failAt) Write(p []byte) (int, error) {
	if len(p) > f.n {
		k, _ := f.w.Write(p[:f.n])
		f.n = 0
		return k, syscall.ENOSPC
	}
	f.n -= len(p)
	return f.w.Write(p)
}

// A write that fails part-way, or is cancelled, leaves the old file as it
// was and no temporary file.
func TestWriteFailureKeepsOldFile(t *testing.T) {
	big := []byte(strings.Repeat("x", 3*chunk+17))
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	cases := []struct {
		name string
		ctx  context.Context
		opt  Options
		want error
	}{
		{"disk full at byte 0", context.Background(), Options{Perm: 0o600, Wrap: func(w io.Writer) io.Writer { return &failAt{w, 0} }}, syscall.ENOSPC},
		{"disk full at byte N", context.Background(), Options{Perm: 0o600, Wrap: func(w io.Writer) io.Writer { return &failAt{w, 2*chunk + 5} }}, syscall.ENOSPC},
		{"cancelled", cancelled, Options{Perm: 0o600}, context.Canceled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.json")
			if err := WriteFile(path, []byte("old"), 0o600); err != nil {
				t.Fatal(err)
			}
			err := Write(c.ctx, path, big, c.opt)
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
			if got, _ := os.ReadFile(path); string(got) != "old" {
				t.Errorf("the old file changed: %d bytes", len(got))
			}
			if n := names(t, dir); len(n) != 1 {
				t.Errorf("temporary files left behind: %v", n)
			}
		})
	}
}

func TestWriteTargets(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.json")
	os.WriteFile(real, []byte("old"), 0o600)
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(link, []byte("new"), 0o600); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced by a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "new" {
		t.Errorf("written through the link: %q", got)
	}
	if err := WriteFile(dir, []byte("x"), 0o600); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("a folder as target: %v", err)
	}
}

// A temporary file a killed process left is removed by the next write to
// the same name; one a live writer holds is not.
func TestStaleTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	stale := filepath.Join(dir, ".out.json.123456.tmp")
	other := filepath.Join(dir, ".other.json.123456.tmp")
	for _, p := range []string{stale, other} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	live, err := NewTemp(context.Background(), dir, "out.json", 0o600)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the stale temporary file survived")
	}
	if err := WriteFile(path, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live.Name()); err != nil {
		t.Errorf("a live temporary file was removed: %v", err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("another name's temporary file was removed")
	}
	live.Abort()
	if _, err := os.Stat(live.Name()); !os.IsNotExist(err) {
		t.Error("Abort left the temporary file")
	}
}

func TestCommitNew(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "a.db")
	os.WriteFile(taken, []byte("keep"), 0o600)
	tmp, err := NewTemp(context.Background(), dir, "a.db", 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer tmp.Abort()
	tmp.File().WriteString("new")
	if err := tmp.CommitNew(taken); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("CommitNew over a file: %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(taken); string(got) != "keep" {
		t.Errorf("the existing file changed: %q", got)
	}
	free := filepath.Join(dir, "b.db")
	if err := tmp.CommitNew(free); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(free); string(got) != "new" {
		t.Errorf("committed content %q", got)
	}
	if n := names(t, dir); len(n) != 2 {
		t.Errorf("folder holds %v, want a.db and b.db", n)
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".out.json.123.tmp":         true,
		".out.json.123.tmp-journal": true,
		".out.json.123.tmp-wal":     true,
		".out.json.123-journal":     false,
		".out.json.123.tmp-x":       false,
		".out.json..tmp":            false,
		".out.json.12a.tmp":         false,
		"out.json.123.tmp":          false,
		".out.json.123.tmpx":        false,
		".out.jsonx.123.tmp":        false,
		".out.json.x.123.tmp":       false,
	} {
		if got := IsTemp(name, "out.json"); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
	}
}
