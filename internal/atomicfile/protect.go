package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// Protect is a path an output must never replace.
type Protect struct {
	Path string
	// What names it in the error: "the database", "an input of this command".
	What string
	// Tree marks a folder nothing inside which may be written either.
	Tree bool
}

// ErrProtected is what CheckTarget's errors match with errors.Is.
var ErrProtected = errors.New("pcnvoice never writes over it")

// maxTreeFiles bounds the identity check inside a protected folder: a
// backups folder holds tens of files, not thousands.
const maxTreeFiles = 10000

// CheckTarget returns an error naming target when writing it would
// replace a protected path, or any SQLite database. Paths are compared
// resolved (absolute, ".." and symbolic links followed, case folded on
// Windows and macOS) and, for files that exist, by identity (os.SameFile),
// so neither a symbolic link, a second hard link nor another spelling of a
// name slips past. It writes nothing.
func CheckTarget(target string, protect []Protect) error {
	rt := resolvePath(target)
	tfi, terr := os.Stat(target)
	r := resolver{dirs: map[string]string{}}
	for _, p := range protect {
		if p.Path == "" {
			continue
		}
		rp := r.resolve(p.Path)
		if samePath(rt, rp) {
			return refusal(target, p.What)
		}
		if p.Tree && within(rt, rp) {
			return refusal(target, "inside "+p.What)
		}
		if terr != nil {
			continue
		}
		if pfi, err := os.Stat(p.Path); err == nil && os.SameFile(tfi, pfi) {
			return refusal(target, p.What)
		}
		if p.Tree && inTree(p.Path, tfi) {
			return refusal(target, "a second name for a file inside "+p.What)
		}
	}
	if terr == nil && tfi.Mode().IsRegular() && isSQLite(target) {
		return refusal(target, "an SQLite database")
	}
	return nil
}

func refusal(target, what string) error {
	return fmt.Errorf("%s is %s: %w; choose another file", target, what, ErrProtected)
}

// resolvePath makes path absolute and follows the symbolic links in the
// longest part of it that exists.
func resolvePath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// resolver is resolvePath for many paths at once: a merge protects every
// input, and 1,250 inputs in one folder resolved one by one cost ten
// system calls each, all before the merge starts. A path that is not
// itself a symbolic link resolves as its folder does, plus its name, so
// each folder is resolved once and each path costs one Lstat. That holds
// where a name is only ever spelled one way; on Windows EvalSymlinks also
// rewrites an existing name to its long form (PCNVOI~1.JSO is
// pcnvoice-submission.json), which a name kept as given would miss, so
// there every path is resolved whole, as resolvePath does.
type resolver struct {
	dirs map[string]string
}

func (r resolver) resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	dir := filepath.Dir(abs)
	if fi, err := os.Lstat(abs); runtime.GOOS == "windows" || dir == abs || err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return resolvePath(abs)
	}
	rd, ok := r.dirs[dir]
	if !ok {
		rd = resolvePath(dir)
		r.dirs[dir] = rd
	}
	return filepath.Join(rd, filepath.Base(abs))
}

// foldCase reports whether the platform's usual file systems ignore case.
var foldCase = runtime.GOOS == "windows" || runtime.GOOS == "darwin"

func samePath(a, b string) bool {
	if foldCase {
		return strings.EqualFold(a, b)
	}
	return a == b
}

func within(path, dir string) bool {
	prefix := strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
	if foldCase {
		return len(path) > len(prefix) && strings.EqualFold(path[:len(prefix)], prefix)
	}
	return strings.HasPrefix(path, prefix)
}

// inTree reports whether a file under dir is the file fi describes.
func inTree(dir string, fi fs.FileInfo) bool {
	found, seen := false, 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || seen >= maxTreeFiles {
			return filepath.SkipDir
		}
		seen++
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil && os.SameFile(fi, info) {
				found = true
				return filepath.SkipAll
			}
		}
		return nil
	})
	return found
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

func isSQLite(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, sqliteMagic)
}
