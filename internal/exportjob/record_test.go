package exportjob

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/pcnvoice/pcnvoice/internal/atomicfile"
	"github.com/pcnvoice/pcnvoice/internal/domain"
	"github.com/pcnvoice/pcnvoice/internal/store"
)

// failAt accepts n bytes, then fails as a full disk does.
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

func summary(t testing.TB, db *store.DB) store.Summary {
	t.Helper()
	s, err := db.Summary(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A write that fails at any byte — to a file or to stdout — records
// nothing: history and "changed since export" stay as they were, and no
// file or temporary file is left.
func TestFailedWriteRecordsNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	// db has exported once and been edited since; twin, the same content,
	// gives each format's full size.
	db, twin := demoDB(t), demoDB(t)
	if _, err := Run(ctx, db, Options{Out: io.Discard, Now: clock}); err != nil {
		t.Fatal(err)
	}
	size := map[Format]int{}
	for _, d := range []*store.DB{db, twin} {
		if _, err := d.SaveNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-18", Text: "Scanner down."}); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range Formats {
		res, err := Run(ctx, twin, Options{Format: f, Out: io.Discard, Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		size[f] = len(res.Bytes)
	}
	before := summary(t, db)
	for _, f := range Formats {
		for _, at := range []int{0, 1, size[f] / 2, size[f] - 1} {
			wrap := func(w io.Writer) io.Writer { return &failAt{w, at} }
			path := filepath.Join(dir, "out."+string(f))
			_, err := Run(ctx, db, Options{Format: f, Path: path, Now: clock, Wrap: wrap})
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("%s to a file, failing at byte %d: err %v", f, at, err)
			}
			var out bytes.Buffer
			_, err = Run(ctx, db, Options{Format: f, Out: &out, Now: clock, Wrap: wrap})
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("%s to stdout, failing at byte %d: err %v", f, at, err)
			}
			after := summary(t, db)
			if after.LastExport.Revision != before.LastExport.Revision || !after.ChangedSince {
				t.Fatalf("%s failing at byte %d: recorded (last export %d, changed since %v)", f, at, after.LastExport.Revision, after.ChangedSince)
			}
		}
	}
	if n := exports(t, db); n != 1 {
		t.Errorf("%d exports recorded, want the first only", n)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("failed writes left %v", left)
	}
	res, err := Run(ctx, db, Options{Path: filepath.Join(dir, "out.json"), Now: clock})
	if err != nil || res.Record.Revision != 2 {
		t.Fatalf("the export after the failures: revision %d, %v", res.Record.Revision, err)
	}
	if s := summary(t, db); s.ChangedSince || s.LastExport.Revision != 2 {
		t.Errorf("after a good write: %+v", s.LastExport)
	}
}

// An export to stdout is built from one snapshot and recorded after the
// write: an edit made meanwhile still counts as changed since the export.
func TestEditDuringStdoutExport(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	edit := func(w io.Writer) io.Writer {
		return writerFunc(func(p []byte) (int, error) {
			if _, err := db.SaveNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-18", Text: "Edited while exporting."}); err != nil {
				return 0, err
			}
			return w.Write(p)
		})
	}
	res, err := Run(ctx, db, Options{Out: io.Discard, Now: clock, Wrap: edit})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(res.Bytes, []byte("Edited while exporting")) {
		t.Error("the export holds an edit made after its snapshot")
	}
	if s := summary(t, db); s.LastExport == nil || s.LastExport.Revision != 1 || !s.ChangedSince {
		t.Errorf("after an edit during the write: %+v, changed since %v", s.LastExport, s.ChangedSince)
	}
}

// Two exports of different content, the second recorded while the first
// was being written: the first is refused, not recorded under a revision
// number the other already took.
func TestExportRace(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	var inner error
	race := func(w io.Writer) io.Writer {
		return writerFunc(func(p []byte) (int, error) {
			if inner == nil {
				if _, err := db.SaveNote(ctx, domain.Note{Category: "it", Severity: 1, Date: "2026-11-18", Text: "Other window."}); err != nil {
					return 0, err
				}
				_, inner = Run(ctx, db, Options{Out: io.Discard, Now: clock})
				if inner == nil {
					inner = errors.New("done")
				}
			}
			return w.Write(p)
		})
	}
	_, err := Run(ctx, db, Options{Out: io.Discard, Now: clock, Wrap: race})
	if !errors.Is(err, store.ErrExportRace) || !strings.Contains(err.Error(), "export again") {
		t.Fatalf("err = %v, want ErrExportRace", err)
	}
	recs, _ := db.Exports(ctx)
	if len(recs) != 1 || recs[0].Revision != 1 {
		t.Errorf("recorded %+v, want the other window's revision 1 only", recs)
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// The output is refused before anything is read or recorded when it would
// replace the database, its log, a backup or a protected input.
func TestRunRefusesProtectedTargets(t *testing.T) {
	db := demoDB(t)
	ctx := context.Background()
	cfg := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(cfg, []byte("# mine\n"), 0o600)
	backup, err := db.Backup(ctx, "test")
	if err != nil {
		t.Fatal(err)
	}
	protect := []string{db.Path(), db.Path() + "-wal", db.Path() + "-shm", backup, cfg}
	for _, path := range protect {
		_, err := Run(ctx, db, Options{Path: path, Now: clock, Protect: []atomicfile.Protect{{Path: cfg, What: "the config file"}}})
		if err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err %v, want a refusal naming it", path, err)
		}
	}
	if n := exports(t, db); n != 0 {
		t.Errorf("refused exports recorded %d revisions", n)
	}
	if b, _ := os.ReadFile(cfg); string(b) != "# mine\n" {
		t.Error("the config file changed")
	}
}
