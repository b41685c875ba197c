package mergejob

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pcnvoice/pcnvoice/internal/infile"
)

// Expand turns merge's paths into the files to read: a file stands for
// itself, a folder for its *.json files — not its subfolders (last
// quarter's folder must not creep in) and not hidden files (an atomic
// write's temporary ".x.json.123.tmp", macOS's "._x.json"). Every file
// comes once, sorted, so the reading order and the errors never depend on
// how the paths were typed. Anything that is not a regular file (a FIFO,
// a device, a socket) is refused here, before anything opens it.
func Expand(args []string) ([]string, error) {
	var paths []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file or folder", arg)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		if !fi.IsDir() {
			if err := regular(arg, fi); err != nil {
				return nil, err
			}
			paths = append(paths, filepath.Clean(arg))
			continue
		}
		entries, err := os.ReadDir(arg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", arg, err)
		}
		n := 0
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !strings.EqualFold(filepath.Ext(e.Name()), ".json") {
				continue
			}
			path := filepath.Join(arg, e.Name())
			if !e.Type().IsRegular() { // a link, or worse: look at what it is
				fi, err := os.Stat(path)
				if err != nil {
					return nil, fmt.Errorf("%s: %w", path, err)
				}
				if fi.IsDir() {
					continue
				}
				if err := regular(path, fi); err != nil {
					return nil, err
				}
			}
			paths = append(paths, path)
			n++
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: no .json files in this folder", arg)
		}
	}
	slices.Sort(paths)
	return slices.Compact(paths), nil
}

// regular refuses a path that is not a regular file, before anything
// opens it (opening a FIFO waits for a writer; a device never ends), in
// the words infile uses for every command.
func regular(path string, fi fs.FileInfo) error {
	if fi.Mode().IsRegular() {
		return nil
	}
	return fmt.Errorf("%s: %w", path, infile.ErrNotRegular)
}
