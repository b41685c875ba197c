package infile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"

	"github.com/pcnvoice/pcnvoice/internal/wording"
)

// ErrNotRegular is returned (wrapped) for a path that names a FIFO,
// device or socket: reading one could block for ever or never end.
var ErrNotRegular = errors.New("not a regular file (a FIFO, device or socket); pcnvoice reads only files")

// Open opens path for reading if, and only if, it is a regular file. On
// Unix it opens without blocking (O_NONBLOCK), so naming a FIFO with no
// writer cannot hang, then checks the open file itself, so a file swapped
// for a FIFO between a check and the open is caught too.
func Open(path string) (*os.File, fs.FileInfo, error) {
	// Check first where opening itself may block or open a device.
	if fi, err := os.Stat(path); err == nil {
		if err := regular(path, fi); err != nil {
			return nil, nil, err
		}
	}
	f, err := openNonBlocking(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, &noFileError{path}
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	fi, err := f.Stat()
	if err == nil {
		err = regular(path, fi)
	} else {
		err = fmt.Errorf("%s: %w", path, err)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// noFileError says a file is missing in the words every reader uses, and
// matches fs.ErrNotExist, for a caller to whom a missing file is fine.
type noFileError struct{ path string }

func (e *noFileError) Error() string { return e.path + ": no such file" }
func (e *noFileError) Unwrap() error { return fs.ErrNotExist }

func regular(path string, fi fs.FileInfo) error {
	switch {
	case fi.IsDir():
		return fmt.Errorf("%s: is a directory, not a file", path)
	case !fi.Mode().IsRegular():
		return fmt.Errorf("%s: %w", path, ErrNotRegular)
	}
	return nil
}

// ReadContext is Read that stops when ctx ends: it reads in chunks and
// looks at ctx between them.
func ReadContext(ctx context.Context, path string, max int64) ([]byte, error) {
	f, fi, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi.Size() > max {
		return nil, fmt.Errorf("%s: %w (%s bytes; the limit is %s)", path, ErrTooLarge, wording.Thousands(fi.Size()), size(max))
	}
	// Read one byte past the cap so a file that grows while we read is still caught.
	data, err := readAll(ctx, io.LimitReader(f, max+1), fi.Size())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: %w (the limit is %s)", path, ErrTooLarge, size(max))
	}
	return data, nil
}

// readChunk is how much readAll reads between looks at its context.
const readChunk = 1 << 20

// readAll reads r to its end, size bytes expected. The buffer holds the
// whole file and room for the read that finds its end, so a file that
// stays its size is read in one read and one more that says EOF, into one
// allocation of its own size: a merge reads thousands of 10 KB files, and
// a megabyte's room for each (or io.ReadAll's doubling from 512 bytes) was
// most of the merge's allocation. It grows only for a file that grew.
func readAll(ctx context.Context, r io.Reader, size int64) ([]byte, error) {
	buf := make([]byte, 0, size+bytes.MinRead)
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, readChunk)
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), len(buf)+readChunk)])
		buf = buf[:len(buf)+n]
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// size writes a byte count as a person reads it: 64 KiB, 16 MiB, 900 bytes.
func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
