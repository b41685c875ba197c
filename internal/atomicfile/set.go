package atomicfile

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// File is one file of a set that WriteSet writes.
type File struct {
	Path string
	Data []byte
}

// WriteSet writes files as one: a file and the signature beside it, where
// one without the other, or a new one beside an old one, would mislead.
// Every file is written to its temporary file and synced before the first
// is renamed into place, so any failure up to then — a full disk, a
// cancellation, a refused path — leaves every path as it was. Then they
// are renamed into place in order; should a rename fail then (rare: the
// temporaries already sit in the final folders), the files of the set
// already renamed are removed rather than left beside an old partner, and
// the error says so. Put last the file whose appearance says the set is
// complete. Each file is written as Write writes one (opt.Wrap wraps each
// temporary's writer).
func WriteSet(ctx context.Context, files []File, opt Options) error {
	type pending struct {
		tmp          *Temp
		path, target string
	}
	var ps []pending
	defer func() {
		for _, p := range ps {
			p.tmp.Abort()
		}
	}()
	for _, f := range files {
		target, err := resolveTarget(f.Path)
		if err != nil {
			return err
		}
		tmp, err := NewTemp(ctx, filepath.Dir(target), filepath.Base(target), opt.Perm)
		if err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		ps = append(ps, pending{tmp: tmp, path: f.Path, target: target})
		var w io.Writer = tmp.File()
		if opt.Wrap != nil {
			w = opt.Wrap(w)
		}
		if err := writeChunks(ctx, w, f.Data); err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
		if err := tmp.File().Sync(); err != nil {
			return fmt.Errorf("write %s: %w", f.Path, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("write %s: %w", files[0].Path, err)
	}
	for i, p := range ps {
		if err := p.tmp.Commit(p.target); err != nil {
			var removed []error
			for _, done := range ps[:i] {
				removed = append(removed, os.Remove(done.target))
			}
			if i > 0 {
				var names []string
				for _, done := range ps[:i] {
					names = append(names, done.path)
				}
				return fmt.Errorf("write %s: %w (%s, written just before, removed so as not to stand beside the old file%s)",
					p.path, err, strings.Join(names, ", "), failedNote(errors.Join(removed...)))
			}
			return fmt.Errorf("write %s: %w", p.path, err)
		}
	}
	return nil
}

func failedNote(err error) string {
	if err == nil {
		return ""
	}
	return "; removing it failed: " + err.Error()
}

// writeChunks writes data to w a chunk at a time, looking at ctx between
// chunks, so a cancelled write of a large file stops within milliseconds.
func writeChunks(ctx context.Context, w io.Writer, data []byte) error {
	for rest := data; len(rest) > 0; {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := min(len(rest), chunk)
		if _, err := w.Write(rest[:n]); err != nil {
			return err
		}
		rest = rest[n:]
	}
	return ctx.Err()
}
